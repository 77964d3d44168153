/// A task as `duban plan show --json` prints it: flat, with dates as `YYYY-MM-DD`.
public struct TaskListing: Encodable, Hashable, Sendable {
    /// The target as printed: `{"value": 40, "unit": "%", "metric": …, "op": ">="}`.
    public struct TargetListing: Encodable, Hashable, Sendable {
        public var value: Double
        public var unit: String
        public var metric: String
        public var op: String
    }

    public var id: String
    public var kind: TaskKind
    public var action: String
    public var measure: Int?
    public var title: String
    public var lead: String
    public var support: [String]
    public var start: Day?
    public var due: Day?
    public var every: Frequency?
    public var highRiskEvery: Frequency?
    public var target: TargetListing?
    public var dependsOn: [String]
    public var source: String?

    /// The listing of `task`. An obligation's `start` and `due` are its window.
    public init(_ task: PlanTask) {
        id = task.id
        kind = task.kind
        action = task.action
        measure = task.measure
        title = task.title
        lead = task.lead
        support = task.support
        start = task.schedule.start
        due = task.schedule.due
        dependsOn = task.dependsOn.map(\.task)
        source = task.source
        switch task.schedule {
        case .obligation(let obligation):
            every = obligation.every
            highRiskEvery = obligation.highRiskEvery
        case .target(_, _, let threshold):
            target = TargetListing(
                value: threshold.value, unit: threshold.unit, metric: threshold.metric,
                op: threshold.comparison.rawValue)
        case .milestone:
            break
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, action, measure, title, lead, support, start, due, every
        case highRiskEvery = "high_risk_every"
        case target
        case dependsOn = "depends_on"
        case source
    }

    /// Encodes every key, with null for absent values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(action, forKey: .action)
        try container.encode(measure, forKey: .measure)
        try container.encode(title, forKey: .title)
        try container.encode(lead, forKey: .lead)
        try container.encode(support, forKey: .support)
        try container.encode(start, forKey: .start)
        try container.encode(due, forKey: .due)
        try container.encode(every, forKey: .every)
        try container.encode(highRiskEvery, forKey: .highRiskEvery)
        try container.encode(target, forKey: .target)
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encode(source, forKey: .source)
    }
}
