/// Every task's evaluation as of a day, with roll-ups per department, measure and action.
public struct Evaluation: Sendable {
    /// The day evaluated.
    public var asOf: Day
    /// Tasks in plan order: the evaluator gives `tasks[i]` for `graph.tasks[i]`.
    public var tasks: [TaskEvaluation]
    /// The graph the tasks came from.
    public var graph: TaskGraph
    /// The goals whose progress the hazard ledger gives, by task id, with how each was computed.
    public var computed: [String: GoalComputation] = [:]

    /// The evaluation of the task with id `id`.
    public func task(_ id: String) -> TaskEvaluation? {
        graph.index[id].map { tasks[$0] }
    }

    /// Where in `graph.tasks` the task evaluated at `tasks[index]` is: the same place when the
    /// evaluation is in the graph's order (no look-up of its id, a million of them in a province's
    /// roll-ups and bulletin), found by its id otherwise.
    public func node(of index: Int) -> Int {
        let id = tasks[index].id
        if index < graph.tasks.count, graph.tasks[index].id == id { return index }
        return graph.index[id]!
    }

    /// Roll-ups per lead department, in the order the departments are given (others after, by id).
    public func departments(_ registry: [Department]) -> [Rollup] {
        rollups(registry.map(\.id)) { tasks[$0].lead }
    }

    /// Roll-ups per measure number, in number order (tasks directly under an action are left out).
    public func measures() -> [Rollup] {
        rollups([]) { graph.tasks[node(of: $0)].measure.map(String.init) }
            .sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
    }

    /// Roll-ups per action, in the order given.
    public func actions(_ actions: [Action]) -> [Rollup] {
        rollups(actions.map(\.id)) { graph.tasks[node(of: $0)].action }
    }

    /// Roll-ups keyed by `key` of each task's index in `tasks`.
    private func rollups(_ order: [String], key: (Int) -> String?) -> [Rollup] {
        // Counted by each light's and status's place, and made roll-ups once at the end: two
        // dictionary updates a task were most of rolling up 100,000 tasks.
        var slots: [String: Int] = [:]
        var tallies: [Rollup.Tally] = []
        for index in tasks.indices {
            guard let k = key(index) else { continue }
            let slot: Int
            if let known = slots[k] {
                slot = known
            } else {
                slot = tallies.count
                slots[k] = slot
                tallies.append(Rollup.Tally(key: k))
            }
            tallies[slot].add(tasks[index])
        }
        var byKey = Dictionary(uniqueKeysWithValues: tallies.map { ($0.key, $0.rollup) })
        let known = order.compactMap { byKey.removeValue(forKey: $0) }
        return known + byKey.values.sorted { $0.key < $1.key }
    }
}

/// Counts and averages over a group of task evaluations.
public struct Rollup: Hashable, Sendable, Encodable {
    /// The department id, measure number or action id.
    public var key: String
    /// Tasks in the group.
    public var tasks = 0
    /// Tasks per light.
    public var lights: [Light: Int] = [:]
    /// Tasks per status.
    public var statuses: [TaskStatus: Int] = [:]
    /// Sum of expected percent, for the average.
    var expectedSum = 0.0
    /// Sum of reported percent, for the average.
    var reportedSum = 0.0

    /// Makes an empty roll-up.
    public init(key: String) {
        self.key = key
    }

    /// Average expected percent.
    public var expected: Double { tasks == 0 ? 0 : expectedSum / Double(tasks) }
    /// Average reported percent.
    public var reported: Double { tasks == 0 ? 0 : reportedSum / Double(tasks) }
    /// Average lag in points.
    public var lag: Double { max(0, expected - reported) }

    /// A roll-up being counted: tasks per light and status by their place in `allCases`.
    struct Tally {
        let key: String
        var tasks = 0
        var lights = [Int](repeating: 0, count: Light.allCases.count)
        var statuses = [Int](repeating: 0, count: TaskStatus.allCases.count)
        var expectedSum = 0.0
        var reportedSum = 0.0

        init(key: String) {
            self.key = key
        }

        mutating func add(_ task: TaskEvaluation) {
            tasks += 1
            lights[task.light.severity] += 1
            statuses[task.status.place] += 1
            expectedSum += task.expected
            reportedSum += task.reported
        }

        /// The roll-up, with only the lights and statuses some task has (as counting into
        /// dictionaries left them).
        var rollup: Rollup {
            var rollup = Rollup(key: key)
            rollup.tasks = tasks
            rollup.expectedSum = expectedSum
            rollup.reportedSum = reportedSum
            for (place, light) in Light.allCases.enumerated() where lights[place] > 0 {
                rollup.lights[light] = lights[place]
            }
            for (place, status) in TaskStatus.allCases.enumerated() where statuses[place] > 0 {
                rollup.statuses[status] = statuses[place]
            }
            return rollup
        }
    }

    enum CodingKeys: String, CodingKey {
        case key, tasks, expected, reported, lag, green, blue, yellow, red, done, overdue, blocked
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(TaskEvaluation.rounded(expected), forKey: .expected)
        try container.encode(TaskEvaluation.rounded(reported), forKey: .reported)
        try container.encode(TaskEvaluation.rounded(lag), forKey: .lag)
        try container.encode(lights[.green] ?? 0, forKey: .green)
        try container.encode(lights[.blue] ?? 0, forKey: .blue)
        try container.encode(lights[.yellow] ?? 0, forKey: .yellow)
        try container.encode(lights[.red] ?? 0, forKey: .red)
        try container.encode(statuses[.done] ?? 0, forKey: .done)
        try container.encode(statuses[.overdue] ?? 0, forKey: .overdue)
        try container.encode(statuses[.blocked] ?? 0, forKey: .blocked)
    }
}
