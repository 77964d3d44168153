/// The rungs of the escalation ladder, in order: 督促提醒 → 函告 → 通报 → 约谈 → 曝光 (→ 问责).
public enum EscalationRung: Int, Hashable, Sendable, CaseIterable, Comparable, Codable {
    /// 督促提醒: a reminder to the department.
    case reminder = 0
    /// 函告: a warning letter.
    case letter
    /// 通报: a circulated notice.
    case notice
    /// 约谈: a summons interview with the department's leaders.
    case summons
    /// 曝光: public exposure.
    case exposure
    /// 问责: accountability — only ever proposed; people decide.
    case accountability

    /// The rung's name as the office writes it.
    public var chinese: String {
        switch self {
        case .reminder: "督促提醒"
        case .letter: "函告"
        case .notice: "通报"
        case .summons: "约谈"
        case .exposure: "曝光"
        case .accountability: "问责"
        }
    }

    /// The rung's id on the command line and in JSON.
    public var name: String {
        switch self {
        case .reminder: "reminder"
        case .letter: "letter"
        case .notice: "notice"
        case .summons: "summons"
        case .exposure: "exposure"
        case .accountability: "accountability"
        }
    }

    /// Reads a rung's id or Chinese name.
    public init?(name: String) {
        guard let rung = Self.allCases.first(where: { $0.name == name || $0.chinese == name }) else { return nil }
        self = rung
    }

    /// The rung after this one, or nil at the top.
    public var next: EscalationRung? {
        EscalationRung(rawValue: rawValue + 1)
    }

    public static func < (lhs: EscalationRung, rhs: EscalationRung) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// Where an escalation step stands.
public enum StepState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Decided, waiting for the office's approval (约谈, 曝光, 问责).
    case proposed
    /// Approved by the office (or needing no approval), to be sent.
    case approved
    /// Delivered to the department.
    case sent
    /// Paused by the office: the ladder waits for this task.
    case held
    /// Passed over by the office: not sent, but the rung counts as reached.
    case skipped
}

/// One step of the ladder for one task: a rung reached, or a reset on recovery.
public struct EscalationStep: Hashable, Sendable {
    /// What the step is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A rung of the ladder.
        case rung
        /// The task recovered to green: the ladder starts again (history kept).
        case reset
    }

    /// Row id in the store, once stored.
    public var id: Int64?
    /// A rung or a reset.
    public var kind: Kind
    /// The task the step is about.
    public var task: String
    /// The department it is addressed to (the task's lead, or a blocking prerequisite's lead).
    public var department: String
    /// The rung (a reset carries the rung it leaves).
    public var rung: EscalationRung
    /// The day the step was decided.
    public var date: Day
    /// Where it stands.
    public var state: StepState
    /// Why, in words, naming the rule.
    public var reason: String
    /// The rule that made it.
    public var rule: EscalationRule

    /// Makes a step.
    public init(
        id: Int64? = nil, kind: Kind = .rung, task: String, department: String, rung: EscalationRung, date: Day,
        state: StepState, reason: String, rule: EscalationRule
    ) {
        self.id = id
        self.kind = kind
        self.task = task
        self.department = department
        self.rung = rung
        self.date = date
        self.state = state
        self.reason = reason
        self.rule = rule
    }
}

/// The ladder's settings: every number is a policy setting.
public struct EscalationPolicy: Hashable, Sendable {
    /// Days that must pass after a rung before the next one.
    public var cooldownDays: Int
    /// Rungs the office must approve before anything is sent.
    public var approvalRungs: Set<EscalationRung>
    /// Whether the office's own red tasks climb the ladder like any department's (`climb`), or are
    /// reminded at each dispatch and never climb (`remind`, the default): the office does not write
    /// 函告 to, circulate, summon or expose itself.
    public var officeTasksClimb: Bool

    /// The defaults: 28 days between rungs, 约谈, 曝光 and 问责 need approval, and the office's own
    /// tasks are reminded only.
    ///
    /// 28 rather than 30: monthly dispatches fall on the first working day on or after a date, so two
    /// dispatches can be 29 days apart (2024-04-07 → 2024-05-06 around the May holiday), and a 30-day
    /// cooldown would skip a month.
    public init(
        cooldownDays: Int = 28, approvalRungs: Set<EscalationRung> = [.summons, .exposure, .accountability],
        officeTasksClimb: Bool = false
    ) {
        self.cooldownDays = cooldownDays
        self.approvalRungs = approvalRungs
        self.officeTasksClimb = officeTasksClimb
    }
}
