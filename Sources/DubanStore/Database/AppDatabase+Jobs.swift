import DubanCore
import Foundation

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
        try read { db in try db.value(Date.self, "SELECT MIN(at) FROM planLoad") }
    }

    /// Runs, in order, every job run due after `since` up to `now` that has not run yet, each in
    /// its own transaction with everything it decides.
    public func tick(since: LocalTime, now: LocalTime, context: SchedulerContext, ranAt: Date) throws -> [JobOutcome] {
        let due = context.policy.jobs.runs(after: since, through: now, calendar: context.calendar)
        let done = try read { db in
            Set(
                try db.rows("SELECT job, period FROM jobRun").map {
                    "\(try $0["job"] as String)/\(try $0["period"] as String)"
                })
        }
        var outcomes: [JobOutcome] = []
        for run in due where !done.contains("\(run.job.rawValue)/\(run.period)") {
            if let outcome = try self.run(run, context: context, ranAt: ranAt) { outcomes.append(outcome) }
        }
        return outcomes
    }

    /// Runs one job for one period in one transaction, or does nothing (returns nil) when that period
    /// already ran — by this process or another instance on the same store.
    ///
    /// The transaction holds the job-run lock from before it looks until it commits, so of several
    /// instances ticking at once one runs the period and the others then find it done; an instance
    /// killed half way holds nothing after its connection drops, and its half-run is rolled back.
    public func run(_ run: DueRun, context: SchedulerContext, ranAt: Date) throws -> JobOutcome? {
        try engine.transaction { db in
            try db.hold(.jobRuns)
            let ran =
                try db.value(
                    Int.self, "SELECT COUNT(*) FROM jobRun WHERE job = ? AND period = ?",
                    [run.job.rawValue, run.period]
                ) ?? 0
            if ran > 0 { return (nil, false) }
            return (try JobRunner(db: db, run: run, context: context, ranAt: ranAt).perform(), true)
        }
    }

    /// Escalation steps, oldest first, optionally for one task or department.
    public func escalations(task: String? = nil, department: String? = nil) throws -> [EscalationStep] {
        try read { db in
            try db.all(
                EscalationStepRecord.self, matching: ["taskId": task, "departmentId": department], order: "id"
            ).map(\.step)
        }
    }

    /// Job runs, in the order they ran.
    public func jobRuns() throws -> [JobRunRecord] {
        try read { db in try db.all(JobRunRecord.self, order: "id") }
    }

    /// Messages in the outbox, oldest first.
    public func outbox() throws -> [OutboxMessage] {
        try read { db in try db.all(OutboxMessage.self, order: "id") }
    }

    /// Documents composed by job runs, oldest first.
    public func documents(kind: String? = nil) throws -> [DocumentRecord] {
        try read { db in
            try db.all(DocumentRecord.self, where: kind == nil ? nil : "kind = ?", kind.map { [$0] } ?? [], order: "id")
        }
    }

    /// The evaluation of the loaded plans as of `day`.
    public func evaluate(asOf day: Day, lights: LightPolicy) throws -> (Evaluation, PlanSet) {
        try read { db in try Self.evaluate(asOf: day, lights: lights, db) }
    }

    /// The evaluation of the loaded plans as of `day`, with the department registry: what
    /// `evaluate --json` and `/api/evaluation` print, read without the tasks' titles and sources.
    public func evaluation(asOf day: Day, lights: LightPolicy) throws -> (Evaluation, departments: [Department]) {
        try read { db in
            let (evaluation, set) = try Self.evaluate(asOf: day, lights: lights, db, columns: .evaluation)
            return (evaluation, set.departments)
        }
    }

    static func evaluate(
        asOf day: Day, lights: LightPolicy, _ db: any StoreConnection, columns: TaskColumns = .all
    ) throws -> (Evaluation, PlanSet) {
        let set = try planSet(db, columns)
        let graph = TaskGraph(tasks: set.tasks)
        var progress = try progress(asOf: day, db)
        let computed = try ledgerProgress(set, asOf: day, db)
        for (task, goal) in computed {
            progress[task] = TaskProgress(
                percent: goal.percent, reportedOn: day, doneOn: goal.percent >= 100 ? day : nil)
        }
        var evaluation = try Evaluator(policy: lights).evaluate(
            graph, planStart: set.start ?? day, progress: progress, asOf: day)
        evaluation.computed = computed
        return (evaluation, set)
    }
}

extension AppDatabase {
    /// The escalation step with id `id`, or nil.
    public func escalation(id: Int64) throws -> EscalationStep? {
        try read { db in try db.find(EscalationStepRecord.self, key: id)?.step }
    }
}

extension AppDatabase {
    /// The latest document of `kind` for `period` (or for any period), read alone rather than with
    /// every other document of its kind.
    public func document(kind: String, period: String? = nil) throws -> DocumentRecord? {
        try read { db in
            try db.first(
                DocumentRecord.self, where: period == nil ? "kind = ?" : "kind = ? AND period = ?",
                period.map { [kind, $0] } ?? [kind],
                order: "id DESC")
        }
    }
}
