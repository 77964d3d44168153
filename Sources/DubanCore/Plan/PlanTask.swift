/// A unit of work the office follows: a dated milestone, a recurring duty or a numeric target.
public struct PlanTask: Hashable, Sendable {
    /// Stable ASCII id; progress and history follow it across reloads.
    public var id: String
    /// What must be done, in the plan's words.
    public var title: String
    /// The id of the plan that defines the task.
    public var plan: String
    /// The id of the action the task belongs to.
    public var action: String
    /// The number of the measure the task belongs to, or nil for tasks directly under an action.
    public var measure: Int?
    /// The lead department's id (牵头).
    public var lead: String
    /// Supporting departments' ids (配合).
    public var support: [String]
    /// When the task runs and what it asks for.
    public var schedule: Schedule
    /// Tasks that must be done before this one can be.
    public var dependsOn: [Dependency]
    /// The plan sentence the task comes from.
    public var source: String?
    /// Where the task was written.
    public var location: SourceLocation?
    /// The hazard-ledger goal whose computed value is the task's progress, instead of reports.
    public var ledger: LedgerGoal?

    /// Makes a task.
    public init(
        id: String, title: String, plan: String, action: String, measure: Int?, lead: String, support: [String] = [],
        schedule: Schedule, dependsOn: [Dependency] = [], source: String? = nil, location: SourceLocation? = nil,
        ledger: LedgerGoal? = nil
    ) {
        self.id = id
        self.title = title
        self.plan = plan
        self.action = action
        self.measure = measure
        self.lead = lead
        self.support = support
        self.schedule = schedule
        self.dependsOn = dependsOn
        self.source = source
        self.location = location
        self.ledger = ledger
    }

    /// The task's kind, as the command line and the store name it.
    public var kind: TaskKind { schedule.kind }
}

/// The three kinds of task.
public enum TaskKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A dated milestone ("2024年底前…").
    case milestone
    /// A recurring duty ("每季度至少1次").
    case obligation
    /// A numeric target ("占比达到40%").
    case target
}

/// A prerequisite: this task cannot be done until `task` is, plus `lagDays`.
public struct Dependency: Hashable, Sendable, Codable {
    /// The prerequisite task's id.
    public var task: String
    /// Days that must pass after the prerequisite is due before this task can finish its work.
    public var lagDays: Int
    /// Where the dependency was written.
    public var location: SourceLocation?

    /// Makes a dependency.
    public init(task: String, lagDays: Int = 0, location: SourceLocation? = nil) {
        self.task = task
        self.lagDays = lagDays
        self.location = location
    }
}
