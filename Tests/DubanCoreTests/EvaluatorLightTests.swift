import Testing

@testable import DubanCore

/// `Evaluator` lights: expected progress is linear from start to due, lag = expected − reported,
/// blue within 14 days, yellow at 10 points, red at 30 points or overdue, done is green.
///
/// The milestone runs 2024-01-01 … 2024-04-09: 100 days (Jan 31 + Feb 29 + Mar 31 + 9), so on the
/// k-th day (counting from 1) the expected percent is exactly k.
@Suite struct EvaluatorLightTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var label: String
        var start = "2024-01-01"
        var due = "2024-04-09"
        var asOf: String
        var percent: Double
        var reportedOn: String?
        var expected: Double
        var light: Light
        var testDescription: String { label }
    }

    static let rows: [Row] = [
        // 2024-02-19 is day 50 (31 in January + 19): expected 50.
        Row(label: "on track", asOf: "2024-02-19", percent: 50, expected: 50, light: .green),
        Row(label: "yellow at lag 10", asOf: "2024-02-19", percent: 40, expected: 50, light: .yellow),
        Row(label: "not yellow at lag 9.9", asOf: "2024-02-19", percent: 40.1, expected: 50, light: .green),
        Row(label: "yellow at lag 29.9", asOf: "2024-02-19", percent: 20.1, expected: 50, light: .yellow),
        Row(label: "red at lag 30", asOf: "2024-02-19", percent: 20, expected: 50, light: .red),
        // 2024-03-26 is day 86, 14 days before 2024-04-09; 2024-03-25 is day 85, 15 days before.
        Row(label: "blue 14 days before due", asOf: "2024-03-26", percent: 86, expected: 86, light: .blue),
        Row(label: "not blue 15 days before due", asOf: "2024-03-25", percent: 85, expected: 85, light: .green),
        Row(label: "blue on the due day", asOf: "2024-04-09", percent: 95, expected: 100, light: .blue),
        Row(label: "yellow beats blue", asOf: "2024-03-26", percent: 70, expected: 86, light: .yellow),
        Row(label: "overdue is red even at 99%", asOf: "2024-04-10", percent: 99, expected: 100, light: .red),
        Row(
            label: "done late is green", asOf: "2024-05-01", percent: 100, reportedOn: "2024-04-20", expected: 100,
            light: .green),
        Row(
            label: "before its start nothing is expected", start: "2024-03-01", due: "2024-06-30", asOf: "2024-02-19",
            percent: 0, expected: 0, light: .green),
    ]

    @Test(arguments: rows)
    func milestoneLight(_ row: Row) throws {
        let task = EvalFixture.milestone("m", start: row.start, due: row.due)
        let progress = EvalFixture.percent(row.percent, on: row.reportedOn ?? row.asOf)
        let evaluation = try EvalFixture.evaluate([task], progress: ["m": progress], asOf: row.asOf)
        let m = try #require(evaluation.task("m"))
        #expect(EvalFixture.same(m.expected, row.expected), "expected \(m.expected)")
        #expect(EvalFixture.same(m.reported, row.percent))
        #expect(EvalFixture.same(m.lag, row.percent >= 100 ? 0 : max(0, row.expected - row.percent)))
        #expect(m.light == row.light)
    }

    /// Hand-computed: day 29 of 100 expects exactly 29%, day 57 exactly 57%. The evaluator computes
    /// `29 / 100 * 100` = 28.999999999999996, so a lag of exactly 10 (or 30) falls short of the threshold.
    @Test(arguments: [
        ("2024-01-29", 19.0, Light.yellow),  // day 29, lag 10
        ("2024-02-26", 27.0, Light.red),  // day 57, lag 30
        ("2024-02-27", 28.0, Light.red),  // day 58, lag 30
    ])
    func exactThresholdLagIsNotLostToRounding(asOf: String, percent: Double, light: Light) throws {
        let task = EvalFixture.milestone("m", start: "2024-01-01", due: "2024-04-09")
        let evaluation = try EvalFixture.evaluate(
            [task], progress: ["m": EvalFixture.percent(percent, on: asOf)], asOf: asOf)
        let m = try #require(evaluation.task("m"))
        #expect(m.light == light, "expected \(m.expected), lag \(m.lag)")
    }

    @Test func overdueAndDoneLateStatuses() throws {
        let tasks = [
            EvalFixture.milestone("late", start: "2024-01-01", due: "2024-04-09"),
            EvalFixture.milestone("doneLate", start: "2024-01-01", due: "2024-04-09"),
        ]
        let progress = [
            "late": EvalFixture.percent(99, on: "2024-04-10"), "doneLate": EvalFixture.percent(100, on: "2024-04-20"),
        ]
        let evaluation = try EvalFixture.evaluate(tasks, progress: progress, asOf: "2024-05-01")
        #expect(evaluation.task("late")?.status == .overdue)
        #expect(evaluation.task("doneLate")?.status == .done)
        #expect(evaluation.task("doneLate")?.forecast == EvalFixture.day("2024-04-20"))
        #expect(evaluation.task("doneLate")?.lag == 0)
    }

    // MARK: Targets: the value is turned into a percent of the way to the threshold.

    struct TargetRow: Sendable, CustomTestStringConvertible {
        var label: String
        var comparison: Comparison
        var threshold: Double
        var value: Double
        var asOf = "2024-02-19"
        var reported: Double
        var light: Light
        var status: TaskStatus
        var testDescription: String { label }
    }

    static let targetRows: [TargetRow] = [
        // >= 40: reported = value / 40; expected 50 on 2024-02-19.
        TargetRow(
            label: ">= met", comparison: .atLeast, threshold: 40, value: 40, reported: 100, light: .green, status: .done
        ),
        TargetRow(
            label: ">= 30 of 40", comparison: .atLeast, threshold: 40, value: 30, reported: 75, light: .green,
            status: .onTrack),
        TargetRow(
            label: ">= 12 of 40", comparison: .atLeast, threshold: 40, value: 12, reported: 30, light: .yellow,
            status: .atRisk),
        TargetRow(
            label: ">= 6 of 40", comparison: .atLeast, threshold: 40, value: 6, reported: 15, light: .red, status: .late
        ),
        TargetRow(
            label: ">= 39 after due", comparison: .atLeast, threshold: 40, value: 39, asOf: "2024-04-10",
            reported: 97.5,
            light: .red, status: .overdue),
        // <= 5: reported = 5 / value when above the threshold.
        TargetRow(
            label: "<= met exactly", comparison: .atMost, threshold: 5, value: 5, reported: 100, light: .green,
            status: .done),
        TargetRow(
            label: "<= met below", comparison: .atMost, threshold: 5, value: 0, reported: 100, light: .green,
            status: .done),
        TargetRow(
            label: "<= 10", comparison: .atMost, threshold: 5, value: 10, reported: 50, light: .green, status: .onTrack),
        TargetRow(
            label: "<= 20", comparison: .atMost, threshold: 5, value: 20, reported: 25, light: .yellow, status: .atRisk),
        TargetRow(
            label: "<= 50", comparison: .atMost, threshold: 5, value: 50, reported: 10, light: .red, status: .late),
        TargetRow(
            label: "<= met after due", comparison: .atMost, threshold: 5, value: 4, asOf: "2024-04-10", reported: 100,
            light: .green, status: .done),
    ]

    @Test(arguments: targetRows)
    func targetLight(_ row: TargetRow) throws {
        let task = EvalFixture.target(
            "t", start: "2024-01-01", due: "2024-04-09", value: row.threshold, comparison: row.comparison)
        let progress = EvalFixture.value(row.value, on: row.asOf)
        let t = try #require(try EvalFixture.evaluate([task], progress: ["t": progress], asOf: row.asOf).task("t"))
        #expect(EvalFixture.same(t.reported, row.reported), "reported \(t.reported)")
        #expect(t.light == row.light)
        #expect(t.status == row.status)
        #expect(t.kind == .target)
    }

    // MARK: Obligations: one occurrence per quarter, overdue once a quarter ends unreported.

    private func quarterly(_ asOf: String, done: Set<String> = []) throws -> TaskEvaluation {
        let duty = EvalFixture.duty("d", start: "2024-01-01", end: "2024-12-31", lead: "xingren")
        let evaluation = try EvalFixture.evaluate(
            [duty], progress: ["d": TaskProgress(occurrencesDone: done)], asOf: asOf)
        return try #require(evaluation.task("d"))
    }

    @Test func missedQuarterAfterItsEndIsOverdueAndRed() throws {
        let d = try quarterly("2024-04-10")
        #expect(d.missedOccurrences == ["2024Q1"])
        #expect(d.status == .overdue)
        #expect(d.light == .red)
        #expect(d.due == EvalFixture.day("2024-06-30"))
        #expect(d.expected == 25)  // 1 of 4 quarters ended
        #expect(d.reported == 0)
    }

    @Test func reportedOccurrenceClearsTheMiss() throws {
        let d = try quarterly("2024-04-10", done: ["2024Q1"])
        #expect(d.missedOccurrences == [])
        #expect(d.status == .onTrack)
        #expect(d.light == .green)  // 81 days to 2024-06-30
        #expect(d.reported == 25)
        #expect(d.lag == 0)
    }

    @Test func quarterOnItsLastDayIsNotYetMissed() throws {
        let d = try quarterly("2024-03-31")
        #expect(d.missedOccurrences == [])
        #expect(d.status == .onTrack)
        #expect(d.light == .blue)  // its period ends today
    }

    @Test func laterMissIsNamedByItsQuarter() throws {
        let d = try quarterly("2024-07-01", done: ["2024Q1"])
        #expect(d.missedOccurrences == ["2024Q2"])
        #expect(d.light == .red)
        #expect(d.expected == 50)
        #expect(d.reported == 25)
    }

    @Test func everyQuarterReportedIsDone() throws {
        let d = try quarterly("2025-01-05", done: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"])
        #expect(d.status == .done)
        #expect(d.light == .green)
        #expect(d.forecast == EvalFixture.day("2024-12-31"))
    }

    /// Roll-ups count lights and statuses by their place in `allCases`, and lights sort by
    /// severity: a case added or moved must move its place too.
    @Test func lightsAndStatusesKnowTheirPlaceInAllCases() {
        #expect(Light.allCases.map(\.severity) == Array(Light.allCases.indices))
        #expect(TaskStatus.allCases.map(\.place) == Array(TaskStatus.allCases.indices))
        #expect(Light.allCases.sorted() == [.green, .blue, .yellow, .red])
        #expect([Light.red, .green, .yellow, .blue].max() == .red)
    }
}
