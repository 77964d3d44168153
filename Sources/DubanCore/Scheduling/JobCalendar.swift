/// When each job runs: the policy's calendar over working days.
///
/// - daily-reminders: every working day at `dailyAt`.
/// - monthly-dispatch: the first working day on or after day `dispatchDay` of each month.
/// - quarterly-agenda: `agendaWorkingDaysBefore` working days before the meeting, held on the first
///   working day on or after day `meetingDay` of the month after each quarter.
/// - yearly-review: the first working day on or after `reviewMonth`/`reviewDay` each year.
public struct JobCalendar: Hashable, Sendable {
    /// Minutes after midnight every job runs at.
    public var at: Int
    /// Day of the month of the monthly dispatch.
    public var dispatchDay: Int
    /// Day of the month (after the quarter) of the consultation meeting.
    public var meetingDay: Int
    /// Working days before the meeting that the agenda is prepared.
    public var agendaWorkingDaysBefore: Int
    /// Month of the yearly review.
    public var reviewMonth: Int
    /// Day of the yearly review.
    public var reviewDay: Int
    /// The jobs that run.
    public var jobs: Set<Job>

    /// Makes a calendar; defaults: 09:00, dispatch on the 5th, meeting on the 15th with the agenda
    /// five working days before, review on 20 December.
    public init(
        at: Int = 9 * 60, dispatchDay: Int = 5, meetingDay: Int = 15, agendaWorkingDaysBefore: Int = 5,
        reviewMonth: Int = 12, reviewDay: Int = 20, jobs: Set<Job> = Set(Job.allCases)
    ) {
        self.at = at
        self.dispatchDay = dispatchDay
        self.meetingDay = meetingDay
        self.agendaWorkingDaysBefore = agendaWorkingDaysBefore
        self.reviewMonth = reviewMonth
        self.reviewDay = reviewDay
        self.jobs = jobs
    }

    /// Every run due after `since` (exclusive) up to `now` (inclusive), in order of due time.
    public func runs(after since: LocalTime, through now: LocalTime, calendar: WorkCalendar) -> [DueRun] {
        guard since < now else { return [] }
        var runs: [DueRun] = []
        func add(_ job: Job, _ period: String, _ day: Day) {
            let time = LocalTime(day: day, minute: at)
            if time > since && time <= now { runs.append(DueRun(job: job, period: period, at: time)) }
        }
        if jobs.contains(.dailyReminders) {
            var day = since.day
            while day <= now.day {
                if calendar.isWorkday(day) { add(.dailyReminders, day.description, day) }
                day = day.adding(days: 1)
            }
        }
        let first = since.day.components
        let last = now.day.components
        var year = first.year
        var month = first.month
        // Months from the one before `since` (a run due early in the next month may still be owed).
        if month == 1 {
            year -= 1
            month = 12
        } else {
            month -= 1
        }
        while (year, month) <= (last.year, last.month) {
            let key = "\(year)-\(month < 10 ? "0" : "")\(month)"
            if jobs.contains(.monthlyDispatch) {
                add(.monthlyDispatch, key, calendar.workday(onOrAfter: Self.day(year, month, dispatchDay)))
            }
            if jobs.contains(.quarterlyAgenda), month % 3 == 0 {
                let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
                let meeting = calendar.workday(onOrAfter: Self.day(nextYear, nextMonth, meetingDay))
                add(
                    .quarterlyAgenda, "\(year)Q\(month / 3)",
                    calendar.workingDays(agendaWorkingDaysBefore, before: meeting))
            }
            if jobs.contains(.yearlyReview), month == reviewMonth {
                add(.yearlyReview, "\(year)", calendar.workday(onOrAfter: Self.day(year, month, reviewDay)))
            }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return runs.sorted()
    }

    /// The meeting day for quarter `period` (`2024Q3`), for agendas.
    public func meeting(for quarter: String, calendar: WorkCalendar) -> Day? {
        let parts = quarter.split(separator: "Q")
        guard parts.count == 2, let year = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q) else { return nil }
        let (y, m) = q == 4 ? (year + 1, 1) : (year, q * 3 + 1)
        return calendar.workday(onOrAfter: Self.day(y, m, meetingDay))
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(year: year, month: month, day: min(day, Day.daysIn(month: month, year: year)))!
    }
}
