/// Which days are working days in mainland China: weekdays, less the statutory holidays, plus
/// the weekend days made working days around them (调休), as the State Council publishes each year.
public struct WorkCalendar: Hashable, Sendable {
    /// One year's published schedule.
    public struct Year: Hashable, Sendable {
        /// The year.
        public var year: Int
        /// Holiday days (weekend days inside a holiday's span included) with the holiday's name.
        public var holidays: [Day: String]
        /// Weekend days that are working days.
        public var workdays: Set<Day>

        /// Makes a year's schedule.
        public init(year: Int, holidays: [Day: String], workdays: Set<Day>) {
            self.year = year
            self.holidays = holidays
            self.workdays = workdays
        }
    }

    /// The years known, by year.
    public private(set) var years: [Int: Year]

    /// Makes a calendar from published years; years not given count weekdays only.
    public init(years: [Year] = []) {
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Whether the State Council schedule for `year` is known.
    public func knows(year: Int) -> Bool {
        years[year] != nil
    }

    /// The holiday `day` falls in, if any.
    public func holiday(on day: Day) -> String? {
        years[day.year]?.holidays[day]
    }

    /// Whether people work on `day`.
    public func isWorkday(_ day: Day) -> Bool {
        if let year = years[day.year] {
            if year.workdays.contains(day) { return true }
            if year.holidays[day] != nil { return false }
        }
        return day.weekday <= 5
    }

    /// The working day `count` working days before `day` (`count` ≥ 1), e.g. the day a reminder
    /// "7 working days before the deadline" goes out.
    public func workingDays(_ count: Int, before day: Day) -> Day {
        var current = day
        var remaining = count
        while remaining > 0 {
            current = current.adding(days: -1)
            if isWorkday(current) { remaining -= 1 }
        }
        return current
    }

    /// The working day `count` working days after `day` (`count` ≥ 1), e.g. the day a reply to a
    /// letter is due "within 10 working days".
    public func workingDays(_ count: Int, after day: Day) -> Day {
        var current = day
        var remaining = count
        while remaining > 0 {
            current = current.adding(days: 1)
            if isWorkday(current) { remaining -= 1 }
        }
        return current
    }

    /// The first working day on or after `day`.
    public func workday(onOrAfter day: Day) -> Day {
        var current = day
        while !isWorkday(current) { current = current.adding(days: 1) }
        return current
    }

    /// The number of working days after `start` up to and including `end` (0 when `end` ≤ `start`).
    public func workingDays(from start: Day, to end: Day) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var current = start.adding(days: 1)
        while current <= end {
            if isWorkday(current) { count += 1 }
            current = current.adding(days: 1)
        }
        return count
    }
}
