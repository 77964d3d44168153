import Testing

@testable import DubanCore

/// `WorkCalendar` on the State Council schedules of 2024 and 2025, written here by hand from the
/// notices (国办发明电〔2023〕7号, 国办发明电〔2024〕12号), not read from plans/calendar.
@Suite struct WorkCalendarTests {
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("bad test date \(text)") }
        return day
    }

    /// Every day from `first` through `last`.
    static func span(_ first: String, _ last: String) -> [Day] {
        let start = day(first)
        return (0...start.days(to: day(last))).map { start.adding(days: $0) }
    }

    static func year(_ year: Int, holidays: [(String, [Day])], workdays: [String]) -> WorkCalendar.Year {
        var named: [Day: String] = [:]
        for (name, days) in holidays {
            for day in days { named[day] = name }
        }
        return WorkCalendar.Year(year: year, holidays: named, workdays: Set(workdays.map(day)))
    }

    static let y2024 = year(
        2024,
        holidays: [
            ("元旦", span("2024-01-01", "2024-01-01")),
            ("春节", span("2024-02-10", "2024-02-17")),
            ("清明节", span("2024-04-04", "2024-04-06")),
            ("劳动节", span("2024-05-01", "2024-05-05")),
            ("端午节", span("2024-06-08", "2024-06-10")),
            ("中秋节", span("2024-09-15", "2024-09-17")),
            ("国庆节", span("2024-10-01", "2024-10-07")),
        ],
        workdays: [
            "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
            "2024-10-12",
        ])

    static let y2025 = year(
        2025,
        holidays: [
            ("元旦", span("2025-01-01", "2025-01-01")),
            ("春节", span("2025-01-28", "2025-02-04")),
            ("清明节", span("2025-04-04", "2025-04-06")),
            ("劳动节", span("2025-05-01", "2025-05-05")),
            ("端午节", span("2025-05-31", "2025-06-02")),
            ("国庆节、中秋节", span("2025-10-01", "2025-10-08")),
        ],
        workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"])

    static let calendar = WorkCalendar(years: [y2024, y2025])

    // MARK: isWorkday

    @Test(arguments: [
        ("2025-03-08", false),  // an ordinary Saturday
        ("2025-03-09", false),  // an ordinary Sunday
        ("2025-03-10", true),  // an ordinary Monday
        ("2025-03-14", true),  // an ordinary Friday
        ("2025-01-01", false),  // 元旦, a Wednesday
        ("2025-01-28", false),  // 除夕, a Tuesday
        ("2025-02-01", false),  // a Saturday inside 春节
        ("2025-02-04", false),  // 春节's last day, a Tuesday
        ("2025-02-05", true),  // back to work, a Wednesday
        ("2025-10-08", false),  // 国庆节、中秋节's last day, a Wednesday
        ("2024-10-07", false),  // 国庆节's last day, a Monday
        ("2024-06-10", false),  // 端午节, a Monday
        ("2025-01-26", true),  // 调休 Sunday before 春节
        ("2025-02-08", true),  // 调休 Saturday after 春节
        ("2025-04-27", true),  // 调休 Sunday before 劳动节
        ("2025-09-28", true),  // 调休 Sunday before 国庆节
        ("2025-10-11", true),  // 调休 Saturday after 国庆节
        ("2024-04-07", true),  // 调休 Sunday after 清明节
        ("2024-09-14", true),  // 调休 Saturday before 中秋节
        ("2024-10-12", true),  // 调休 Saturday after 国庆节
    ])
    func isWorkday(date: String, expected: Bool) {
        #expect(Self.calendar.isWorkday(Self.day(date)) == expected, "\(date)")
    }

    @Test func holidayNames() {
        #expect(Self.calendar.holiday(on: Self.day("2025-02-01")) == "春节")
        #expect(Self.calendar.holiday(on: Self.day("2025-10-06")) == "国庆节、中秋节")
        #expect(Self.calendar.holiday(on: Self.day("2025-01-26")) == nil)
        #expect(Self.calendar.holiday(on: Self.day("2025-03-08")) == nil)
    }

    @Test func yearWithoutAScheduleCountsWeekdaysOnly() {
        #expect(Self.calendar.knows(year: 2025))
        #expect(!Self.calendar.knows(year: 2023))
        #expect(Self.calendar.isWorkday(Self.day("2023-10-02")))  // a Monday; 2023's 国庆节 is not known here
        #expect(!Self.calendar.isWorkday(Self.day("2023-10-07")))  // a Saturday
        #expect(Self.calendar.holiday(on: Self.day("2023-10-02")) == nil)
        #expect(WorkCalendar().isWorkday(Self.day("2025-10-01")))
    }

    // MARK: workingDays(_:before:)

    @Test(arguments: [
        // 春节 2025: off 01-28…02-04; 01-26 (Sun) and 02-08 (Sat) are working days.
        (1, "2025-02-05", "2025-01-27"),
        (2, "2025-02-05", "2025-01-26"),
        (3, "2025-02-05", "2025-01-24"),
        (7, "2025-02-05", "2025-01-20"),
        (1, "2025-02-10", "2025-02-08"),
        (2, "2025-02-10", "2025-02-07"),
        (4, "2025-02-10", "2025-02-05"),
        (5, "2025-02-10", "2025-01-27"),
        (7, "2025-02-10", "2025-01-24"),
        // 国庆节 2024: off 10-01…10-07; 09-29 (Sun) and 10-12 (Sat) are working days.
        (1, "2024-10-08", "2024-09-30"),
        (2, "2024-10-08", "2024-09-29"),
        (3, "2024-10-08", "2024-09-27"),
        (1, "2024-10-14", "2024-10-12"),
        (5, "2024-10-14", "2024-10-08"),
        (6, "2024-10-14", "2024-09-30"),
        (7, "2024-10-14", "2024-09-29"),
        // 国庆节、中秋节 2025: off 10-01…10-08; 09-28 (Sun) and 10-11 (Sat) are working days.
        (1, "2025-10-09", "2025-09-30"),
        (3, "2025-10-09", "2025-09-28"),
        (4, "2025-10-09", "2025-09-26"),
        (1, "2025-10-13", "2025-10-11"),
        (3, "2025-10-13", "2025-10-09"),
        (4, "2025-10-13", "2025-09-30"),
        (6, "2025-10-13", "2025-09-28"),
        // A month before the end of October 2025 reaches back past the whole holiday.
        (30, "2025-10-31", "2025-09-15"),
        // Across the new year: 2025-01-01 is off, 2024-12-28 and -29 are a plain weekend.
        (1, "2025-01-02", "2024-12-31"),
        (3, "2025-01-02", "2024-12-27"),
    ])
    func workingDaysBefore(count: Int, day: String, expected: String) {
        #expect(Self.calendar.workingDays(count, before: Self.day(day)) == Self.day(expected), "\(count) before \(day)")
    }

    @Test func thirtyWorkingDaysBeforeOctober31WithoutTheScheduleIsDifferent() {
        // Weekdays only: six weeks back, a Friday. The holiday and its 调休 move it to 09-15.
        #expect(WorkCalendar().workingDays(30, before: Self.day("2025-10-31")) == Self.day("2025-09-19"))
    }

    // MARK: workday(onOrAfter:)

    @Test(arguments: [
        ("2024-05-05", "2024-05-06"),  // 劳动节's last day, a Sunday → Monday
        ("2024-04-05", "2024-04-07"),  // 清明节 Friday → the 调休 Sunday
        ("2024-04-06", "2024-04-07"),
        ("2024-04-07", "2024-04-07"),
        ("2025-01-25", "2025-01-26"),  // a Saturday → the 调休 Sunday
        ("2025-01-28", "2025-02-05"),  // 除夕 → after 春节
        ("2025-10-01", "2025-10-09"),
        ("2025-10-10", "2025-10-10"),  // an ordinary Friday
        ("2025-03-08", "2025-03-10"),  // an ordinary weekend
    ])
    func workdayOnOrAfter(day: String, expected: String) {
        #expect(Self.calendar.workday(onOrAfter: Self.day(day)) == Self.day(expected), "\(day)")
    }

    // MARK: workingDays(from:to:)

    @Test func workingDaysBetween() {
        #expect(Self.calendar.workingDays(from: Self.day("2025-09-30"), to: Self.day("2025-10-09")) == 1)
        #expect(Self.calendar.workingDays(from: Self.day("2025-09-26"), to: Self.day("2025-10-13")) == 7)
        #expect(Self.calendar.workingDays(from: Self.day("2025-10-09"), to: Self.day("2025-10-09")) == 0)
        #expect(Self.calendar.workingDays(from: Self.day("2025-10-09"), to: Self.day("2025-09-01")) == 0)
        // The count and the walk back agree.
        let start = Self.calendar.workingDays(30, before: Self.day("2025-10-31"))
        #expect(Self.calendar.workingDays(from: start, to: Self.day("2025-10-30")) == 29)
    }

    @Test func workingDaysPerYear() {
        // 2024: 262 weekdays − 19 holiday weekdays + 8 调休 days; 2025: 261 − 18 + 5.
        #expect(Self.calendar.workingDays(from: Self.day("2023-12-31"), to: Self.day("2024-12-31")) == 251)
        #expect(Self.calendar.workingDays(from: Self.day("2024-12-31"), to: Self.day("2025-12-31")) == 248)
    }
}
