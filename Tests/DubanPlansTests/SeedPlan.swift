import DubanCore
import Foundation

@testable import DubanPlans

/// The shipped plan (`plans/`) next to the text it was transcribed from
/// (`plans/sources/zaozhuang-gaoxin-2024-2026.txt`).
struct SeedPlan {
    /// A dated phrase found in the seed text.
    struct Phrase: CustomStringConvertible {
        enum Meaning { case due(Day), start(Day) }
        var text: String
        var range: Range<String.Index>
        var meaning: Meaning
        var line: Int
        var description: String { "“\(text)” (line \(line))" }
    }

    let set: PlanSet
    let issues: [PlanIssue]
    let seed: String
    /// Where the body starts: after the title and the preface, the first two lines.
    let bodyStart: String.Index
    /// Every place a task's source occurs in the seed.
    let spans: [(task: PlanTask, range: Range<String.Index>)]

    static let planStart = Day(year: 2024, month: 1, day: 1)!

    static func load() throws -> SeedPlan {
        let root = Fixture.packageRoot
        let contents = try PlanFiles.read(paths: [root + "/plans"])
        let issues = try PlanValidator.check(contents.set)
        let seed = try String(contentsOfFile: root + "/plans/sources/zaozhuang-gaoxin-2024-2026.txt", encoding: .utf8)
        let lines = seed.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        let bodyStart = lines.count > 2 ? lines[2].startIndex : seed.endIndex
        var spans: [(PlanTask, Range<String.Index>)] = []
        for task in contents.set.tasks {
            guard let source = task.source, !source.isEmpty else { continue }
            spans += seed.ranges(of: source).map { (task, $0) }
        }
        return SeedPlan(set: contents.set, issues: issues, seed: seed, bodyStart: bodyStart, spans: spans)
    }

    var tasks: [PlanTask] { self.set.tasks }

    /// The tasks one of whose source occurrences contains `range`, in plan order, without repeats.
    func covering(_ range: Range<String.Index>) -> [PlanTask] {
        var seen: Set<String> = []
        return spans.filter { $0.range.lowerBound <= range.lowerBound && range.upperBound <= $0.range.upperBound }
            .map(\.task).filter { seen.insert($0.id).inserted }
    }

    /// Matches of `pattern` in the body (after the first two lines).
    func matches(_ pattern: String) throws -> [(text: String, range: Range<String.Index>)] {
        let regex = try Regex(pattern)
        return seed.matches(of: regex).map { (String(seed[$0.range]), $0.range) }
            .filter { $0.range.lowerBound >= bodyStart }
    }

    /// The 1-based line of `index`, for messages.
    func line(of index: String.Index) -> Int {
        seed[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// Every dated phrase of the body: start phrases, spans, "三年内" and single dates; a date inside
    /// a span or a start phrase belongs to it, and 2023年 (the baseline year) is no deadline.
    func datedPhrases() throws -> [Phrase] {
        let starts = try matches(#"自20\d\d年\d{1,2}月起"#)
        let spans = try matches(#"20\d\d至20\d\d年"#)
        let within = try matches("三年内")
        let singles = try matches(#"20\d\d年(\d{1,2}月)?(\d{1,2}日)?(底|末)?前?"#).filter { single in
            single.text != "2023年"
                && !(starts + spans).contains {
                    $0.range.lowerBound <= single.range.lowerBound && single.range.upperBound <= $0.range.upperBound
                }
        }
        var phrases: [Phrase] = []
        for match in starts {
            phrases.append(
                Phrase(
                    text: match.text, range: match.range, meaning: .start(try DeadlinePhrase.parseStart(match.text)),
                    line: line(of: match.range.lowerBound)))
        }
        for match in spans + within + singles {
            let due = try DeadlinePhrase.parse(match.text, planStart: Self.planStart).due
            phrases.append(
                Phrase(text: match.text, range: match.range, meaning: .due(due), line: line(of: match.range.lowerBound))
            )
        }
        return phrases.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The one task whose source contains `text`.
    func task(sourceContaining text: String) -> PlanTask? {
        let found = tasks.filter { $0.source?.contains(text) == true }
        return found.count == 1 ? found[0] : nil
    }
}
