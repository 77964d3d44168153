import DubanCore
import Foundation

/// An office decision on the escalation ladder.
public enum EscalationAction: String, Sendable, CaseIterable {
    /// Approve a proposed (or held) step so it is sent.
    case approve
    /// Hold a step: it is not sent, and the task does not climb, until approved or skipped.
    case hold
    /// Skip a step: not sent, but the rung counts as reached.
    case skip
}

extension AppDatabase {
    /// Applies the office's `action` to step `id`, with a reason, and audits it. Approving a step
    /// from 函告 upward issues its numbered letter.
    ///
    /// - Throws: `ProgressError` (bad input) for an unknown step, or a step whose state does not allow the action.
    @discardableResult
    public func decide(
        step id: Int64, _ action: EscalationAction, reason: String, on day: Day, context: SchedulerContext, now: Date,
        actor: String
    ) throws -> EscalationStep {
        try write { db in
            guard var record = try db.find(EscalationStepRecord.self, key: id), record.kind == .rung else {
                throw ProgressError(
                    .notFound, field: "step", message: "no escalation step \(id)",
                    fix: "list the steps with `duban escalations`")
            }
            let state = record.state
            let allowed: Set<StepState> =
                switch action {
                case .approve: [.proposed, .held]
                case .hold: [.proposed, .approved]
                case .skip: [.proposed, .held, .approved]
                }
            guard allowed.contains(state) else {
                throw ProgressError(
                    .conflict, field: "step",
                    message:
                        "step \(id) is \(state.rawValue), so it cannot be \(action == .approve ? "approved" : action == .hold ? "held" : "skipped")",
                    fix: "\(action.rawValue) applies to steps that are "
                        + allowed.map(\.rawValue).sorted().joined(separator: " or "))
            }
            let newState: StepState = action == .approve ? .approved : action == .hold ? .held : .skipped
            record.state = newState
            try db.update(record)
            let step = record.step
            if newState == .approved, step.rung >= .letter, step.rung != .accountability {
                try Self.issueLetter(for: step, on: day, context: context, evaluation: nil, runId: nil, at: now, db)
            } else if newState != .approved {
                // A held or skipped step sends nothing: withdraw its letter if it is still waiting.
                try db.execute(
                    "UPDATE outbox SET state = 'withdrawn' WHERE idempotencyKey = ? AND state = 'queued'",
                    ["step/\(id)"])
            }
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "escalation.\(action.rawValue)", subject: step.task,
                detail:
                    "step \(id) \(step.rung.chinese) for \(step.department): \(state.rawValue) → \(newState.rawValue); reason: \(reason)"
            )
            try db.insert(&audit)
            return step
        }
    }

    /// Forces the next rung for `task` now, whatever its light and the cooldown, with a reason.
    /// The ladder still never skips a rung: a forced step is the rung after the task's highest.
    @discardableResult
    public func force(
        task id: String, reason: String, on day: Day, context: SchedulerContext, now: Date, actor: String
    ) throws -> EscalationStep {
        try write { db in
            guard let task = try db.find(TaskRecord.self, key: id), task.archivedAt == nil else {
                throw ProgressError(
                    .notFound, field: "task", message: "no task “\(id)” is loaded",
                    fix: "check the id with `duban plan show`")
            }
            let history = try Self.history(db)[id] ?? []
            let active = EscalationLadder.active(history).filter {
                $0.rule.climbs
            }
            let top = active.max { $0.rung < $1.rung }
            guard let next = top.map({ $0.rung.next }) ?? .reminder else {
                throw ProgressError(
                    .conflict, field: "task", message: "\(id) is already at \(EscalationRung.accountability.chinese)",
                    fix: "the ladder has no higher rung")
            }
            if let pending = active.first(where: { $0.state == .proposed || $0.state == .held }) {
                throw ProgressError(
                    .conflict, field: "task",
                    message:
                        "step \(pending.id ?? 0) (\(pending.rung.chinese)) for \(id) is still \(pending.state.rawValue)",
                    fix: "approve or skip it first: the ladder never passes an undecided rung")
            }
            let step = EscalationStep(
                task: id, department: task.lead, rung: next, date: day,
                state: next == .accountability ? .proposed : .approved,
                reason: "forced by the office: \(reason)", rule: .officeForce)
            var record = EscalationStepRecord(step, runId: nil)
            try db.insert(&record)
            let stored = record.step
            if stored.rung >= .letter, stored.state == .approved {
                try Self.issueLetter(for: stored, on: day, context: context, evaluation: nil, runId: nil, at: now, db)
            }
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "escalation.force", subject: id,
                detail: "step \(record.id!) \(next.chinese) for \(task.lead); reason: \(reason)")
            try db.insert(&audit)
            return stored
        }
    }
}

extension AppDatabase {
    /// Escalation steps each department received in `day`'s year up to `day`: rungs approved or
    /// sent (proposed, held and skipped ones were not received). The bulletin's ranking counts these.
    public func escalationsReceived(through day: Day) throws -> [String: Int] {
        try read { db in try Self.escalationsReceived(through: day, db) }
    }

    static func escalationsReceived(through day: Day, _ db: any StoreConnection) throws -> [String: Int] {
        let rows = try db.rows(
            """
            SELECT departmentId, COUNT(*) AS n FROM escalationStep
            WHERE kind = 'rung' AND state IN ('approved', 'sent') AND date >= ? AND date <= ?
            GROUP BY departmentId
            """,
            [Day.firstDay(year: day.year, month: 1).description, day.description])
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0["departmentId"] as String, try $0["n"] as Int) })
    }
}
