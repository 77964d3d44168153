import Testing

@testable import DubanCore

/// `Evaluator` statuses, forecasts, blockage and slack through the graph, and roll-ups.
/// Day numbers count from 2024-01-01 = day 1 (so 2024-02-19 is day 50, 2024-04-09 day 100).
@Suite struct EvaluatorStatusTests {
    private func status(
        _ percent: Double?, asOf: String, start: String = "2024-01-01", due: String = "2024-04-09"
    )
        throws -> TaskEvaluation
    {
        let task = EvalFixture.milestone("m", start: start, due: due)
        let progress = percent.map { ["m": EvalFixture.percent($0, on: asOf)] } ?? [:]
        return try #require(try EvalFixture.evaluate([task], progress: progress, asOf: asOf).task("m"))
    }

    @Test func eachStatusOfOneMilestone() throws {
        #expect(try status(100, asOf: "2024-02-19").status == .done)
        #expect(try status(50, asOf: "2024-02-19").status == .onTrack)  // lag 0
        #expect(try status(40, asOf: "2024-02-19").status == .atRisk)  // lag 10
        #expect(try status(20, asOf: "2024-02-19").status == .late)  // lag 30
        #expect(try status(nil, asOf: "2024-04-10").status == .overdue)
        #expect(try status(nil, asOf: "2024-02-19", start: "2024-03-01", due: "2024-06-30").status == .notStarted)
        // Reported before its start: under way, not "not started".
        #expect(try status(5, asOf: "2024-02-19", start: "2024-03-01", due: "2024-06-30").status == .onTrack)
    }

    @Test func forecastFromTheReportedRate() throws {
        // 20% over the first 50 days: 100% takes ⌈100 / 20 × 50⌉ = 250 days, so day 250 = 2024-09-06
        // (day 100 = 04-09, +21 → 04-30, +31 → 05-31, +30 → 06-30, +31 → 07-31, +31 → 08-31, +6 → 09-06).
        let m = try status(20, asOf: "2024-02-19")
        #expect(m.forecast == EvalFixture.day("2024-09-06"))
        #expect(m.slackDays == -150)  // 2024-04-09 − 2024-09-06
        // 45% over 50 days: ⌈111.1⌉ = 112 days → day 112 = 2024-04-21.
        #expect(try status(45, asOf: "2024-02-19").forecast == EvalFixture.day("2024-04-21"))
        // Exactly on pace: 50% over 50 days → 100 days → the due day, no slack lost.
        let onPace = try status(50, asOf: "2024-02-19")
        #expect(onPace.forecast == EvalFixture.day("2024-04-09"))
        #expect(onPace.slackDays == 0)
        // Overdue with nothing reported: at best it finishes today.
        #expect(try status(nil, asOf: "2024-04-20").forecast == EvalFixture.day("2024-04-20"))
        #expect(try status(nil, asOf: "2024-02-19").forecast == nil)
    }

    /// Exactly on pace — k% on day k of 100 — the rate finishes on day 100, the due day. The evaluator computes `100 / 11 * 11` = 100.00000000000001, rounds it up to 101 and
    /// forecasts 2024-04-10: slack −1 and "at risk" for a task with no lag at all.
    @Test(arguments: [("2024-01-11", 11.0), ("2024-01-22", 22.0), ("2024-02-08", 39.0), ("2024-02-19", 50.0)])
    func onPaceForecastIsTheDueDay(asOf: String, percent: Double) throws {
        let m = try status(percent, asOf: asOf)
        #expect(m.forecast == EvalFixture.day("2024-04-09"))
        #expect(m.slackDays == 0)
        #expect(m.status == .onTrack)
    }

    @Test func latePrerequisiteForecastPutsDependentAtRiskBeforeAnythingIsOverdue() throws {
        // a: 2024-01-01 … 04-09 (100 days), 45% on day 50: lag 5 (green) but forecast 2024-04-21.
        // b: after a, due 2024-07-18: planned 04-10 … 07-18 = 100 days. Pushed to start 04-22 it
        // finishes 04-22 + 99 = 07-30, 12 days after its due: slack −12. a's latest finish is 04-09: −12.
        let tasks = [
            EvalFixture.milestone("a", start: "2024-01-01", due: "2024-04-09"),
            EvalFixture.milestone("b", due: "2024-07-18", after: ["a"], lead: "housing"),
        ]
        let evaluation = try EvalFixture.evaluate(
            tasks, progress: ["a": EvalFixture.percent(45, on: "2024-02-19")], asOf: "2024-02-19")
        let a = try #require(evaluation.task("a"))
        let b = try #require(evaluation.task("b"))
        #expect(a.lag == 5)
        #expect(a.light == .green)
        #expect(a.forecast == EvalFixture.day("2024-04-21"))
        #expect(a.slackDays == -12)
        #expect(a.status == .atRisk)
        #expect(b.slackDays == -12)
        #expect(b.status == .atRisk)
        #expect(b.light == .green)
        #expect(b.expected == 0)  // its planned start 04-10 has not come
        #expect(b.blockedBy == [])
        #expect(evaluation.tasks.allSatisfy { $0.status != .overdue })
    }

    @Test func onPacePrerequisiteLeavesDependentOnTime() throws {
        let tasks = [
            EvalFixture.milestone("a", start: "2024-01-01", due: "2024-04-09"),
            EvalFixture.milestone("b", due: "2024-07-18", after: ["a"], lead: "housing"),
        ]
        let evaluation = try EvalFixture.evaluate(
            tasks, progress: ["a": EvalFixture.percent(50, on: "2024-02-19")], asOf: "2024-02-19")
        #expect(evaluation.task("b")?.slackDays == 0)
        #expect(evaluation.task("b")?.status == .notStarted)
    }

    private var blockChain: [PlanTask] {
        [
            EvalFixture.milestone("a", start: "2024-01-01", due: "2024-03-31", lead: "housing"),
            EvalFixture.milestone("b", due: "2024-06-30", after: ["a"]),
        ]
    }

    @Test func dependentIsBlockedOnceItsPlannedStartHasCome() throws {
        // b's planned start is the day after a's due: 2024-04-01.
        let before = try EvalFixture.evaluate(blockChain, asOf: "2024-03-31")
        #expect(before.task("b")?.status == .notStarted)
        #expect(before.task("b")?.blockedBy == [])
        let after = try EvalFixture.evaluate(blockChain, asOf: "2024-04-01")
        let b = try #require(after.task("b"))
        #expect(b.status == .blocked)
        #expect(b.blockedBy == ["a"])
        #expect(after.task("a")?.status == .overdue)
    }

    @Test func donePrerequisiteUnblocks() throws {
        let evaluation = try EvalFixture.evaluate(
            blockChain, progress: ["a": EvalFixture.percent(100, on: "2024-03-30")], asOf: "2024-04-05")
        #expect(evaluation.task("b")?.status == .onTrack)
        #expect(evaluation.task("b")?.blockedBy == [])
        // a done 03-30: b may start 03-31 and, taking its 91 days, finish 06-29, one day early.
        #expect(evaluation.task("b")?.slackDays == 1)
    }

    @Test func blockedWinsOverOverdue() throws {
        let tasks = blockChain + [EvalFixture.milestone("c", due: "2024-04-05", after: ["a"], lead: "xingren")]
        let c = try #require(try EvalFixture.evaluate(tasks, asOf: "2024-04-08").task("c"))
        #expect(c.status == .blocked)
        #expect(c.light == .red)
        #expect(c.blockedBy == ["a"])
    }

    // MARK: Roll-ups

    @Test func departmentRollupsCountLightsAndStatusesExactly() throws {
        // As of 2024-02-19 (day 50).
        let tasks = [
            EvalFixture.milestone("e-green", start: "2024-01-01", due: "2024-04-09"),
            EvalFixture.milestone("e-yellow", start: "2024-01-01", due: "2024-04-09"),
            EvalFixture.milestone("e-red", start: "2024-01-01", due: "2024-04-09"),
            EvalFixture.milestone("h-overdue", due: "2024-02-01", lead: "housing"),
            // 2024-01-01 … 03-01 is 61 days: expected 50/61 = 81.97%, 82% reported, due in 11 days.
            EvalFixture.milestone("h-blue", start: "2024-01-01", due: "2024-03-01", lead: "housing"),
            EvalFixture.milestone("x-done", due: "2024-06-30", lead: "xingren"),
            EvalFixture.milestone("f-later", start: "2024-03-01", due: "2024-06-30", lead: "fire"),
        ]
        let progress = [
            "e-green": EvalFixture.percent(50, on: "2024-02-19"), "e-yellow": EvalFixture.percent(40, on: "2024-02-19"),
            "e-red": EvalFixture.percent(20, on: "2024-02-19"), "h-blue": EvalFixture.percent(82, on: "2024-02-19"),
            "x-done": EvalFixture.percent(100, on: "2024-02-10"),
        ]
        let evaluation = try EvalFixture.evaluate(tasks, progress: progress, asOf: "2024-02-19")
        let rollups = evaluation.departments(Fixture.departments)
        #expect(rollups.map(\.key) == ["emergency", "housing", "xingren", "fire"])
        #expect(rollups.map(\.tasks) == [3, 2, 1, 1])
        #expect(rollups.reduce(0) { $0 + $1.tasks } == evaluation.tasks.count)
        #expect(rollups[0].lights == [.green: 1, .yellow: 1, .red: 1])
        #expect(rollups[0].statuses == [.onTrack: 1, .atRisk: 1, .late: 1])
        #expect(rollups[1].lights == [.red: 1, .blue: 1])
        #expect(rollups[1].statuses == [.overdue: 1, .onTrack: 1])
        #expect(rollups[2].lights == [.green: 1])
        #expect(rollups[2].statuses == [.done: 1])
        #expect(rollups[3].lights == [.green: 1])
        #expect(rollups[3].statuses == [.notStarted: 1])
        // emergency: expected 50 each; reported (50 + 40 + 20) / 3 = 36.67; lag 13.33.
        #expect(rollups[0].expected == 50)
        #expect(EvalFixture.same(rollups[0].reported, 110.0 / 3))
        #expect(EvalFixture.same(rollups[0].lag, 50 - 110.0 / 3))
        let reds = rollups.reduce(0) { $0 + ($1.lights[.red] ?? 0) }
        #expect(reds == evaluation.tasks.filter { $0.light == .red }.count)
        #expect(reds == 2)
    }
}
