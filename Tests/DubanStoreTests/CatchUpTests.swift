import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// After a gap, `tick` runs every missed period exactly once, in order of due time, each judged as of
/// its own due day; a second tick at the same time runs nothing.
@Suite struct CatchUpTests {
    let context = SchedulerFixtures.context
    let ranAt = SchedulerFixtures.date("2024-07-10T18:00:00+08:00")

    func key(_ run: JobRunRecord) -> String { "\(run.job)/\(run.period)" }

    @Test func missedPeriodsRunOnceEachInOrderOfDueTime() throws {
        let db = try SchedulerFixtures.shippedStore()
        let january = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-01-10"), context: context, ranAt: ranAt)
        #expect(
            january.map { "\($0.run.at) \($0.run.job.rawValue) \($0.run.period)" } == [
                "2024-01-02 09:00 daily-reminders 2024-01-02", "2024-01-03 09:00 daily-reminders 2024-01-03",
                "2024-01-04 09:00 daily-reminders 2024-01-04", "2024-01-05 09:00 daily-reminders 2024-01-05",
                "2024-01-05 09:00 monthly-dispatch 2024-01", "2024-01-08 09:00 daily-reminders 2024-01-08",
                "2024-01-08 09:00 quarterly-agenda 2023Q4", "2024-01-09 09:00 daily-reminders 2024-01-09",
                "2024-01-10 09:00 daily-reminders 2024-01-10",
            ])

        // Six months later.
        let july = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-07-10"), context: context, ranAt: ranAt)
        #expect(july.first?.run.at.description == "2024-01-11 09:00")
        #expect(july.map(\.run) == july.map(\.run).sorted())

        let runs = try db.jobRuns()
        #expect(runs.map(\.id) == (january + july).map(\.runId))
        #expect(Set(runs.map(key)).count == runs.count, "a (job, period) ran twice")
        // In order of due time, ties in job order.
        let order = runs.map { ($0.dueAt, Job(rawValue: $0.job)!) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 }, "\(runs.map(key))")
        // Exactly what the calendar owes, nothing more.
        let owed = context.policy.jobs.runs(
            after: SchedulerFixtures.since, through: SchedulerFixtures.endOf("2024-07-10"), calendar: context.calendar)
        #expect(runs.map(key) == owed.map { "\($0.job.rawValue)/\($0.period)" })

        let monthly = runs.filter { $0.job == "monthly-dispatch" }
        #expect(monthly.map(\.period) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"])
        #expect(
            monthly.map(\.dueAt) == [
                "2024-01-05 09:00", "2024-02-05 09:00", "2024-03-05 09:00", "2024-04-07 09:00", "2024-05-06 09:00",
                "2024-06-05 09:00", "2024-07-05 09:00",
            ])
        let agendas = runs.filter { $0.job == "quarterly-agenda" }
        #expect(
            agendas.map { "\($0.period) \($0.dueAt)" } == [
                "2023Q4 2024-01-08 09:00", "2024Q1 2024-04-08 09:00", "2024Q2 2024-07-08 09:00",
            ])
        #expect(!runs.contains { $0.job == "yearly-review" })
        var workdays: [String] = []
        var day = Fixtures.day("2024-01-01")
        while day <= Fixtures.day("2024-07-10") {
            if context.calendar.isWorkday(day) { workdays.append(day.description) }
            day = day.adding(days: 1)
        }
        #expect(runs.filter { $0.job == "daily-reminders" }.map(\.period) == workdays)
        #expect(workdays.contains("2024-02-04") && workdays.contains("2024-04-07"), "调休 Sundays are working days")
        #expect(!workdays.contains("2024-02-12") && !workdays.contains("2024-05-01"), "holidays are not")

        // Each run judged as of its own due day, not the day of the tick.
        #expect(runs.allSatisfy { $0.asOf.description == String($0.dueAt.prefix(10)) })
        #expect(try db.orphans() == 0)
        let outbox = try db.outbox()
        #expect(Set(outbox.map(\.idempotencyKey)).count == outbox.count)
    }

    @Test func aLaterTickAtTheSameTimeRunsNothing() throws {
        let db = try SchedulerFixtures.smallStore()
        _ = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-01-10"), context: context, ranAt: ranAt)
        let ran = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-07-10"), context: context, ranAt: ranAt)
        #expect(!ran.isEmpty)
        let counts = try SchedulerCounts(db)
        let runs = try db.jobRuns()

        let again = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-07-10"), context: context, ranAt: ranAt)
        #expect(again.isEmpty)
        // Nor does an earlier one.
        let earlier = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-03-01"), context: context, ranAt: ranAt)
        #expect(earlier.isEmpty)
        #expect(try SchedulerCounts(db) == counts)
        #expect(try db.jobRuns() == runs)
    }

    @Test func aRunFallsDueAtItsMinuteAndNotBefore() throws {
        let db = try SchedulerFixtures.smallStore()
        let jobs = SchedulerFixtures.context(jobs: [.monthlyDispatch])
        let before = try db.tick(
            since: SchedulerFixtures.since, now: LocalTime(day: Fixtures.day("2024-02-05"), minute: 9 * 60 - 1),
            context: jobs, ranAt: ranAt)
        #expect(before.map(\.run.period) == ["2024-01"])
        let at = try db.tick(
            since: SchedulerFixtures.since, now: LocalTime(day: Fixtures.day("2024-02-05"), minute: 9 * 60),
            context: jobs, ranAt: ranAt)
        #expect(at.map(\.run.period) == ["2024-02"])
        // A run due exactly at `since` is not owed: it is before the span.
        let fresh = try SchedulerFixtures.smallStore()
        let after = try fresh.tick(
            since: LocalTime(day: Fixtures.day("2024-02-05"), minute: 9 * 60),
            now: SchedulerFixtures.endOf("2024-03-05"),
            context: jobs, ranAt: ranAt)
        #expect(after.map(\.run.period) == ["2024-03"])
    }

    /// Catching up after a gap decides what ticking every day would have: the same runs, the same
    /// ladder steps, the same messages and documents.
    @Test func catchUpDecidesWhatDailyTicksWould() throws {
        let gap = try SchedulerFixtures.smallStore()
        for now in ["2024-01-10", "2024-07-10"] {
            _ = try gap.tick(
                since: SchedulerFixtures.since, now: SchedulerFixtures.endOf(now), context: context, ranAt: ranAt)
        }
        let daily = try SchedulerFixtures.smallStore()
        var day = Fixtures.day("2024-01-01")
        while day <= Fixtures.day("2024-07-10") {
            _ = try daily.tick(
                since: SchedulerFixtures.since, now: LocalTime(day: day, minute: 23 * 60 + 59), context: context,
                ranAt: ranAt)
            day = day.adding(days: 1)
        }

        func runs(_ db: AppDatabase) throws -> [String] {
            try db.jobRuns().map { "\($0.id!) \($0.job) \($0.period) \($0.dueAt) \($0.asOf) \($0.summary)" }
        }
        func steps(_ db: AppDatabase) throws -> [String] {
            try db.escalations().map {
                "\($0.id!) \($0.kind) \($0.task) \($0.department) \($0.rung) \($0.date) \($0.state) \($0.rule) \($0.reason)"
            }
        }
        func messages(_ db: AppDatabase) throws -> [String] {
            try db.outbox().map { "\($0.runId ?? 0) \($0.idempotencyKey) \($0.subject)\n\($0.body)" }
        }
        func documents(_ db: AppDatabase) throws -> [String] {
            try db.documents().map { "\($0.runId) \($0.kind) \($0.period) \($0.content)" }
        }
        #expect(try runs(gap) == runs(daily))
        #expect(try steps(gap) == steps(daily))
        #expect(try messages(gap) == messages(daily))
        #expect(try documents(gap) == documents(daily))
        #expect(try steps(gap).count > 5)
    }
}
