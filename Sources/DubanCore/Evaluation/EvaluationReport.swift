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
