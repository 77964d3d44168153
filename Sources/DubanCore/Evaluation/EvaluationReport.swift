/// The evaluation as `duban evaluate --json` and `GET /api/evaluation` print it: every task, the
/// roll-up per department, and the escalations each department received this year — all a
/// bulletin's ranking needs to be recomputed.
public struct EvaluationReport: Encodable, Sendable {
    public var asOf: Day
    public var tasks: [TaskEvaluation]
    public var departments: [Rollup]
    /// Escalation steps each department received this year up to the day.
    public var escalations: [String: Int]
    /// The goals whose progress the hazard ledger gives, with the counts and how each was computed.
    public var goals: [GoalComputation]

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case tasks, departments
        case escalations = "escalations_this_year"
        case goals
    }

    /// Makes a report.
    public init(
        asOf: Day, tasks: [TaskEvaluation], departments: [Rollup], escalations: [String: Int],
        goals: [GoalComputation] = []
    ) {
        self.asOf = asOf
        self.tasks = tasks
        self.departments = departments
        self.escalations = escalations
        self.goals = goals.sorted { $0.task < $1.task }
    }
}

extension EvaluationReport {
    /// The report as JSON, the same bytes `JSONEncoder` writes with sorted keys (pretty or compact)
    /// at a fraction of its cost: a 100,000-task report is mostly tasks.
    public func json(pretty: Bool) throws -> [UInt8] {
        var whole: [UInt8] = []
        whole.reserveCapacity(512 + tasks.count * (pretty ? 420 : 260))
        try json(pretty: pretty, piece: .max) { whole += $0 }
        return whole
    }

    /// The same JSON handed to `write` in pieces of about `piece` bytes (at most some 4,000 tasks'
    /// worth) as it is written, so that a large report is never held whole (a 100,000-task report
    /// is 39 MB pretty). The tasks are written two runs at a time, on two threads.
    public func json(pretty: Bool, piece: Int, _ write: ([UInt8]) throws -> Void) throws {
        let taskBytes = pretty ? 420 : 260
        var json = JSONWriter(pretty: pretty, capacity: 1 << 16)
        try json.object { report in
            report.key("as_of")
            report.day(asOf)
            report.key("departments")
            try report.array(departments) { try $1.write(to: &$0) }
            report.key("escalations_this_year")
            report.object(sorting: escalations) { $0.number($1) }
            report.key("goals")
            try report.array(goals) { try $0.encoded($1) }
            report.key("tasks")
            // Writing the tasks is most of writing a large report: two lanes, as these machines
            // have two cores, each run of tasks a piece.
            let chunk = min(max(piece / taskBytes, 256), 4096)
            if tasks.count >= 2 * chunk {
                try report.array(tasks, chunk: chunk, lanes: 2, write: write) { try $1.write(to: &$0) }
            } else {
                try report.array(tasks) { json, task in
                    try task.write(to: &json)
                    if json.count >= piece { try json.flush(write) }
                }
            }
        }
        try write(json.bytes)
    }
}

extension TaskEvaluation {
    /// The task as its `Encodable` conformance writes it, keys in sorted order.
    func write(to json: inout JSONWriter) throws {
        try json.object { task in
            task.key("blocked_by")
            task.array(blockedBy)
            task.key("due")
            task.day(due)
            task.key("expected")
            try task.number(Self.rounded(expected))
            task.key("forecast")
            task.day(forecast)
            task.key("id")
            task.string(id)
            task.key("kind")
            task.string(kind.rawValue)
            task.key("lag")
            try task.number(Self.rounded(lag))
            task.key("lead")
            task.string(lead)
            task.key("light")
            task.string(light.rawValue)
            task.key("missed_occurrences")
            task.array(missedOccurrences)
            task.key("reported")
            try task.number(Self.rounded(reported))
            task.key("slack_days")
            task.number(slackDays)
            task.key("status")
            task.string(status.rawValue)
        }
    }
}

extension Rollup {
    /// The roll-up as its `Encodable` conformance writes it, keys in sorted order.
    func write(to json: inout JSONWriter) throws {
        try json.object { rollup in
            rollup.key("blocked")
            rollup.number(statuses[.blocked] ?? 0)
            rollup.key("blue")
            rollup.number(lights[.blue] ?? 0)
            rollup.key("done")
            rollup.number(statuses[.done] ?? 0)
            rollup.key("expected")
            try rollup.number(TaskEvaluation.rounded(expected))
            rollup.key("green")
            rollup.number(lights[.green] ?? 0)
            rollup.key("key")
            rollup.string(key)
            rollup.key("lag")
            try rollup.number(TaskEvaluation.rounded(lag))
            rollup.key("overdue")
            rollup.number(statuses[.overdue] ?? 0)
            rollup.key("red")
            rollup.number(lights[.red] ?? 0)
            rollup.key("reported")
            try rollup.number(TaskEvaluation.rounded(reported))
            rollup.key("tasks")
            rollup.number(tasks)
            rollup.key("yellow")
            rollup.number(lights[.yellow] ?? 0)
        }
    }
}
