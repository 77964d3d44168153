import DubanCore
import Foundation

/// The command line's clock: the real time, or `DUBAN_NOW` (ISO 8601) so runs and tests can be
/// replayed at a fixed moment.
enum CommandClock {
    /// The current instant.
    static func now() throws -> Date {
        guard let text = ProcessInfo.processInfo.environment["DUBAN_NOW"], !text.isEmpty else { return Date() }
        if let date = try LocalInput.instant(text, option: "DUBAN_NOW") { return date }
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

/// Reads a `--date`/`--as-of` argument: a day, or a time (its day in Asia/Shanghai).
func parseDay(_ text: String, option: String) throws -> Day {
    if let day = Day(text) { return day }
    if let date = try LocalInput.instant(text, option: option) { return Day(date) }
    throw InputError("\(option) “\(text)” is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30")
}

/// Times as people type them: ISO 8601 with an offset (`2025-06-30T09:00:00+08:00`, `…Z`), or
/// without one (`2025-06-30T09:00`, `2025-06-30 09:00:00`), read in Asia/Shanghai — the office's time.
enum LocalInput {
    /// The instant `text` names; nil when it is not a time at all.
    ///
    /// - Throws: `InputError` for a time that looks right but cannot be (2025-02-30T09:00, 25:00).
    static func instant(_ text: String, option: String) throws -> Date? {
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        guard
            let match = text.wholeMatch(
                of: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .shanghai
        let components = DateComponents(
            calendar: calendar, timeZone: .shanghai, year: Int(match.1), month: Int(match.2), day: Int(match.3),
            hour: Int(match.4), minute: Int(match.5), second: match.6.flatMap { Int($0) } ?? 0)
        guard components.isValidDate, let date = components.date else {
            throw InputError(
                "\(option) “\(text)” is not a real time; give a day that exists and a time from 00:00 to 23:59, "
                    + "e.g. 2025-06-30T09:00 (Asia/Shanghai) or 2025-06-30T09:00:00+08:00")
        }
        return date
    }
}
