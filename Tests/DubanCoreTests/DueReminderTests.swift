import Testing

@testable import DubanCore

/// `DueReminder.due(on:evaluation:offsets:calendar:)`: reminders exactly 30, 7 and 1 working days
/// before a deadline, counting statutory holidays and 调休.
@Suite struct DueReminderTests {
    typealias F = EvalFixture
    let offsets = Policy().reminderWorkingDays

    /// Every (day, task, offset) reminded from `first` through `last`, evaluating each day afresh.
    private func reminders(
        _ tasks: [PlanTask], progress: [String: TaskProgress] = [:], from first: String, through last: String
    ) throws -> [String] {
        var found: [String] = []
        for day in F.days(first, last) {
            let evaluation = try F.evaluate(tasks, progress: progress, asOf: day)
            for reminder in DueReminder.due(on: day, evaluation: evaluation, offsets: offsets, calendar: F.calendar) {
                found.append(
                    "\(day) \(reminder.task) \(reminder.workingDaysBefore) \(reminder.due) \(reminder.department)")
            }
        }
        return found
    }

    @Test func defaultOffsetsAreThirtySevenAndOne() {
        #expect(offsets == [30, 7, 1])
    }

    @Test func aroundSpringFestival2025() throws {
        // Due Monday 2025-02-10. 1 working day before: the 调休 Saturday 02-08.
        // 7: 02-08, 07, 06, 05, (春节 01-28 … 02-04), 01-27, the 调休 Sunday 01-26, 01-24 → 01-24.
        // 30: from 01-24 (7) on: 23, 22, 21, 20, 17, 16, 15, 14, 13, 10, 09, 08, 07, 06, 03, 02 (23),
        // (元旦), 2024-12-31, 30, 27, 26, 25, 24, 23 (30) → 2024-12-23.
        let task = F.milestone("sf", due: "2025-02-10", lead: "housing")
        let found = try reminders([task], from: "2024-11-01", through: "2025-02-12")
        #expect(
            found == [
                "2024-12-23 sf 30 2025-02-10 housing", "2025-01-24 sf 7 2025-02-10 housing",
                "2025-02-08 sf 1 2025-02-10 housing",
            ])
    }

    @Test func aroundNationalDay2024() throws {
        // Due Thursday 2024-10-10. 1: 10-09. 7: 10-09, 08, (国庆节 10-01 … 10-07), 09-30, the 调休
        // Sunday 09-29, 09-27, 26, 25 → 09-25. 30: 24, 23, 20, 19, 18, (中秋节 09-15 … 17), the 调休
        // Saturday 09-14 (13), 13, 12, 11, 10, 09, 06, 05, 04, 03, 02 (23), 08-30, 29, 28, 27, 26,
        // 23, 22 (30) → 08-22.
        let task = F.milestone("nd", due: "2024-10-10")
        let found = try reminders([task], from: "2024-08-01", through: "2024-10-12")
        #expect(
            found == [
                "2024-08-22 nd 30 2024-10-10 emergency", "2024-09-25 nd 7 2024-10-10 emergency",
                "2024-10-09 nd 1 2024-10-10 emergency",
            ])
    }

    @Test func deadlineInsideTheHolidayCountsBackFromIt() throws {
        // Due 2024-10-05, inside 国庆节: 1 working day before is 09-30; 7 is 09-23 (09-30, 29, 27, 26,
        // 25, 24, 23); 30 is 08-20.
        let task = F.milestone("in", due: "2024-10-05")
        let found = try reminders([task], from: "2024-08-01", through: "2024-10-06")
        #expect(found.map { String($0.prefix(13)) } == ["2024-08-20 in", "2024-09-23 in", "2024-09-30 in"])
    }

    @Test func noneForDoneTasks() throws {
        let tasks = [F.milestone("sf", due: "2025-02-10"), F.milestone("open", due: "2025-02-10", lead: "xingren")]
        let progress = ["sf": F.percent(100, on: "2024-10-15")]
        let found = try reminders(tasks, progress: progress, from: "2024-11-01", through: "2025-02-12")
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.contains(" open ") })
    }

    @Test func noneOnAnOrdinaryDayOrAfterTheDeadline() throws {
        let evaluation = try F.evaluate([F.milestone("sf", due: "2025-02-10")], asOf: "2025-01-23")
        #expect(
            DueReminder.due(on: F.day("2025-01-23"), evaluation: evaluation, offsets: offsets, calendar: F.calendar)
                .isEmpty)
        let late = try F.evaluate([F.milestone("sf", due: "2025-02-10")], asOf: "2025-02-11")
        #expect(
            DueReminder.due(on: F.day("2025-02-11"), evaluation: late, offsets: offsets, calendar: F.calendar).isEmpty)
    }

    @Test func aDutyIsRemindedBeforeItsCurrentPeriodEnds() throws {
        // 2024Q4 ends 2024-12-31 (Tue): 1 working day before is 12-30, 7 is 12-20 (30, 27, 26, 25, 24,
        // 23, 20), 30 is 11-19 (December's 12-02 … 12-30 are 21 working days; 11-29, 28, 27, 26, 25,
        // 22, 21, 20, 19 make 30).
        let duty = F.duty("q", start: "2024-01-01", end: "2024-12-31", lead: "xingren")
        let done: Set<String> = ["2024Q1", "2024Q2", "2024Q3"]
        let found = try reminders(
            [duty], progress: ["q": TaskProgress(occurrencesDone: done)], from: "2024-10-01", through: "2024-12-31")
        #expect(
            found == [
                "2024-11-19 q 30 2024-12-31 xingren", "2024-12-20 q 7 2024-12-31 xingren",
                "2024-12-30 q 1 2024-12-31 xingren",
            ])
    }
}
