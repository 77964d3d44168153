import DubanCore
import Foundation

/// A row of `taskRevision`: one field of one task changed by a plan load, with both values.
public struct TaskRevision: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "taskRevision"
    static let columns = ["id", "taskId", "revision", "loadId", "field", "oldValue", "newValue", "at"]

    /// Row id.
    public var id: Int64?
    /// The task.
    public var taskId: String
    /// The task's revision number after the change.
    public var revision: Int
    /// The plan load that made the change.
    public var loadId: Int64
    /// The field, or `archived` / `restored` / `added`.
    public var field: String
    /// The value before, as text.
    public var oldValue: String?
    /// The value after, as text.
    public var newValue: String?
    /// When the load ran.
    public var at: Date

    init(row: SQLRow) throws {
        id = try row["id"]
        taskId = try row["taskId"]
        revision = try row["revision"]
        loadId = try row["loadId"]
        field = try row["field"]
        oldValue = try row["oldValue"]
        newValue = try row["newValue"]
        at = try row["at"]
    }

    var values: [(any SQLValueConvertible)?] { [id, taskId, revision, loadId, field, oldValue, newValue, at] }
}

/// A row of `planLoad`: one `duban plan load`, with the files it read.
struct PlanLoadRecord: Hashable, IdentifiedRecord {
    static let table = "planLoad"
    static let columns = ["id", "at", "actor", "files"]

    var id: Int64?
    var at: Date
    var actor: String
    var files: [String]

    init(id: Int64?, at: Date, actor: String, files: [String]) {
        self.id = id
        self.at = at
        self.actor = actor
        self.files = files
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        at = try row["at"]
        actor = try row["actor"]
        files = (try row["files"] as StoredList).items
    }

    var values: [(any SQLValueConvertible)?] { [id, at, actor, StoredList(items: files)] }
}

/// A row of `progressReport`: what a department said of a task's progress on a day.
public struct ProgressReport: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "progressReport"
    static let columns = [
        "id", "taskId", "percent", "occurrence", "done", "value", "departmentId", "date", "note", "reportedAt",
    ]

    /// Row id.
    public var id: Int64?
    /// The task.
    public var taskId: String
    /// Percent done, 0–100 (milestones).
    public var percent: Double?
    /// The occurrence's period key (recurring duties).
    public var occurrence: String?
    /// Whether the occurrence was done (recurring duties).
    public var done: Bool?
    /// The measured value (targets).
    public var value: Double?
    /// The reporting department.
    public var departmentId: String
    /// The day the progress was true.
    public var date: Day
    /// Free text from the department.
    public var note: String?
    /// When the report was recorded.
    public var reportedAt: Date

    /// Makes a report.
    public init(
        id: Int64? = nil, taskId: String, percent: Double? = nil, occurrence: String? = nil, done: Bool? = nil,
        value: Double? = nil, departmentId: String, date: Day, note: String? = nil, reportedAt: Date
    ) {
        self.id = id
        self.taskId = taskId
        self.percent = percent
        self.occurrence = occurrence
        self.done = done
        self.value = value
        self.departmentId = departmentId
        self.date = date
        self.note = note
        self.reportedAt = reportedAt
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        taskId = try row["taskId"]
        percent = try row["percent"]
        occurrence = try row["occurrence"]
        done = try row["done"]
        value = try row["value"]
        departmentId = try row["departmentId"]
        date = try row["date"]
        note = try row["note"]
        reportedAt = try row["reportedAt"]
    }

    var values: [(any SQLValueConvertible)?] {
        [id, taskId, percent, occurrence, done, value, departmentId, date, note, reportedAt]
    }
}

/// A row of `auditLog`: who did what to which record, and when.
public struct AuditEntry: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "auditLog"
    static let columns = ["id", "at", "actor", "action", "subject", "detail"]

    /// Row id.
    public var id: Int64?
    /// When.
    public var at: Date
    /// Who: a user, a token's identity, or `duban` for the scheduler.
    public var actor: String
    /// What, e.g. `plan.load`, `progress.report`.
    public var action: String
    /// The record acted on, e.g. a task id.
    public var subject: String
    /// Details as text (JSON or a sentence).
    public var detail: String

    /// Makes an entry.
    public init(id: Int64? = nil, at: Date, actor: String, action: String, subject: String, detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        at = try row["at"]
        actor = try row["actor"]
        action = try row["action"]
        subject = try row["subject"]
        detail = try row["detail"]
    }

    var values: [(any SQLValueConvertible)?] { [id, at, actor, action, subject, detail] }
}
