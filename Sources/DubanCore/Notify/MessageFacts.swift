/// What a message is about, as data: the tasks it names with their lights, progress and due days,
/// and the escalation step it carries. Webhooks send it beside the text (`data.facts`), so a
/// receiving system reads the facts instead of parsing Chinese prose.
public struct MessageFacts: Hashable, Sendable, Codable {
    /// The job's period (`2025-06`, `2025Q2`, `2025`, or the reminders' day).
    public var period: String?
    /// The tasks the message names, in its order.
    public var tasks: [TaskFact]
    /// The escalation step, for a letter.
    public var step: StepFact?

    public init(period: String? = nil, tasks: [TaskFact] = [], step: StepFact? = nil) {
        self.period = period
        self.tasks = tasks
        self.step = step
    }

    /// One task as a message names it.
    public struct TaskFact: Hashable, Sendable, Codable {
        public var task: String
        public var title: String
        /// The lead department.
        public var department: String?
        public var due: Day
        public var light: Light?
        public var status: TaskStatus?
        /// 序时进度 and the reported progress, in percent.
        public var expected: Double?
        public var reported: Double?
        /// For a reminder: working days until `due`.
        public var workingDaysLeft: Int?

        public init(
            task: String, title: String, department: String? = nil, due: Day, light: Light? = nil,
            status: TaskStatus? = nil, expected: Double? = nil, reported: Double? = nil, workingDaysLeft: Int? = nil
        ) {
            self.task = task
            self.title = title
            self.department = department
            self.due = due
            self.light = light
            self.status = status
            self.expected = expected
            self.reported = reported
            self.workingDaysLeft = workingDaysLeft
        }

        enum CodingKeys: String, CodingKey {
            case task, title, department, due, light, status, expected, reported
            case workingDaysLeft = "working_days_left"
        }
    }

    /// An escalation step as a message carries it.
    public struct StepFact: Hashable, Sendable, Codable {
        public var id: Int64?
        public var task: String
        public var department: String
        /// `reminder`, `letter`, `notice`, `summons`, `exposure`.
        public var rung: String
        public var state: StepState
        public var rule: EscalationRule
        public var date: Day
        /// The letter's number and the day a reply is due, for a letter.
        public var letter: String?
        public var replyBy: Day?

        public init(_ step: EscalationStep, letter: String? = nil, replyBy: Day? = nil) {
            id = step.id
            task = step.task
            department = step.department
            rung = step.rung.name
            state = step.state
            rule = step.rule
            date = step.date
            self.letter = letter
            self.replyBy = replyBy
        }

        enum CodingKeys: String, CodingKey {
            case id, task, department, rung, state, rule, date, letter
            case replyBy = "reply_by"
        }
    }
}
