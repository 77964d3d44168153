import Foundation

extension TimeZone {
    /// The plans' time zone: deadlines like "2024年底前" end at midnight in Beijing time.
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
}

extension Day {
    /// The day on which `date` falls in `timeZone` (Asia/Shanghai unless told otherwise).
    public init(_ date: Date, in timeZone: TimeZone = .shanghai) {
        let seconds = Int((date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(ordinal: days)
    }
}

extension LocalTime {
    /// The moment `date` is in Asia/Shanghai.
    public init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970) + TimeZone.shanghai.secondsFromGMT(for: date)
        self.init(day: Day(date), minute: ((seconds % 86_400) + 86_400) % 86_400 / 60)
    }
}

extension Day {
    /// Midnight at the start of the day in Asia/Shanghai.
    public var startDate: Date {
        Date(timeIntervalSince1970: Double(Day(year: 1970, month: 1, day: 1)!.days(to: self)) * 86_400 - 8 * 3_600)
    }
}
