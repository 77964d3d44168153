import Foundation

/// The text form of stored times, `YYYY-MM-DD HH:MM:SS.SSS` in UTC, written and read by hand: a date
/// formatter a row cost a tenth of a large load.
enum StoredTime {
    /// `date` as stored.
    static func text(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (daysSinceEpoch, msOfDay) = floorDivide(millis, 86_400_000)
        let (year, month, day) = civil(fromDays: daysSinceEpoch)
        let hour = msOfDay / 3_600_000
        let minute = msOfDay / 60_000 % 60
        let second = msOfDay / 1000 % 60
        let ms = msOfDay % 1000
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " " + pad(hour, 2) + ":" + pad(minute, 2)
            + ":" + pad(second, 2) + "." + pad(ms, 3)
    }

    /// The time `text` names: `YYYY-MM-DD`, optionally with ` HH:MM`, `:SS` and `.SSS` (or a `T`
    /// for the space); nil for anything else.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[from..<(from + count)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let year = number(0, 4), let month = number(5, 2),
            let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var ms: Int64 = 0
        if bytes.count > 10 {
            guard bytes.count >= 16, bytes[10] == 32 || bytes[10] == 84, bytes[13] == 58, let hour = number(11, 2),
                let minute = number(14, 2)
            else { return nil }
            ms = (hour * 60 + minute) * 60_000
            if bytes.count > 16 {
                guard bytes.count >= 19, bytes[16] == 58, let second = number(17, 2) else { return nil }
                ms += second * 1000
                if bytes.count > 19 {
                    guard bytes[19] == 46, bytes.count > 20 else { return nil }
                    let digits = bytes.count - 20
                    guard let fraction = number(20, digits) else { return nil }
                    var scaled = Double(fraction)
                    for _ in 0..<digits { scaled /= 10 }
                    ms += Int64((scaled * 1000).rounded())
                }
            }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400_000 + ms) / 1000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    // Howard Hinnant's civil-from-days and days-from-civil.
    private static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
