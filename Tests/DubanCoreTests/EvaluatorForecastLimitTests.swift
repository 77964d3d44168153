import Testing

@testable import DubanCore

/// A pace so slow that the forecast would run past a century has no forecast — and a report of
/// 1e-300 % (which a fuzzer sent) must not overflow the day arithmetic.
@Suite struct EvaluatorForecastLimitTests {
    typealias F = EvalFixture

    @Test(arguments: [1e-300, 1e-9, 0.001])
    func tinyProgressHasNoForecastAndDoesNotTrap(_ percent: Double) throws {
        let task = F.milestone("t", start: "2024-01-01", due: "2024-12-31")
        let evaluation = try F.evaluate(
            [task], progress: ["t": F.percent(percent, on: "2024-06-01")], asOf: "2024-07-01")
        let judged = try #require(evaluation.task("t"))
        #expect(judged.forecast == nil)
        #expect(judged.status != .done)
    }

    @Test func aSlowButPlausiblePaceIsStillForecast() throws {
        // 10 % after 153 days: 1,530 days in all, well inside a century.
        let task = F.milestone("t", start: "2024-01-01", due: "2024-12-31")
        let evaluation = try F.evaluate([task], progress: ["t": F.percent(10, on: "2024-06-01")], asOf: "2024-07-01")
        #expect(evaluation.task("t")?.forecast == F.day("2024-01-01").adding(days: 1_529))
    }
}
