import DubanCore

/// The date forms plan documents use beyond what `DeadlinePhrase` reads, read so that a drafted
/// deadline is never later than the document's: spans of months or days ("2025年6月至9月",
/// "2025年6月15日至7月15日"), thirds of a month ("2025年6月上旬"), "2025年度", and imprecise times
/// ("2025年初", "春节前", "今年内"), which are reported rather than guessed.
enum DocumentDateForms {
    /// How a form reads: a deadline (with the first day of a span its text does not say), or why not.
    enum Reading: Equatable {
        case deadline(DeadlinePhrase, opens: Day?)
        case unreadable(String)
    }

    // MARK: Patterns the finder tries, in its order

    /// "2025年6月15日至2025年7月15日", "2025年6月15日-30日".
    static let daySpan =
        "[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}[日号]?(?:至|到|-)(?:(?:[0-9]{4}年)?[0-9]{1,2}月)?[0-9]{1,2}[日号](?:以前|之前|前)?"
    /// "2025年1-6月", "2025年6月至9月", "2025年10月—12月", "2025年6月至2026年3月底前".
    static let monthSpan = "[0-9]{4}年[0-9]{1,2}月?(?:至|到|-)(?:[0-9]{4}年)?[0-9]{1,2}月(?:底|末)?(?:以前|之前|前)?"
    /// "2025年6月上旬", "2025年11月中旬前", "2025年6月中下旬".
    static let tenDays = "[0-9]{4}年[0-9]{1,2}月(?:上中|中下|上|中|下)旬末?(?:以前|之前|前)?"
    /// "2025年初", "2025年年中", "2025年春节前": a year, but no day in it. Not "2025年初步", "2025年中央".
    static let vagueInYear =
        "[0-9]{4}年年?(?:初(?!步)|中(?=以前|之前|前|[,;。]|$)|春节|元旦|五一|国庆|中秋|主汛期|汛期|汛)(?:以前|之前|前)?"
    /// "2025年度": the year, unless a noun follows ("2025年度考核", which `DocumentReferences` takes).
    static let yearOf = "[0-9]{4}年度"
    /// "今年内", "明年底前", "年内", "年初", "春节前", "汛期前", "上半年", "三季度末": no year at all.
    static let vagueWithoutYear =
        "(?:今年|明年|本年度?|当年|年)(?:初(?!步)|中(?=以前|之前|前|[,;。]|$)|内|底|末)(?:以前|之前|前)?"
        + "|(?:春节|元旦|五一|国庆|中秋|主汛期|汛期|汛)(?:以前|之前|前)|[上下]半年|第?[一二三四]季度(?:末|底)?(?:以前|之前|前)?"

    /// The year of `period` when it is one calendar year, as an annual plan's is.
    static func yearOnly(_ period: ClosedRange<Day>?) -> Int? {
        guard let period else { return nil }
        let year = period.lowerBound.year
        guard period.lowerBound == Day.firstDay(year: year, month: 1),
            period.upperBound == Day.lastDay(year: year, month: 12)
        else { return nil }
        return year
    }

    /// A year-less phrase that names a part of the current year ("年内", "年底前", "上半年",
    /// "第三季度", "今年6月底前" is not one) written with `year`, for an annual plan; nil otherwise.
    static func inYear(_ text: String, _ year: Int) -> String? {
        if let m = text.wholeMatch(of: #/(?:今年|本年度?|当年|年)(内|底|末)(以前|之前|前)?/#) {
            return m.output.1 == "内" ? "\(year)年底前" : "\(year)年\(m.output.1)\(m.output.2 ?? "")"
        }
        if text.wholeMatch(of: #/[上下]半年|第?[一二三四]季度(?:末|底)?(?:以前|之前|前)?/#) != nil {
            return "\(year)年" + (text.first == "上" || text.first == "下" || text.first == "第" ? text : "第" + text)
        }
        return nil
    }

    /// Words before a year-less imprecise phrase that make it something else: "每年底" recurs.
    static let notVagueAfter: Set<Character> = ["每", "逐"]

    // MARK: Reading

    nonisolated(unsafe) private static let span =
        #/([0-9]{4})年([0-9]{1,2})月?(?:([0-9]{1,2})[日号]?)?(?:至|到|-)(?:([0-9]{4})年)?(?:([0-9]{1,2})月)?(?:([0-9]{1,2})[日号])?(?:底|末)?(?:以前|之前|前)?/#
    nonisolated(unsafe) private static let third = #/([0-9]{4})年([0-9]{1,2})月(上中|中下|上|中|下)旬末?(?:以前|之前|前)?/#
    nonisolated(unsafe) private static let yearOfPhrase = #/([0-9]{4})年度/#
    nonisolated(unsafe) private static let vagueInYearPhrase = try! Regex(vagueInYear)
    nonisolated(unsafe) private static let vagueWithoutYearPhrase = try! Regex(vagueWithoutYear)

    /// The reading of `text` when it is one of these forms, else nil (`DeadlinePhrase` reads it).
    static func read(_ text: String) -> Reading? {
        if text.wholeMatch(of: vagueInYearPhrase) != nil {
            return .unreadable("an imprecise time (年初, 年中, 春节前, 汛期前) names no day; write the date it means")
        }
        if text.wholeMatch(of: vagueWithoutYearPhrase) != nil {
            return .unreadable("names no year, or no day; write the date it means, e.g. 2025年底前")
        }
        if let m = text.wholeMatch(of: yearOfPhrase) {
            return reading("\(m.output.1)年", opens: nil)
        }
        if let m = text.wholeMatch(of: third), let year = Int(m.output.1), let month = Int(m.output.2) {
            // 上旬 ends on the 10th, 中旬 on the 20th, 下旬 at the month's end.
            let due =
                m.output.3.hasSuffix("上")
                ? "\(year)年\(month)月10日前" : m.output.3.hasSuffix("中") ? "\(year)年\(month)月20日前" : "\(year)年\(month)月底前"
            return reading(due, opens: nil)
        }
        if let m = text.wholeMatch(of: span), let year = Int(m.output.1), let month = Int(m.output.2) {
            let lastYear = m.output.4.flatMap { Int($0) } ?? year
            if let firstDay = m.output.3.flatMap({ Int($0) }) {
                // A span of days: 2025年6月15日至2025年7月15日.
                guard let lastDay = m.output.6.flatMap({ Int($0) }) else { return nil }
                let lastMonth = m.output.5.flatMap { Int($0) } ?? month
                guard let opens = Day(year: year, month: month, day: firstDay) else {
                    return .unreadable("\(year)年\(month)月\(firstDay)日 does not exist")
                }
                return reading("\(lastYear)年\(lastMonth)月\(lastDay)日前", opens: opens)
            }
            // A span of months: 2025年6月至9月.
            guard let lastMonth = m.output.5.flatMap({ Int($0) }), m.output.6 == nil else { return nil }
            guard (1...12).contains(month) else { return .unreadable("month \(month) does not exist") }
            return reading("\(lastYear)年\(lastMonth)月底前", opens: Day.firstDay(year: year, month: month))
        }
        return nil
    }

    /// `due` read by `DeadlinePhrase`, opening on `opens`; unreadable when it does not exist or
    /// ends before it opens.
    private static func reading(_ due: String, opens: Day?) -> Reading {
        do {
            let phrase = try DeadlinePhrase.parse(due)
            if let opens {
                guard opens <= phrase.due else { return .unreadable("the span ends before it starts") }
                return .deadline(DeadlinePhrase(text: phrase.text, start: opens, due: phrase.due), opens: opens)
            }
            return .deadline(phrase, opens: nil)
        } catch {
            return .unreadable(error.reason)
        }
    }
}
