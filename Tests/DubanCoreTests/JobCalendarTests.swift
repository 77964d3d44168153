import Testing

@testable import DubanCore

/// `JobCalendar.runs(after:through:calendar:)` over the State Council schedules of 2024 and 2025.
@Suite struct JobCalendarTests {
    typealias F = EvalFixture
    let jobs = JobCalendar()

    private func at(_ day: String, _ hour: Int = 9, _ minute: Int = 0) -> LocalTime {
        LocalTime(day: F.day(day), minute: hour * 60 + minute)
    }

    private func runs(_ only: Set<Job>, after since: LocalTime, through now: LocalTime) -> [DueRun] {
        var calendar = jobs
        calendar.jobs = only
        return calendar.runs(after: since, through: now, calendar: F.calendar)
    }

    private func days(_ runs: [DueRun]) -> [String] { runs.map(\.at.day.description) }

    @Test(arguments: [
        ("2024-01", "2024-01-05"),  // a Friday
        ("2024-02", "2024-02-05"),  // a Monday, before 春节
        ("2024-04", "2024-04-07"),  // 04-05/06 are 清明节; 04-07 is a 调休 Sunday
        ("2024-05", "2024-05-06"),  // 05-01 … 05-05 are 劳动节
        ("2024-06", "2024-06-05"),
        ("2024-10", "2024-10-08"),  // 10-01 … 10-07 are 国庆节
        ("2025-01", "2025-01-06"),  // 01-05 is a Sunday
        ("2025-02", "2025-02-05"),  // the first day back after 春节
    ])
    func monthlyDispatchOnTheFirstWorkingDayOnOrAfterTheFifth(month: String, expected: String) throws {
        let first = F.day(month + "-01")
        let found = runs([.monthlyDispatch], after: LocalTime(day: first.adding(days: -1)), through: at(month + "-28"))
        let run = try #require(found.first { $0.period == month })
        #expect(run.at == at(expected))
        #expect(found.filter { $0.period == month }.count == 1)
    }

    @Test func dailyRunsOnlyOnWorkingDays() {
        // 2024-02-04 and 02-18 are 调休 Sundays; 02-10 … 02-17 are 春节.
        let found = runs([.dailyReminders], after: at("2024-02-03"), through: at("2024-02-19"))
        #expect(
            days(found) == [
                "2024-02-04", "2024-02-05", "2024-02-06", "2024-02-07", "2024-02-08", "2024-02-09", "2024-02-18",
                "2024-02-19",
            ])
        #expect(found.map(\.period) == days(found))
        #expect(found.allSatisfy { $0.at.minute == 9 * 60 && $0.job == .dailyReminders })
    }

    @Test(arguments: [
        // Meeting 2024-04-15 (Mon): 04-12, 11, 10, 09, 08.
        ("2024Q1", "2024-04-15", "2024-04-08"),
        ("2024Q2", "2024-07-15", "2024-07-08"),
        // Meeting 2024-10-15 (Tue): 10-14, the 调休 Saturday 10-12, 10-11, 10-10, 10-09.
        ("2024Q3", "2024-10-15", "2024-10-09"),
        ("2024Q4", "2025-01-15", "2025-01-08"),
    ])
    func quarterlyAgendaFiveWorkingDaysBeforeTheMeeting(quarter: String, meeting: String, agenda: String) throws {
        #expect(jobs.meeting(for: quarter, calendar: F.calendar) == F.day(meeting))
        let found = runs([.quarterlyAgenda], after: at("2024-03-01"), through: at("2025-02-01"))
        let run = try #require(found.first { $0.period == quarter })
        #expect(run.at == at(agenda))
    }

    @Test func meetingOnAHolidayMovesToTheNextWorkingDay() {
        // Meeting on the 1st: 2024-10-01 is 国庆节 → 10-08. Five working days before: 09-30, the 调休
        // Sunday 09-29, 09-27, 09-26, 09-25.
        var early = JobCalendar(meetingDay: 1)
        #expect(early.meeting(for: "2024Q3", calendar: F.calendar) == F.day("2024-10-08"))
        early.jobs = [.quarterlyAgenda]
        let found = early.runs(after: at("2024-09-01"), through: at("2024-10-31"), calendar: F.calendar)
        #expect(found.map(\.period) == ["2024Q3"])
        #expect(days(found) == ["2024-09-25"])
        // On the 13th: 2024-07-13 is a Saturday → Monday 07-15.
        #expect(JobCalendar(meetingDay: 13).meeting(for: "2024Q2", calendar: F.calendar) == F.day("2024-07-15"))
        #expect(jobs.meeting(for: "2024Q5", calendar: F.calendar) == nil)
    }

    @Test func yearlyReviewOnTheFirstWorkingDayOnOrAfterDecemberTwentieth() {
        let found = runs([.yearlyReview], after: at("2024-01-01"), through: at("2025-12-31"))
        #expect(found.map(\.period) == ["2024", "2025"])
        #expect(days(found) == ["2024-12-20", "2025-12-22"])  // 2025-12-20 is a Saturday
    }

    @Test func runsAreSortedExcludeSinceAndIncludeNow() {
        let found = jobs.runs(after: at("2024-03-31"), through: at("2024-04-10"), calendar: F.calendar)
        #expect(found == found.sorted())
        #expect(
            found.map { "\($0.at.day) \($0.job.rawValue) \($0.period)" } == [
                "2024-04-01 daily-reminders 2024-04-01", "2024-04-02 daily-reminders 2024-04-02",
                "2024-04-03 daily-reminders 2024-04-03", "2024-04-07 daily-reminders 2024-04-07",
                "2024-04-07 monthly-dispatch 2024-04", "2024-04-08 daily-reminders 2024-04-08",
                "2024-04-08 quarterly-agenda 2024Q1", "2024-04-09 daily-reminders 2024-04-09",
                "2024-04-10 daily-reminders 2024-04-10",
            ])
        let daily: Set<Job> = [.dailyReminders]
        #expect(days(runs(daily, after: at("2024-04-08"), through: at("2024-04-09"))) == ["2024-04-09"])
        #expect(
            days(runs(daily, after: at("2024-04-08", 8, 59), through: at("2024-04-09"))) == [
                "2024-04-08", "2024-04-09",
            ])
        #expect(runs(daily, after: at("2024-04-08"), through: at("2024-04-09", 8, 59)).isEmpty)
        #expect(runs(daily, after: at("2024-04-09"), through: at("2024-04-09")).isEmpty)
        #expect(runs(daily, after: at("2024-04-10"), through: at("2024-04-09")).isEmpty)
    }

    @Test func catchUpOverMonthsListsEachMissedPeriodOnce() {
        // Loaded 2024-01-05 10:00, after January's dispatch at 09:00; started again 2024-12-31.
        let found = runs(
            [.monthlyDispatch, .quarterlyAgenda, .yearlyReview], after: at("2024-01-05", 10), through: at("2024-12-31"))
        let monthly = found.filter { $0.job == .monthlyDispatch }.map(\.period)
        #expect(monthly == (2...12).map { "2024-\($0 < 10 ? "0" : "")\($0)" })
        #expect(found.filter { $0.job == .quarterlyAgenda }.map(\.period) == ["2023Q4", "2024Q1", "2024Q2", "2024Q3"])
        #expect(
            found.filter { $0.job == .quarterlyAgenda }.map(\.at.day.description) == [
                "2024-01-08", "2024-04-08", "2024-07-08", "2024-10-09",
            ])
        #expect(found.filter { $0.job == .yearlyReview }.map(\.period) == ["2024"])
        #expect(found.count == 16)
        #expect(Set(found.map { "\($0.job.rawValue) \($0.period)" }).count == found.count)
        #expect(found == found.sorted())
    }

    @Test func catchUpAcrossTheYearEnd() {
        let found = jobs.runs(after: at("2024-12-31"), through: at("2025-01-10"), calendar: F.calendar)
        let periodic = found.filter { $0.job != .dailyReminders }
        #expect(
            periodic.map { "\($0.at.day) \($0.job.rawValue) \($0.period)" } == [
                "2025-01-06 monthly-dispatch 2025-01", "2025-01-08 quarterly-agenda 2024Q4",
            ])
        // Working days 2025-01-02 … 01-10 (01-01 is 元旦).
        #expect(found.filter { $0.job == .dailyReminders }.count == 7)
    }
}
