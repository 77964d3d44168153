import DubanCore
import DubanStore
import Foundation

/// A task as the API shows it: the plan's fields and its evaluation as of today.
struct TaskView: Encodable {
    var id: String
    var title: String
    var kind: String
    var action: String
    var measure: Int?
    var lead: String
    var support: [String]
    var due: Day
    var expected: Double
    var reported: Double
    var lag: Double
    var light: String
    var status: String
    var blockedBy: [String]

    enum CodingKeys: String, CodingKey {
        case id, title, kind, action, measure, lead, support, due, expected, reported, lag, light, status
        case blockedBy = "blocked_by"
    }

    init(_ task: PlanTask, _ evaluation: TaskEvaluation?) {
        id = task.id
        title = task.title
        kind = task.kind.rawValue
        action = task.action
        measure = task.measure
        lead = task.lead
        support = task.support
        due = task.schedule.due
        expected = TaskEvaluation.published(evaluation?.expected ?? 0)
        reported = TaskEvaluation.published(evaluation?.reported ?? 0)
        lag = TaskEvaluation.published(evaluation?.lag ?? 0)
        light = (evaluation?.light ?? .green).rawValue
        status = (evaluation?.status ?? .notStarted).rawValue
        blockedBy = evaluation?.blockedBy ?? []
    }
}

/// An escalation step as the API shows it, with its letter and acknowledgement.
struct StepView: Encodable {
    var id: Int64
    var task: String
    var department: String
    var rung: String
    var date: Day
    var state: String
    var rule: String
    var reason: String
    var letter: String?
    var acknowledgedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, task, department, rung, date, state, rule, reason, letter
        case acknowledgedAt = "acknowledged_at"
    }

    init(_ step: EscalationStep, letter: String?, acknowledgement: Acknowledgement?) {
        id = step.id ?? 0
        task = step.task
        department = step.department
        rung = step.kind == .reset ? "reset" : step.rung.name
        date = step.date
        state = step.state.rawValue
        rule = step.rule.rawValue
        reason = step.reason
        self.letter = letter
        acknowledgedAt = acknowledgement?.at
    }
}

/// A progress report as the API shows it.
struct ReportView: Encodable {
    var id: Int64
    var task: String
    var department: String
    var date: Day
    var percent: Double?
    var occurrence: String?
    var done: Bool?
    var value: Double?
    var note: String?

    init(_ report: ProgressReport) {
        id = report.id ?? 0
        task = report.taskId
        department = report.departmentId
        date = report.date
        percent = report.percent
        occurrence = report.occurrence
        done = report.done
        value = report.value
        note = report.note
    }
}

extension TaskEvaluation {
    /// A figure as documents and the API publish it: one decimal.
    static func published(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
