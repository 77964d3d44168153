/// A formal escalation document (督办函/函告, 通报, 约谈通知书, 曝光): one per step from 函告 upward,
/// numbered per year (`高新安办函〔2025〕12号`), addressed to the department that owns the task.
public struct EscalationLetter: Hashable, Sendable, Codable {
    /// One progress report cited in the letter.
    public struct Report: Hashable, Sendable, Codable {
        public var date: Day
        /// `60%`, `2024Q1 done`, `31` (a target's value).
        public var value: String
        public var note: String?

        public init(date: Day, value: String, note: String?) {
            self.date = date
            self.value = value
            self.note = note
        }
    }

    /// The escalation step the letter carries out.
    public var step: Int64
    /// `高新安办函〔2025〕12号`.
    public var number: String
    public var year: Int
    /// The letter's number within its year.
    public var sequence: Int
    /// The day it is issued.
    public var issued: Day
    /// The rung's id: `letter`, `notice`, `summons`, `exposure`.
    public var rung: String
    public var department: String
    public var departmentName: String
    public var task: String
    public var title: String
    /// The plan's sentence the task comes from.
    public var source: String?
    public var due: Day
    public var expected: Double
    public var reported: Double
    public var light: Light
    public var status: TaskStatus
    /// Reports so far, oldest first.
    public var reports: [Report]
    /// The steps before this one, e.g. "2024-03-05 函告".
    public var history: [String]
    /// Why the ladder (or the office) took the step, as the ladder recorded it.
    public var reason: String
    /// The grounds in the letter's words (督办依据).
    public var basis: String
    /// The day the department must answer by.
    public var replyBy: Day

    /// Makes the letter's content.
    public init(
        step: Int64, prefix: String, year: Int, sequence: Int, issued: Day, rung: EscalationRung,
        department: Department,
        task: PlanTask, evaluation: TaskEvaluation?, reports: [Report], history: [EscalationStep], reason: String,
        rule: EscalationRule, replyBy: Day
    ) {
        self.step = step
        number = "\(prefix)〔\(year)〕\(sequence)号"
        self.year = year
        self.sequence = sequence
        self.issued = issued
        self.rung = rung.name
        self.department = department.id
        departmentName = department.name
        self.task = task.id
        title = task.title
        source = task.source
        due = task.schedule.due
        expected = evaluation.map { TaskEvaluation.rounded($0.expected) } ?? 0
        reported = evaluation.map { TaskEvaluation.rounded($0.reported) } ?? 0
        light = evaluation?.light ?? .green
        status = evaluation?.status ?? .notStarted
        self.reports = reports
        self.history = history.filter { $0.kind == .rung && $0.id != step }.map {
            "\($0.date) \($0.rung.chinese)（\($0.state.chinese)）"
        }
        self.reason = reason
        basis = EscalationStep.basis(rule: rule, rung: rung, reason: reason)
        self.replyBy = replyBy
    }
}

extension EscalationStep {
    /// The grounds for a step in the office's words (督办依据), from the rule that made it.
    public var basis: String { Self.basis(rule: rule, rung: rung, reason: reason) }

    static func basis(rule: EscalationRule, rung: EscalationRung, reason: String) -> String {
        let office = "forced by the office: "
        return switch rule {
        case .redFirst: "该任务在月调度中亮红灯（滞后序时进度30个百分点以上或已逾期）。"
        case .redClimb: "该任务在上次月调度时已亮红灯，前期督办后仍未改善，按督查督办机制提级为\(rung.chinese)。"
        case .yellowReminder: "该任务滞后序时进度10个百分点以上（黄灯）。"
        case .blockedPrerequisite: "该任务是其他任务的前置任务，其滞后已影响后续任务推进。"
        case .officeForce:
            "区安委会办公室决定提级督办：\(reason.hasPrefix(office) ? String(reason.dropFirst(office.count)) : reason)。"
        case .recovered, .officeOwn: reason
        }
    }
}

extension StepState {
    /// The state as the office writes it.
    public var chinese: String {
        switch self {
        case .proposed: "待审批"
        case .approved: "已批准"
        case .sent: "已发送"
        case .held: "暂缓"
        case .skipped: "跳过"
        }
    }
}
