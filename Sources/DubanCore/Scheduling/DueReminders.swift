/// The reminders due on a day: tasks whose deadline is exactly N working days away, for each N
/// the policy names (30, 7 and 1 by default), counting statutory holidays and 调休.
public struct DueReminder: Hashable, Sendable {
    /// The task.
    public var task: String
    /// Its lead department.
    public var department: String
    /// The deadline (a duty's: the end of its current period).
    public var due: Day
    /// Working days from the reminder to the deadline.
    public var workingDaysBefore: Int
}

extension DueReminder {
    /// The reminders for `day` among tasks not done in `evaluation`.
    public static func due(
        on day: Day, evaluation: Evaluation, offsets: [Int], calendar: WorkCalendar
    ) -> [DueReminder] {
        var reminders: [DueReminder] = []
        for task in evaluation.tasks where task.status != .done && task.due >= day {
            for offset in offsets.sorted(by: >) where calendar.workingDays(offset, before: task.due) == day {
                reminders.append(
                    DueReminder(task: task.id, department: task.lead, due: task.due, workingDaysBefore: offset))
            }
        }
        return reminders
    }
}
