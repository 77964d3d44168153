import DubanCore
import DubanPlans
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// What the scheduler tests share: the package's working-day calendar, a context, stores with the
/// small plan or the shipped plans loaded early in 2024, the runs a job owes, and raw row counts.
enum SchedulerFixtures {
    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The State Council schedules shipped in `plans/calendar`.
    static let calendar: WorkCalendar = {
        do {
            return try CalendarFiles.read(folder: packageRoot.appendingPathComponent("plans/calendar").path)
        } catch {
            fatalError("plans/calendar does not read: \(error)")
        }
    }()

    /// The default policy (the same numbers as `plans/policy.yaml`) over the shipped calendar, but
    /// with the office's own tasks climbing the ladder (`office_tasks: climb`): the small plan's
    /// office leads `t-monthly`, which these tests take up to 约谈 beside another department's task.
    static let context = SchedulerContext(policy: policy, calendar: calendar)

    /// That policy with only `jobs` running.
    static func context(jobs: Set<Job>) -> SchedulerContext {
        var policy = policy
        policy.jobs.jobs = jobs
        return SchedulerContext(policy: policy, calendar: calendar)
    }

    /// The default policy, the office's own tasks climbing.
    static var policy: Policy {
        var policy = Policy()
        policy.ladder.officeTasksClimb = true
        return policy
    }

    /// 2024-01-01T08:00:00+08:00: when the stores here load their plans.
    static let loadedAt = date("2024-01-01T08:00:00+08:00")
    /// Catch-up starts at the load.
    static let since = LocalTime(day: Day("2024-01-01")!, minute: 8 * 60)

    static func date(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    /// The end of `day` (23:59), as `duban tick --as-of DAY` means it.
    static func endOf(_ day: String) -> LocalTime {
        LocalTime(day: Day(day)!, minute: 23 * 60 + 59)
    }

    /// Every run the default calendar owes in 2024–2026.
    static let allRuns = Policy().jobs.runs(
        after: LocalTime(day: Day("2023-12-31")!, minute: 0), through: endOf("2026-12-31"), calendar: calendar)

    /// The run of `job` for `period`.
    static func due(_ job: Job, _ period: String) -> DueRun {
        guard let run = allRuns.first(where: { $0.job == job && $0.period == period }) else {
            fatalError("no \(job.rawValue) run for \(period)")
        }
        return run
    }

    /// An in-memory store with the small plan (`Fixtures.smallSet`) loaded on 2024-01-01.
    static func smallStore() throws -> AppDatabase {
        let db = try TestStore.make()
        _ = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: loadedAt, actor: Fixtures.actor)
        return db
    }

    /// The shipped plans, read once.
    static let shipped: PlanFiles.Contents = {
        do {
            return try PlanFiles.read(paths: [packageRoot.appendingPathComponent("plans").path])
        } catch {
            fatalError("plans/ does not read: \(error)")
        }
    }()

    /// An in-memory store with the shipped plans loaded on 2024-01-01.
    static func shippedStore() throws -> AppDatabase {
        let db = try TestStore.make()
        _ = try db.load(
            shipped.set, contextPlans: shipped.contextPlans, files: shipped.files, now: loadedAt, actor: Fixtures.actor)
        return db
    }

    /// Runs the monthly dispatches of `periods`, in order, and returns what each decided.
    @discardableResult
    static func dispatch(_ db: AppDatabase, _ periods: [String], ranAt: Date = loadedAt) throws -> [JobOutcome] {
        try periods.map { period in
            try #require(try db.run(due(.monthlyDispatch, period), context: context, ranAt: ranAt))
        }
    }

    /// The small store after the dispatches of February to July 2024: t-census climbed to a proposed
    /// 约谈, t-monthly too.
    static func climbedStore() throws -> AppDatabase {
        let db = try smallStore()
        try dispatch(db, ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"])
        return db
    }
}

/// Rows in every table a job run or an escalation decision writes.
struct SchedulerCounts: Equatable, CustomStringConvertible {
    var jobRuns = 0
    var steps = 0
    var lights = 0
    var outbox = 0
    var documents = 0
    var audit = 0

    init(_ db: AppDatabase) throws {
        (jobRuns, steps, lights, outbox, documents, audit) = try db.read { db in
            func count(_ table: String) throws -> Int {
                try db.value(Int.self, "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return (
                try count("jobRun"), try count("escalationStep"), try count("taskLight"), try count("outbox"),
                try count("document"), try count("auditLog")
            )
        }
    }

    var description: String {
        "runs \(jobRuns), steps \(steps), lights \(lights), outbox \(outbox), documents \(documents), audit \(audit)"
    }
}

extension AppDatabase {
    /// The `taskLight` snapshot of run `runId`: task id → (light, status).
    func lights(run runId: Int64) throws -> [String: [String]] {
        try read { db in
            var lights: [String: [String]] = [:]
            for row in try db.rows("SELECT taskId, light, status FROM taskLight WHERE runId = ?", [runId]) {
                lights[try row["taskId"]] = [try row["light"], try row["status"]]
            }
            return lights
        }
    }

    /// Escalation steps of run `runId`, by id.
    func steps(run runId: Int64) throws -> [Int64] {
        try read { db in try db.values(Int64.self, "SELECT id FROM escalationStep WHERE runId = ? ORDER BY id", [runId])
        }
    }

    /// Rows of `outbox`, `escalationStep`, `document` and `taskLight` whose run does not exist.
    func orphans() throws -> Int {
        try read { db in
            var total = 0
            for table in ["outbox", "escalationStep", "document", "taskLight"] {
                total +=
                    try db.value(
                        Int.self,
                        """
                        SELECT COUNT(*) FROM \(table)
                        WHERE runId IS NOT NULL AND runId NOT IN (SELECT id FROM jobRun)
                        """) ?? 0
            }
            return total
        }
    }
}
