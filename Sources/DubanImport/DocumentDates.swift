import DubanCore
import Foundation

/// A date-like phrase found in a sentence, and how the importer reads it.
struct FoundPhrase {
    /// Where the phrase stands in the line's normalised text.
    let range: Range<Int>
    /// The phrase, normalised ("2025年6月底前").
    let text: String
    /// What it means.
    let meaning: Meaning
    /// The first day of a span whose deadline's text does not say it: "2025年6月至9月" is due
    /// "2025年9月底前" and opens on 2025-06-01.
    var opens: Day? = nil

    enum Meaning {
        /// A deadline.
        case deadline(DeadlinePhrase)
        /// "自2024年3月起": work that starts on `day` and runs to the plan's end.
        case start(Day)
        /// A date that is not a deadline: a period in a title, a year before the plan's.
        case reference(reason: String)
        /// A date-like phrase that could not be read.
        case unreadable(reason: String)
    }

    /// The deadline, when the phrase is one.
    var deadline: DeadlinePhrase? {
        if case .deadline(let phrase) = meaning { return phrase }
        return nil
    }

    /// Whether the phrase dates work (a deadline or a start).
    var dates: Bool {
        switch meaning {
        case .deadline, .start: true
        case .reference, .unreadable: false
        }
    }
}

/// Finds deadline, start and span phrases in plan text and reads them with `DeadlinePhrase` and
/// `DocumentDateForms`; dates that name something are references (`DocumentReferences`).
enum DocumentDates {
    /// The forms the finder tries at each position, in order: the first that matches wins.
    private static let forms = [
        // "自2024年3月起".
        "(?:自|从)[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?(?:起|开始)",
        DocumentDateForms.daySpan,
        DocumentDateForms.monthSpan,
        // "2024至2026年", "2024年-2026年底前".
        "[0-9]{4}年?(?:至|到|-)[0-9]{4}年(?:底|末)?(?:以前|之前|前)?",
        // "三年内".
        "[一二三四五六七八九十两0-9]{1,3}年(?:之内|内)",
        DocumentDateForms.tenDays,
        DocumentDateForms.vagueInYear,
        DocumentDateForms.yearOf,
        // "2024年", "2024年底前", "2025年6月底前", "2024年9月30日前", "2025年第三季度", "2024年上半年", "2025年3月起".
        "[0-9]{4}年(?:年底|年末|[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底|末)?|第?[一二三四1-4]季度(?:末|底)?|[上下]半年|底|末)?"
            + "(?:以前|之前|前|起|开始)?",
        DocumentDateForms.vagueWithoutYear,
    ]
    nonisolated(unsafe) private static let phrase = try! Regex(forms.joined(separator: "|"), as: Substring.self)

    /// Date-like text no phrase accounts for: a month or day without a year, a year in Chinese numerals.
    nonisolated(unsafe) private static let dateLike =
        #/[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底|末|上旬|中旬|下旬)(?:以前|之前|前)?|[0-9]{1,2}月(?:至|到|-)[0-9]{1,2}月|[〇零一二三四五六七八九]{4}年|[0-9]{1,2}月份/#

    /// The phrases in `range` of `line`, in order.
    static func find(in line: DocumentLine, _ range: Range<Int>, period: ClosedRange<Day>?) -> [FoundPhrase] {
        var found: [FoundPhrase] = []
        for (at, written) in line.matches(of: phrase, in: range) {
            // "每年底" recurs; it is no imprecise deadline.
            if at.lowerBound > 0, DocumentDateForms.notVagueAfter.contains(line.text[at.lowerBound - 1]),
                written.first?.isASCII == false
            {
                continue
            }
            found.append(read(written, at: at, in: line, period: period))
        }
        return found
    }

    /// Date-like text in `range` of `line` that no phrase in `phrases` covers.
    static func strays(
        in line: DocumentLine, _ range: Range<Int>, besides phrases: [FoundPhrase]
    ) -> [(range: Range<Int>, text: String)] {
        line.matches(of: dateLike, in: range).filter { stray in
            // "每年12月底前" is a yearly duty's day, read with the duty.
            let yearly =
                stray.range.lowerBound >= 2
                && String(line.text[stray.range.lowerBound - 2..<stray.range.lowerBound]) == "每年"
            return !yearly && !phrases.contains(where: { $0.range.overlaps(stray.range) })
        }
    }

    private static func read(
        _ written: String, at range: Range<Int>, in line: DocumentLine, period: ClosedRange<Day>?
    ) -> FoundPhrase {
        // "2024年年底前" says the year twice.
        let text = written.replacingOccurrences(of: "年年底", with: "年底").replacingOccurrences(of: "年年末", with: "年末")
        func found(_ meaning: FoundPhrase.Meaning, opens: Day? = nil) -> FoundPhrase {
            FoundPhrase(range: range, text: text, meaning: meaning, opens: opens)
        }
        if line.inBookTitle[range.lowerBound] {
            return found(.reference(reason: "part of a document's title in 《》"))
        }
        let before = String(line.text[max(0, range.lowerBound - 2)..<range.lowerBound])
        let after = String(line.text[range.upperBound..<min(line.text.count, range.upperBound + 6)])
        if before.last == "(", after.first == ")" {
            return found(.reference(reason: "a period in parentheses, as titles give it"))
        }
        // A day alone on its line, as under the issuer's name at the end: the day the document was signed.
        let alone =
            line.text[..<range.lowerBound].allSatisfy(\.isWhitespace)
            && line.text[range.upperBound...].allSatisfy(\.isWhitespace)
        if alone, text.hasSuffix("日") || text.hasSuffix("号") {
            return found(.reference(reason: "the day the document was signed or issued, alone on its line"))
        }
        if let reason = DocumentReferences.reason(for: text, before: before, after: after) {
            return found(.reference(reason: reason))
        }
        if let reason = runOn(text, after) { return found(.unreadable(reason: reason)) }
        if text.hasSuffix("起") || text.hasSuffix("开始") {
            do {
                let day = try DeadlinePhrase.parseStart(text)
                if let period, day < period.lowerBound {
                    return found(.reference(reason: "starts before the plan's period"))
                }
                return found(.start(day))
            } catch {
                return found(.unreadable(reason: error.reason))
            }
        }
        // In a plan for one year (a 年度工作要点), "上半年", "年内", "第三季度" are that year's.
        if let year = DocumentDateForms.yearOnly(period), let dated = DocumentDateForms.inYear(text, year) {
            do {
                // Kept with its year, so the drafted plan reads back the same day.
                return found(.deadline(try DeadlinePhrase.parse(dated, planStart: period?.lowerBound)))
            } catch {
                return found(.unreadable(reason: error.reason))
            }
        }
        let deadline: DeadlinePhrase
        var opens: Day?
        switch DocumentDateForms.read(text) {
        case .unreadable(let reason)?:
            return found(.unreadable(reason: reason))
        case .deadline(let phrase, let first)?:
            (deadline, opens) = (phrase, first)
        case nil:
            do {
                deadline = try DeadlinePhrase.parse(text, planStart: period?.lowerBound)
            } catch {
                return found(.unreadable(reason: error.reason))
            }
        }
        if let period, deadline.due < period.lowerBound {
            return found(.reference(reason: "before the plan's period (\(period.lowerBound.components.year)–)"))
        }
        return found(.deadline(deadline), opens: opens)
    }

    /// Why a phrase that the text runs on from cannot be read as it stands: "2025年6月初" is not
    /// June, and "2025年6月1日至年底" is no deadline on June 1st. Nil when the phrase ends where it should.
    private static func runOn(_ text: String, _ after: String) -> String? {
        guard let next = after.first else { return nil }
        if "至到-".contains(next), !text.hasSuffix("前") {
            return "a span whose end the importer cannot read; write its start and its end date"
        }
        if text.hasSuffix("月"), next == "初" || next == "中" || after.hasPrefix("上旬") || after.hasPrefix("下旬") {
            return "an imprecise part of the month; write the date it means, e.g. 2025年6月10日前"
        }
        return nil
    }
}
