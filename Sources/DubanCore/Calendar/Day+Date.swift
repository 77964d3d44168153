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
