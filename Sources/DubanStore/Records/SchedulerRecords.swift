import DubanCore
import Foundation

/// A row of `jobRun`: one job's run for one period. `(job, period)` is unique, which is what makes
/// every period run exactly once however many processes tick.
public struct JobRunRecord: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "jobRun"
    static let columns = ["id", "job", "period", "dueAt", "asOf", "ranAt", "summary"]

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

    init(id: Int64?, job: String, period: String, dueAt: String, asOf: Day, ranAt: Date, summary: String) {
        self.id = id
        self.job = job
        self.period = period
        self.dueAt = dueAt
        self.asOf = asOf
        self.ranAt = ranAt
        self.summary = summary
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        job = try row["job"]
        period = try row["period"]
        dueAt = try row["dueAt"]
        asOf = try row["asOf"]
        ranAt = try row["ranAt"]
        summary = try row["summary"]
    }

    var values: [(any SQLValueConvertible)?] { [id, job, period, dueAt, asOf, ranAt, summary] }
}

/// A row of `escalationStep`.
struct EscalationStepRecord: Hashable, IdentifiedRecord {
    static let table = "escalationStep"
    static let columns = ["id", "runId", "kind", "taskId", "departmentId", "rung", "date", "state", "reason", "rule"]

    var id: Int64?
    var runId: Int64?
    var kind: EscalationStep.Kind
    var taskId: String
    var departmentId: String
    var rung: EscalationRung
    var date: Day
    var state: StepState
    var reason: String
    var rule: EscalationRule

    init(_ step: EscalationStep, runId: Int64?) {
        id = step.id
        self.runId = runId
        kind = step.kind
        taskId = step.task
        departmentId = step.department
        rung = step.rung
        date = step.date
        state = step.state
        reason = step.reason
        rule = step.rule
    }

    /// Reads a step; a kind, rung or state this build does not know is an error, never a default.
    init(row: SQLRow) throws {
        id = try row["id"]
        runId = try row["runId"]
        let kindText: String = try row["kind"]
        let rungText: String = try row["rung"]
        let stateText: String = try row["state"]
        guard let kind = EscalationStep.Kind(rawValue: kindText) else {
            throw StoreError.unreadableValue(column: "escalationStep.kind", value: .text(kindText), as: "step kind")
        }
        guard let rung = EscalationRung(name: rungText) else {
            throw StoreError.unreadableValue(column: "escalationStep.rung", value: .text(rungText), as: "rung")
        }
        guard let state = StepState(rawValue: stateText) else {
            throw StoreError.unreadableValue(column: "escalationStep.state", value: .text(stateText), as: "step state")
        }
        self.kind = kind
        self.rung = rung
        self.state = state
        taskId = try row["taskId"]
        departmentId = try row["departmentId"]
        date = try row["date"]
        reason = try row["reason"]
        rule = try row["rule"]
    }

    var values: [(any SQLValueConvertible)?] {
        [id, runId, kind.rawValue, taskId, departmentId, rung.name, date, state.rawValue, reason, rule]
    }

    /// `values`, appended without an array or a box a value: a large dispatch writes a step a slow task.
    func appendValues(to values: inout [SQLValue]) {
        values.append(id.sqlValue)
        values.append(runId.sqlValue)
        values.append(.text(kind.rawValue))
        values.append(.text(taskId))
        values.append(.text(departmentId))
        values.append(.text(rung.name))
        values.append(date.sqlValue)
        values.append(.text(state.rawValue))
        values.append(.text(reason))
        values.append(rule.sqlValue)
    }

    var step: EscalationStep {
        EscalationStep(
            id: id, kind: kind, task: taskId, department: departmentId, rung: rung, date: date, state: state,
            reason: reason, rule: rule)
    }
}

/// A row of `outbox`: a message waiting to be delivered, with the idempotency key receivers see.
public struct OutboxMessage: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "outbox"
    static let columns = [
        "id", "runId", "idempotencyKey", "departmentId", "kind", "subject", "body", "state", "createdAt", "facts",
    ]

    /// Row id.
    public var id: Int64?
    /// The job run that queued it (nil for the office's manual acts).
    public var runId: Int64?
    /// Stable across retries and re-runs: `monthly-dispatch/2024-04/emergency`, `step/42`.
    public var idempotencyKey: String
    /// The department it goes to.
    public var departmentId: String
    /// Which job or act queued it.
    public var kind: MessageKind
    /// A one-line subject.
    public var subject: String
    /// The message text (Markdown).
    public var body: String
    /// `queued` until delivered.
    public var state: MessageState
    /// When it was queued.
    public var createdAt: Date
    /// What it is about, as data (nil for messages queued before duban kept them).
    public var facts: MessageFacts?

    /// Makes a message.
    public init(
        id: Int64? = nil, runId: Int64? = nil, idempotencyKey: String, departmentId: String, kind: MessageKind,
        subject: String,
        body: String, state: MessageState = .queued, createdAt: Date, facts: MessageFacts? = nil
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
        self.facts = facts
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        runId = try row["runId"]
        idempotencyKey = try row["idempotencyKey"]
        departmentId = try row["departmentId"]
        kind = try row["kind"]
        subject = try row["subject"]
        body = try row["body"]
        state = try row["state"]
        createdAt = try row["createdAt"]
        let facts: String? = try row["facts"]
        self.facts = try facts.map { text in
            do {
                return try JSONDecoder().decode(MessageFacts.self, from: Data(text.utf8))
            } catch {
                throw StoreError.unreadableValue(column: "outbox.facts", value: .text(text), as: "message's facts")
            }
        }
    }

    var values: [(any SQLValueConvertible)?] {
        // Facts are plain values (strings, numbers, days): encoding them cannot fail.
        [
            id, runId, idempotencyKey, departmentId, kind, subject, body, state, createdAt,
            facts.flatMap { try? String(decoding: $0.json(), as: UTF8.self) },
        ]
    }
}

/// A row of `document`: content a job composed (bulletin, agenda, review) as JSON, kept with its run.
public struct DocumentRecord: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "document"
    static let columns = ["id", "runId", "kind", "period", "content"]

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

    /// Makes a document row.
    public init(id: Int64? = nil, runId: Int64, kind: String, period: String, content: String) {
        self.id = id
        self.runId = runId
        self.kind = kind
        self.period = period
        self.content = content
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        runId = try row["runId"]
        kind = try row["kind"]
        period = try row["period"]
        content = try row["content"]
    }

    var values: [(any SQLValueConvertible)?] { [id, runId, kind, period, content] }
}
