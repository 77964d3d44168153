import ArgumentParser
import DubanCore
import DubanPlans
import DubanStore
import Foundation

/// The policy and working-day calendar the scheduler and evaluation use.
struct SchedulerOptions: ParsableArguments {
    @Option(help: "The office's policy file (default: plans/policy.yaml).")
    var policy: String = "plans/policy.yaml"

    @Option(help: "The folder of State Council holiday schedules (default: plans/calendar).")
    var calendar: String = CalendarFiles.defaultFolder

    /// Reads the policy and calendar.
    func context() throws -> SchedulerContext {
        SchedulerContext(policy: try PolicyFile.read(path: policy), calendar: try CalendarFiles.read(folder: calendar))
    }
}

extension LocalTime {
    /// Reads `YYYY-MM-DD` (end of that day) or a date-time, with an offset or in Asia/Shanghai.
    static func parse(_ text: String, option: String) throws -> LocalTime {
        if let day = Day(text) { return LocalTime(day: day, minute: 23 * 60 + 59) }
        if let date = try LocalInput.instant(text, option: option) { return LocalTime(date) }
        throw InputError(
            "\(option) “\(text)” is not a date or time; write 2025-06-30 (the whole day), 2025-06-30T09:00 "
                + "(Asia/Shanghai) or 2025-06-30T09:00:00+08:00")
    }
}
