/// A calendar day in the plan's time zone (Asia/Shanghai), stored as days since 1970-01-01.
///
/// Plans speak in days ("2025年6月底前"), never in instants, so the domain counts days and leaves
/// the conversion to an instant to the edges that need one.
public struct Day: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int

    /// Makes the day with the given ordinal (days since 1970-01-01).
    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// Makes a day from year, month and day, or returns nil when that day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// The year, month and day of this day in the proleptic Gregorian calendar.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    /// The year this day falls in.
    public var year: Int { components.year }

    /// The month (1–12) this day falls in.
    public var month: Int { components.month }

    /// Day of the week, 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (ordinal + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        Day(ordinal: ordinal + count)
    }

    /// Days from this day to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int {
        other.ordinal - ordinal
    }

    /// The first day of this day's month.
    public var startOfMonth: Day {
        let c = components
        return Day(ordinal: Day.ordinal(year: c.year, month: c.month, day: 1))
    }

    /// The last day of this day's month.
    public var endOfMonth: Day {
        let c = components
        return Day.lastDay(year: c.year, month: c.month)
    }

    /// The last day of the given month.
    public static func lastDay(year: Int, month: Int) -> Day {
        Day(ordinal: ordinal(year: year, month: month, day: daysIn(month: month, year: year)))
    }

    /// The first day of the given month.
    public static func firstDay(year: Int, month: Int) -> Day {
        Day(ordinal: ordinal(year: year, month: month, day: 1))
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}

extension Day: CustomStringConvertible, LosslessStringConvertible {
    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    public init?(_ description: String) {
        // Read in place (no array of its bytes): every day of every task read from the store comes here.
        var text = description
        let parts = text.withUTF8 { utf8 -> (Int, Int, Int)? in
            guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for byte in utf8[range] {
                    guard byte >= 48, byte <= 57 else { return nil }
                    value = value * 10 + Int(byte - 48)
                }
                return value
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = parts else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day as `YYYY-MM-DD`.
    public var description: String {
        let c = components
        if (0...9999).contains(c.year) {
            // Ten bytes written in place: a string small enough to need no allocation.
            return String(unsafeUninitializedCapacity: 10) { buffer in
                func digits(_ value: Int, through last: Int, count: Int) {
                    var rest = value
                    for index in (last - count + 1...last).reversed() {
                        buffer[index] = UInt8(48 + rest % 10)
                        rest /= 10
                    }
                }
                digits(c.year, through: 3, count: 4)
                buffer[4] = UInt8(ascii: "-")
                digits(c.month, through: 6, count: 2)
                buffer[7] = UInt8(ascii: "-")
                digits(c.day, through: 9, count: 2)
                return 10
            }
        }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as YYYY-MM-DD, got \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
