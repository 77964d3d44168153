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

/// Finds deadline, start and span phrases in plan text and reads them with `DeadlinePhrase`.
enum DocumentDates {
    nonisolated(unsafe) private static let phrase =
        #/(?:自|从)[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?(?:起|开始)|[0-9]{4}年?(?:至|到|-)[0-9]{4}年(?:底|末)?(?:以前|之前|前)?|[一二三四五六七八九十两0-9]{1,3}年(?:之内|内)|[0-9]{4}年(?:年底|年末|[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底|末)?|第?[一二三四1-4]季度(?:末|底)?|[上下]半年|底|末)?(?:以前|之前|前|起|开始)?/#

    /// Date-like text no phrase accounts for: a month or day without a year, a year in Chinese numerals.
    nonisolated(unsafe) private static let dateLike =
        #/[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底|末|上旬|中旬|下旬)(?:以前|之前|前)?|[〇零一二三四五六七八九]{4}年|[0-9]{1,2}月份/#

    /// The phrases in `range` of `line`, in order.
    static func find(in line: DocumentLine, _ range: Range<Int>, period: ClosedRange<Day>?) -> [FoundPhrase] {
        line.matches(of: phrase, in: range).map { read($0.text, at: $0.range, in: line, period: period) }
    }

    /// Date-like text in `range` of `line` that no phrase in `phrases` covers.
    static func strays(
        in line: DocumentLine, _ range: Range<Int>, besides phrases: [FoundPhrase]
    ) -> [(range: Range<Int>, text: String)] {
        line.matches(of: dateLike, in: range).filter { stray in
            !phrases.contains(where: { $0.range.overlaps(stray.range) })
        }
    }

    private static func read(
        _ written: String, at range: Range<Int>, in line: DocumentLine, period: ClosedRange<Day>?
    ) -> FoundPhrase {
        // "2024年年底前" says the year twice.
        let text = written.replacingOccurrences(of: "年年底", with: "年底").replacingOccurrences(of: "年年末", with: "年末")
        func found(_ meaning: FoundPhrase.Meaning) -> FoundPhrase {
            FoundPhrase(range: range, text: text, meaning: meaning)
        }
        if line.inBookTitle[range.lowerBound] {
            return found(.reference(reason: "part of a document's title in 《》"))
        }
        let before = range.lowerBound > 0 ? line.text[range.lowerBound - 1] : nil
        let after = range.upperBound < line.text.count ? line.text[range.upperBound] : nil
        if before == "(", after == ")" {
            return found(.reference(reason: "a period in parentheses, as titles give it"))
        }
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
        do {
            let deadline = try DeadlinePhrase.parse(text, planStart: period?.lowerBound)
            if let period, deadline.due < period.lowerBound {
                return found(.reference(reason: "before the plan's period (\(period.lowerBound.components.year)–)"))
            }
            return found(.deadline(deadline))
        } catch {
            return found(.unreadable(reason: error.reason))
        }
    }
}
