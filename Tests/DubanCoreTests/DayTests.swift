import Foundation
import Testing

@testable import DubanCore

/// `Day`: the civil-calendar arithmetic everything else counts in.
@Suite struct DayTests {
    /// (year, month, day, days since 1970-01-01).
    static let knownDays: [(Int, Int, Int, Int)] = [
        (1970, 1, 1, 0),
        (2000, 2, 29, 11_016),
        (2024, 12, 31, 20_088),
        (1969, 12, 31, -1),
        (1900, 1, 1, -25_567),
        (1600, 2, 29, -135_081),
        (0, 3, 1, -719_468),
    ]

    @Test(arguments: knownDays)
    func componentsRoundTrip(year: Int, month: Int, day: Int, ordinal: Int) throws {
        let made = try #require(Day(year: year, month: month, day: day))
        #expect(made.ordinal == ordinal)
        let back = Day(ordinal: ordinal).components
        #expect(back.year == year)
        #expect(back.month == month)
        #expect(back.day == day)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        var mismatches: [Int] = []
        let first = Day(year: 1800, month: 1, day: 1)!.ordinal
        let last = Day(year: 2200, month: 12, day: 31)!.ordinal
        for ordinal in first...last {
            let c = Day(ordinal: ordinal).components
            if Day(year: c.year, month: c.month, day: c.day)?.ordinal != ordinal { mismatches.append(ordinal) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test(arguments: [
        ("2024-01-01", 1), ("1970-01-01", 4), ("1969-12-31", 3), ("2024-12-29", 7), ("1900-01-01", 1),
    ])
    func weekday(_ text: String, expected: Int) {
        #expect(Fixture.day(text).weekday == expected)
    }

    @Test func parsesAndPrintsISO() {
        #expect(Day("2024-02-29")?.description == "2024-02-29")
        #expect(Day("0999-01-05")?.description == "0999-01-05")
    }

    /// Every few days from year 0 to past 9999 prints as its zero-padded components and reads back.
    @Test func printsEveryDayPaddedAndReadsItBack() {
        func padded(_ n: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
        }
        for ordinal in stride(from: Day(year: 0, month: 1, day: 1)!.ordinal, to: 2_933_000, by: 37) {
            let day = Day(ordinal: ordinal)
            let c = day.components
            let text = "\(padded(c.year, 4))-\(padded(c.month, 2))-\(padded(c.day, 2))"
            #expect(day.description == text)
            if c.year <= 9999 { #expect(Day(text) == day) }
        }
    }

    @Test(arguments: [
        "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-2-03", "2024/02/03", "２０２４-02-03", "",
    ])
    func refusesWhatIsNotAnISODay(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func refusesImpossibleComponents() {
        #expect(Day(year: 2024, month: 2, day: 30) == nil)
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2024, month: 4, day: 31) == nil)
        #expect(Day(year: 2024, month: 1, day: 0) == nil)
    }

    @Test func arithmeticAndMonthEdges() {
        let day = Fixture.day("2024-02-10")
        #expect(day.adding(days: 20) == Fixture.day("2024-03-01"))
        #expect(day.adding(days: -41) == Fixture.day("2023-12-31"))
        #expect(day.days(to: Fixture.day("2025-02-10")) == 366)
        #expect(day.startOfMonth == Fixture.day("2024-02-01"))
        #expect(day.endOfMonth == Fixture.day("2024-02-29"))
        #expect(Day.lastDay(year: 2023, month: 2) == Fixture.day("2023-02-28"))
        #expect(Day.firstDay(year: 2025, month: 12) == Fixture.day("2025-12-01"))
    }

    @Test func shanghaiMidnightStartsTheNextDay() throws {
        let formatter = ISO8601DateFormatter()
        let late = try #require(formatter.date(from: "2024-12-31T16:30:00Z"))
        #expect(Day(late, in: .shanghai) == Fixture.day("2025-01-01"))
        #expect(Day(late) == Fixture.day("2025-01-01"))
        let justBefore = try #require(formatter.date(from: "2024-12-31T15:59:59Z"))
        #expect(Day(justBefore, in: .shanghai) == Fixture.day("2024-12-31"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Day(late, in: utc) == Fixture.day("2024-12-31"))
    }

    @Test func instantsBefore1970FallOnTheRightDay() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Day(Date(timeIntervalSince1970: -1), in: utc) == Fixture.day("1969-12-31"))
        #expect(Day(Date(timeIntervalSince1970: -86_400), in: utc) == Fixture.day("1969-12-31"))
        #expect(Day(Date(timeIntervalSince1970: -86_401), in: utc) == Fixture.day("1969-12-30"))
    }

    @Test func codableUsesISOText() throws {
        let data = try JSONEncoder().encode([Fixture.day("2025-06-30")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2025-06-30\"]")
        #expect(try JSONDecoder().decode([Day].self, from: data) == [Fixture.day("2025-06-30")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data("[\"2025-02-30\"]".utf8))
        }
    }
}
