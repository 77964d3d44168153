import DubanCore
import Foundation

/// The command line's clock: the real time, or `DUBAN_NOW` (ISO 8601) so runs and tests can be
/// replayed at a fixed moment.
enum CommandClock {
    /// The current instant.
    static func now() throws -> Date {
        guard let text = ProcessInfo.processInfo.environment["DUBAN_NOW"], !text.isEmpty else { return Date() }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        if let day = Day(text) {
            return Date(
                timeIntervalSince1970: Double(day.ordinal) * 86_400 - Double(TimeZone.shanghai.secondsFromGMT()))
        }
        throw InputError("DUBAN_NOW “\(text)” is not an ISO 8601 time; write 2025-06-30T09:00:00+08:00 or 2025-06-30")
    }

    /// Today in Asia/Shanghai.
    static func today() throws -> Day {
        Day(try now())
    }

    /// Who is acting: the login name, for the audit log.
    static var actor: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
    }
}

/// Reads a `--date`/`--as-of` argument.
func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(text) else {
        throw InputError("\(option) “\(text)” is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30")
    }
    return day
}
