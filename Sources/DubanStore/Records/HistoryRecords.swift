import DubanCore
import Foundation
import GRDB

/// A row of `taskRevision`: one field of one task changed by a plan load, with both values.
public struct TaskRevision: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "taskRevision"

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

    /// The columns queries filter and sort on.
    public enum Columns {
        public static let taskId = Column(CodingKeys.taskId)
        public static let id = Column(CodingKeys.id)
    }
}

/// A row of `planLoad`: one `duban plan load`, with the files it read.
struct PlanLoadRecord: Codable, Hashable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "planLoad"

    var id: Int64?
    var at: Date
    var actor: String
    var files: [String]

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `progressReport`: what a department said of a task's progress on a day.
public struct ProgressReport: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "progressReport"

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

    /// The columns queries filter and sort on.
    public enum Columns {
        public static let taskId = Column(CodingKeys.taskId)
        public static let date = Column(CodingKeys.date)
        public static let id = Column(CodingKeys.id)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `auditLog`: who did what to which record, and when.
public struct AuditEntry: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditLog"

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

    /// The columns queries filter and sort on.
    public enum Columns {
        public static let subject = Column(CodingKeys.subject)
        public static let id = Column(CodingKeys.id)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
