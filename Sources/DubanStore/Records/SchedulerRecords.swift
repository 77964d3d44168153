import DubanCore
import Foundation
import GRDB

/// A row of `jobRun`: one job's run for one period. `(job, period)` is unique, which is what makes
/// every period run exactly once however many processes tick.
public struct JobRunRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "jobRun"

    /// Row id.
    public var id: Int64?
    /// The job's name.
    public var job: String
    /// The period key.
    public var period: String
    /// When it fell due, `YYYY-MM-DD HH:MM` Asia/Shanghai.
    public var dueAt: String
    /// The day it judged as of.
    public var asOf: Day
    /// When it ran.
    public var ranAt: Date
    /// What it decided, in a line.
    public var summary: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `escalationStep`.
struct EscalationStepRecord: Codable, Hashable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "escalationStep"

    var id: Int64?
    var runId: Int64?
    var kind: String
    var taskId: String
    var departmentId: String
    var rung: String
    var date: Day
    var state: String
    var reason: String
    var rule: String

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ step: EscalationStep, runId: Int64?) {
        id = step.id
        self.runId = runId
        kind = step.kind.rawValue
        taskId = step.task
        departmentId = step.department
        rung = step.rung.name
        date = step.date
        state = step.state.rawValue
        reason = step.reason
        rule = step.rule
    }

    var step: EscalationStep {
        EscalationStep(
            id: id, kind: EscalationStep.Kind(rawValue: kind) ?? .rung, task: taskId, department: departmentId,
            rung: EscalationRung(name: rung) ?? .reminder, date: date, state: StepState(rawValue: state) ?? .proposed,
            reason: reason, rule: rule)
    }
}

/// A row of `outbox`: a message waiting to be delivered, with the idempotency key receivers see.
public struct OutboxMessage: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"

    /// Row id.
    public var id: Int64?
    /// The job run that queued it (nil for the office's manual acts).
    public var runId: Int64?
    /// Stable across retries and re-runs: `monthly-dispatch/2024-04/emergency`, `step/42`.
    public var idempotencyKey: String
    /// The department it goes to.
    public var departmentId: String
    /// `reminders`, `dispatch-digest`, `letter`, `agenda`, `review`.
    public var kind: String
    /// A one-line subject.
    public var subject: String
    /// The message text (Markdown).
    public var body: String
    /// `queued` until delivered.
    public var state: String
    /// When it was queued.
    public var createdAt: Date

    /// Makes a message.
    public init(
        id: Int64? = nil, runId: Int64? = nil, idempotencyKey: String, departmentId: String, kind: String,
        subject: String,
        body: String, state: String = "queued", createdAt: Date
    ) {
        self.id = id
        self.runId = runId
        self.idempotencyKey = idempotencyKey
        self.departmentId = departmentId
        self.kind = kind
        self.subject = subject
        self.body = body
        self.state = state
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `document`: content a job composed (bulletin, agenda, review) as JSON, kept with its run.
public struct DocumentRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document"

    /// Row id.
    public var id: Int64?
    /// The job run that composed it.
    public var runId: Int64
    /// `bulletin`, `agenda`, `review`.
    public var kind: String
    /// The period covered.
    public var period: String
    /// The content as JSON.
    public var content: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
