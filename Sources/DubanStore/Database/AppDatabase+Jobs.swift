import DubanCore
import Foundation
import GRDB

/// What one job run decided.
public struct JobOutcome: Hashable, Sendable {
    /// The run.
    public var run: DueRun
    /// Its row id.
    public var runId: Int64
    /// Escalation steps it recorded.
    public var steps: [EscalationStep]
    /// Messages it queued.
    public var queued: Int
    /// Its summary line.
    public var summary: String
}

/// What the scheduler needs besides the store: the policy and the working-day calendar.
public struct SchedulerContext: Sendable {
    /// The office's policy.
    public var policy: Policy
    /// The working-day calendar.
    public var calendar: WorkCalendar

    /// Makes a context.
    public init(policy: Policy, calendar: WorkCalendar) {
        self.policy = policy
        self.calendar = calendar
    }
}

extension AppDatabase {
    /// When the first plan was loaded: where catch-up starts unless told otherwise.
    public func firstLoad() throws -> Date? {
        try writer.read { db in try Date.fetchOne(db, sql: "SELECT MIN(at) FROM planLoad") }
    }

    /// Runs, in order, every job run due after `since` up to `now` that has not run yet, each in
    /// its own transaction with everything it decides.
    public func tick(since: LocalTime, now: LocalTime, context: SchedulerContext, ranAt: Date) throws -> [JobOutcome] {
        let due = context.policy.jobs.runs(after: since, through: now, calendar: context.calendar)
        let done = try writer.read { db in
            Set(
                try Row.fetchAll(db, sql: "SELECT job, period FROM jobRun").map {
                    "\($0["job"] as String)/\($0["period"] as String)"
                })
        }
        var outcomes: [JobOutcome] = []
        for run in due where !done.contains("\(run.job.rawValue)/\(run.period)") {
            if let outcome = try self.run(run, context: context, ranAt: ranAt) { outcomes.append(outcome) }
        }
        return outcomes
    }

    /// Runs one job for one period in one immediate transaction, or does nothing (returns nil) when
    /// that period already ran — by this process or another.
    public func run(_ run: DueRun, context: SchedulerContext, ranAt: Date) throws -> JobOutcome? {
        var outcome: JobOutcome?
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let exists =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM jobRun WHERE job = ? AND period = ?)",
                        arguments: [run.job.rawValue, run.period]) ?? false
                if exists { return .rollback }
                outcome = try JobRunner(db: db, run: run, context: context, ranAt: ranAt).perform()
                return .commit
            }
        }
        return outcome
    }

    /// Escalation steps, oldest first, optionally for one task or department.
    public func escalations(task: String? = nil, department: String? = nil) throws -> [EscalationStep] {
        try writer.read { db in
            var request = EscalationStepRecord.order(Column("id"))
            if let task { request = request.filter(Column("taskId") == task) }
            if let department { request = request.filter(Column("departmentId") == department) }
            return try request.fetchAll(db).map(\.step)
        }
    }

    /// Job runs, in the order they ran.
    public func jobRuns() throws -> [JobRunRecord] {
        try writer.read { db in try JobRunRecord.order(Column("id")).fetchAll(db) }
    }

    /// Messages in the outbox, oldest first.
    public func outbox() throws -> [OutboxMessage] {
        try writer.read { db in try OutboxMessage.order(Column("id")).fetchAll(db) }
    }

    /// Documents composed by job runs, oldest first.
    public func documents(kind: String? = nil) throws -> [DocumentRecord] {
        try writer.read { db in
            var request = DocumentRecord.order(Column("id"))
            if let kind { request = request.filter(Column("kind") == kind) }
            return try request.fetchAll(db)
        }
    }

    /// The evaluation of the loaded plans as of `day`.
    public func evaluate(asOf day: Day, lights: LightPolicy) throws -> (Evaluation, PlanSet) {
        try writer.read { db in try Self.evaluate(asOf: day, lights: lights, db) }
    }

    static func evaluate(asOf day: Day, lights: LightPolicy, _ db: Database) throws -> (Evaluation, PlanSet) {
        let set = try planSet(db)
        let graph = TaskGraph(tasks: set.tasks)
        let progress = try progress(asOf: day, db)
        let evaluation = try Evaluator(policy: lights).evaluate(
            graph, planStart: set.start ?? day, progress: progress, asOf: day)
        return (evaluation, set)
    }
}

extension AppDatabase {
    /// The escalation step with id `id`, or nil.
    public func escalation(id: Int64) throws -> EscalationStep? {
        try writer.read { db in try EscalationStepRecord.fetchOne(db, key: id)?.step }
    }
}

extension AppDatabase {
    /// The latest document of `kind` for `period` (or for any period), read alone rather than with
    /// every other document of its kind.
    public func document(kind: String, period: String? = nil) throws -> DocumentRecord? {
        try writer.read { db in
            var request = DocumentRecord.filter(Column("kind") == kind)
            if let period { request = request.filter(Column("period") == period) }
            return try request.order(Column("id").desc).fetchOne(db)
        }
    }
}
