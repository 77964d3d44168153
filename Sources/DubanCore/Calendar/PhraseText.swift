/// Normalises how Chinese plan text writes dates: full-width digits and punctuation, dashes,
/// spaces, and the "before" suffixes that do not change the date.
enum PhraseText {
    /// The phrase with ASCII digits, one kind of dash, no spaces and no trailing 前/以前/之前.
    static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19:  // full-width digits
                scalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x2014, 0x2013, 0x2012, 0x2015, 0xFF0D, 0x2212, 0x301C, 0xFF5E, 0x7E:  // dashes and waves
                scalars.append("-")
            case 0x20, 0x09, 0x3000, 0xA0, 0x0A, 0x0D:
                continue
            default:
                scalars.append(scalar)
            }
        }
        var result = String(scalars)
        while let last = result.last, "，,、;；。:：".contains(last) { result.removeLast() }
        for suffix in ["以前", "之前", "前", "止"] where result.hasSuffix(suffix) {
            result.removeLast(suffix.count)
            break
        }
        return result
    }
}

/// A cursor over a normalised phrase that reads years, numbers and fixed words.
struct PhraseScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var atEnd: Bool { index == scalars.count }

    var rest: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[index...])
        return String(view)
    }

    /// Consumes the first of `words` that comes next.
    mutating func take(_ words: [String]) -> Bool {
        for word in words {
            let wordScalars = Array(word.unicodeScalars)
            if index + wordScalars.count <= scalars.count,
                Array(scalars[index..<index + wordScalars.count]) == wordScalars
            {
                index += wordScalars.count
                return true
            }
        }
        return false
    }

    /// A four-digit year.
    mutating func year() -> Int? {
        let saved = index
        var value = 0
        var digits = 0
        while index < scalars.count, let d = Self.asciiDigit(scalars[index]) {
            value = value * 10 + d
            digits += 1
            index += 1
        }
        if digits == 4 { return value }
        index = saved
        return nil
    }

    /// A number written in ASCII digits or in Chinese numerals up to 99 (一, 十, 十二, 二十五).
    mutating func number() -> Int? {
        var value = 0
        var digits = 0
        while index < scalars.count, let d = Self.asciiDigit(scalars[index]) {
            value = value * 10 + d
            digits += 1
            index += 1
        }
        if digits > 0 { return value }
        return chineseNumber()
    }

    /// "N年内" with N in digits or Chinese numerals; consumes nothing when the phrase is not one.
    mutating func yearsWithin() -> Int? {
        let saved = index
        if let n = number(), n < 100, take(["年内", "年之内", "年期间"]) { return n }
        index = saved
        return nil
    }

    /// "第三季度", "三季度", "第3季度", "一季度"; consumes nothing when the phrase is not one.
    mutating func quarter() -> Int? {
        let saved = index
        _ = take(["第"])
        if let n = number(), take(["季度"]) { return n }
        index = saved
        return nil
    }

    private mutating func chineseNumber() -> Int? {
        let saved = index
        var value = 0
        var current = 0
        var seen = false
        while index < scalars.count {
            let s = scalars[index]
            if let d = Self.chineseDigit(s) {
                current = d
                seen = true
            } else if s == "十" {
                value += (current == 0 ? 1 : current) * 10
                current = 0
                seen = true
            } else {
                break
            }
            index += 1
        }
        guard seen else {
            index = saved
            return nil
        }
        return value + current
    }

    private static func asciiDigit(_ s: Unicode.Scalar) -> Int? {
        (48...57).contains(s.value) ? Int(s.value - 48) : nil
    }

    private static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "零": return 0
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }
}
