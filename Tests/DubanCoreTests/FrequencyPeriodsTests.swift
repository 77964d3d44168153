import Testing

@testable import DubanCore

/// `Frequency.periods(from:through:)`: calendar periods, clipped to the duty's window.
@Suite struct FrequencyPeriodsTests {
    private func periods(_ frequency: Frequency, _ start: String, _ end: String) -> [String] {
        frequency.periods(from: Fixture.day(start), through: Fixture.day(end)).map {
            "\($0.lowerBound)…\($0.upperBound)"
        }
    }

    @Test func quartersOf2024ClippedToAWindowStartingMidFebruary() {
        #expect(
            periods(.quarter, "2024-02-15", "2024-12-31") == [
                "2024-02-15…2024-03-31", "2024-04-01…2024-06-30", "2024-07-01…2024-09-30", "2024-10-01…2024-12-31",
            ])
    }

    @Test func halfYearsClippedAtBothEnds() {
        #expect(
            periods(.halfYear, "2024-03-10", "2025-08-20") == [
                "2024-03-10…2024-06-30", "2024-07-01…2024-12-31", "2025-01-01…2025-06-30", "2025-07-01…2025-08-20",
            ])
    }

    @Test func twoMonthPeriodsPairJanuaryWithFebruary() {
        #expect(
            periods(.twoMonths, "2024-02-15", "2024-07-10") == [
                "2024-02-15…2024-02-29", "2024-03-01…2024-04-30", "2024-05-01…2024-06-30", "2024-07-01…2024-07-10",
            ])
    }

    @Test func twoMonthPeriodsCrossTheYear() {
        #expect(
            periods(.twoMonths, "2024-11-01", "2025-04-30") == [
                "2024-11-01…2024-12-31", "2025-01-01…2025-02-28", "2025-03-01…2025-04-30",
            ])
    }

    @Test func monthsCrossTheYear() {
        #expect(
            periods(.month, "2024-11-20", "2025-02-05") == [
                "2024-11-20…2024-11-30", "2024-12-01…2024-12-31", "2025-01-01…2025-01-31", "2025-02-01…2025-02-05",
            ])
    }

    @Test func yearsOfThePlan() {
        #expect(
            periods(.year, "2024-01-01", "2026-12-31") == [
                "2024-01-01…2024-12-31", "2025-01-01…2025-12-31", "2026-01-01…2026-12-31",
            ])
    }

    @Test func countsOverAThreeYearPlan() {
        let start = Fixture.day("2024-01-01")
        let end = Fixture.day("2026-12-31")
        #expect(Frequency.allCases.map { $0.periods(from: start, through: end).count } == [36, 18, 12, 6, 3])
    }

    @Test func oneDayWindowIsOnePeriod() {
        #expect(periods(.quarter, "2025-05-05", "2025-05-05") == ["2025-05-05…2025-05-05"])
    }

    @Test(arguments: [
        ("每月", Frequency.month), ("双月", .twoMonths), ("每季度", .quarter), ("每半年", .halfYear), ("每年", .year),
        ("two-months", .twoMonths), ("half-year", .halfYear),
    ])
    func readsPhrase(_ text: String, expected: Frequency) {
        #expect(Frequency(phrase: text) == expected)
    }

    @Test func refusesUnknownFrequency() {
        #expect(Frequency(phrase: "每周") == nil)
        #expect(Frequency.month < .quarter)
        #expect(Frequency.halfYear > .twoMonths)
    }
}
