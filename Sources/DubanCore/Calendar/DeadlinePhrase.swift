/// A deadline as the plan documents write it ("2025年6月底前", "2024年", "2024至2026年", "三年内")
/// or as an ISO date, read into the days it spans.
///
/// `start` is the day the phrase itself opens ("2024年" is the whole of 2024; "2024至2026年" opens on
/// 2024-01-01); phrases that only close ("2024年底前") leave it nil and the task's own start or the
/// plan's start applies.
public struct DeadlinePhrase: Hashable, Sendable {
    /// The phrase as written.
    public let text: String
    /// The first day the phrase covers, when it names one.
    public let start: Day?
    /// The last day by which the work is due.
    public let due: Day

    /// Makes a deadline directly from its days.
    public init(text: String, start: Day?, due: Day) {
        self.text = text
        self.start = start
        self.due = due
    }

    /// The forms accepted, for error messages and documentation.
    public static let acceptedForms =
        "an ISO date (2025-06-30) or one of 2024年底前, 2025年6月底前, 2024年9月30日前, 2024年, 2024年上半年, "
        + "2025年第三季度, 2024至2026年, 三年内"

    /// Reads a deadline phrase.
    ///
    /// - Parameters:
    ///   - text: the phrase.
    ///   - planStart: the plan's first day, which "三年内" counts from; nil where no plan is known.
    /// - Throws: `DeadlinePhraseError` naming what is wrong and how to write it instead.
    public static func parse(_ text: String, planStart: Day? = nil) throws(DeadlinePhraseError) -> DeadlinePhrase {
        if let day = Day(text) { return DeadlinePhrase(text: text, start: nil, due: day) }
        let normal = PhraseText.normalize(text)
        if normal.isEmpty { throw DeadlinePhraseError(text: text, reason: "the deadline is empty") }
        if let day = Day(normal) { return DeadlinePhrase(text: text, start: nil, due: day) }
        var scanner = PhraseScanner(normal)
        if let years = scanner.yearsWithin() {
            guard scanner.atEnd else { throw unreadable(text) }
            guard let planStart else {
                throw DeadlinePhraseError(
                    text: text, reason: "“N年内” counts from the plan's start, and no plan start is known here",
                    fix: "give the plan a period, or write the end date")
            }
            guard years >= 1 else {
                throw DeadlinePhraseError(text: text, reason: "a period of \(years) years is empty")
            }
            let c = planStart.components
            let end = Day.ordinal(year: c.year + years, month: c.month, day: c.day) - 1
            return DeadlinePhrase(text: text, start: planStart, due: Day(ordinal: end))
        }
        guard let year = scanner.year() else { throw unreadable(text) }
        try checkYear(year, text)
        // A span: 2024至2026年, 2024-2026年, 2024年至2026年.
        if scanner.take(["至", "-", "到", "年至", "年-", "年到"]) {
            guard let last = scanner.year(), scanner.atEnd || scanner.rest == "年" || scanner.rest == "年底" else {
                throw unreadable(text)
            }
            try checkYear(last, text)
            guard last >= year else {
                throw DeadlinePhraseError(
                    text: text, reason: "the span ends in \(last), before it starts in \(year)",
                    fix: "write the earlier year first, e.g. \(last)至\(year)年")
            }
            return DeadlinePhrase(
                text: text, start: Day.firstDay(year: year, month: 1), due: Day.lastDay(year: last, month: 12))
        }
        guard scanner.take(["年"]) else { throw unreadable(text) }
        if scanner.atEnd {
            return DeadlinePhrase(
                text: text, start: Day.firstDay(year: year, month: 1), due: Day.lastDay(year: year, month: 12))
        }
        if scanner.take(["底", "末"]) {
            guard scanner.atEnd else { throw unreadable(text) }
            return DeadlinePhrase(text: text, start: nil, due: Day.lastDay(year: year, month: 12))
        }
        if scanner.take(["上半年"]), scanner.atEnd {
            return DeadlinePhrase(
                text: text, start: Day.firstDay(year: year, month: 1), due: Day.lastDay(year: year, month: 6))
        }
        if scanner.take(["下半年"]), scanner.atEnd {
            return DeadlinePhrase(
                text: text, start: Day.firstDay(year: year, month: 7), due: Day.lastDay(year: year, month: 12))
        }
        if let quarter = scanner.quarter() {
            guard (1...4).contains(quarter) else {
                throw DeadlinePhraseError(
                    text: text, reason: "quarter \(quarter) does not exist", fix: "quarters are 1–4 (一季度 … 四季度)")
            }
            _ = scanner.take(["末", "底"])
            guard scanner.atEnd else { throw unreadable(text) }
            let first = quarter * 3 - 2
            return DeadlinePhrase(
                text: text, start: Day.firstDay(year: year, month: first),
                due: Day.lastDay(year: year, month: first + 2))
        }
        guard let month = scanner.number(), scanner.take(["月"]) else { throw unreadable(text) }
        guard (1...12).contains(month) else {
            throw DeadlinePhraseError(text: text, reason: "month \(month) does not exist", fix: "months are 1–12")
        }
        if scanner.atEnd || (scanner.take(["底", "末"]) && scanner.atEnd) {
            return DeadlinePhrase(text: text, start: nil, due: Day.lastDay(year: year, month: month))
        }
        guard let day = scanner.number(), scanner.take(["日", "号"]), scanner.atEnd else { throw unreadable(text) }
        guard let due = Day(year: year, month: month, day: day) else {
            throw DeadlinePhraseError(
                text: text,
                reason:
                    "\(year)年\(month)月 has \(Day.daysIn(month: month, year: year)) days, so day \(day) does not exist",
                fix: "write a day that exists, e.g. \(year)年\(month)月底前")
        }
        return DeadlinePhrase(text: text, start: nil, due: due)
    }

    /// Reads a start phrase: "自2024年3月起" (2024-03-01), "2024年3月15日起", "自2025年起", or an ISO date.
    public static func parseStart(_ text: String) throws(DeadlinePhraseError) -> Day {
        var normal = PhraseText.normalize(text)
        if let day = Day(normal) { return day }
        if normal.hasPrefix("自") || normal.hasPrefix("从") { normal.removeFirst() }
        for suffix in ["开始", "起"] where normal.hasSuffix(suffix) {
            normal.removeLast(suffix.count)
            break
        }
        var scanner = PhraseScanner(normal)
        guard let year = scanner.year(), scanner.take(["年"]) else {
            throw DeadlinePhraseError(
                text: text, reason: "this is not a start duban can read",
                fix: "write an ISO date (2024-03-01) or a phrase like 自2024年3月起")
        }
        try checkYear(year, text)
        if scanner.atEnd { return Day.firstDay(year: year, month: 1) }
        guard let month = scanner.number(), scanner.take(["月"]) else { throw unreadable(text) }
        guard (1...12).contains(month) else {
            throw DeadlinePhraseError(text: text, reason: "month \(month) does not exist", fix: "months are 1–12")
        }
        if scanner.atEnd { return Day.firstDay(year: year, month: month) }
        guard let day = scanner.number(), scanner.take(["日", "号"]), scanner.atEnd else { throw unreadable(text) }
        guard let start = Day(year: year, month: month, day: day) else {
            throw DeadlinePhraseError(
                text: text,
                reason:
                    "\(year)年\(month)月 has \(Day.daysIn(month: month, year: year)) days, so day \(day) does not exist",
                fix: "write a day that exists")
        }
        return start
    }

    private static func checkYear(_ year: Int, _ text: String) throws(DeadlinePhraseError) {
        guard (1900...2200).contains(year) else {
            throw DeadlinePhraseError(
                text: text, reason: "the year \(year) is out of range", fix: "write a four-digit year such as 2025")
        }
    }

    private static func unreadable(_ text: String) -> DeadlinePhraseError {
        DeadlinePhraseError(
            text: text, reason: "this is not a deadline duban can read", fix: "write " + acceptedForms)
    }
}

/// Why a deadline or start phrase could not be read, and how to write it.
public struct DeadlinePhraseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The phrase as written.
    public let text: String
    /// What is wrong with it.
    public let reason: String
    /// How to write it instead.
    public let fix: String

    /// Makes an error for `text`.
    public init(text: String, reason: String, fix: String = "write " + DeadlinePhrase.acceptedForms) {
        self.text = text
        self.reason = reason
        self.fix = fix
    }

    public var description: String {
        "“\(text)”: \(reason); \(fix)"
    }
}
