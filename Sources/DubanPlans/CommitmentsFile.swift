import DubanCore
import Foundation

/// Reads an answer key for a plan document (`<document>.yaml` beside `<document>.txt`): its title,
/// source and the dated commitments a person found, for `import document --report` and the corpus test.
///
/// ```yaml
/// title: 《某市安全生产治本攻坚三年行动实施方案》
/// source: https://…
/// commitments:
///   - {line: 12, due: 2024-12-31, sentence: 2024年底前，全面完成…}
///   - {line: 20, every: quarter, sentence: 每季度报送一次工作进展情况}
/// ```
public enum CommitmentsFile {
    /// The commitments in `yaml`, written in `file`.
    ///
    /// - Throws: `PlanError` with every entry that lacks a line, has both or neither of `due` and
    ///   `every`, or gives a day or period that does not read, each at its line.
    public static func read(yaml: String, file: String) throws(PlanError) -> [ExpectedCommitment] {
        var issues: [PlanIssue] = []
        guard let root = try YAMLNodeParser.parse(yaml, file: file),
            let top = YAMLFields(
                root, file: file, context: "the key",
                allowed: [
                    "title", "source", "level", "excerpt", "commitments",
                    "references",
                ], issues: &issues)
        else {
            throw PlanError(
                issues: issues.isEmpty
                    ? [
                        PlanIssue(
                            .error, at: SourceLocation(file: file, line: 1, column: 1), "the key is empty",
                            fix: "write `commitments:` with one {line, due or every, sentence} per commitment")
                    ]
                    : issues)
        }
        var commitments: [ExpectedCommitment] = []
        for node in top.sequence("commitments", context: "`commitments`", issues: &issues) {
            guard
                let fields = YAMLFields(
                    node, file: file, context: "a commitment", allowed: ["line", "due", "every", "sentence"],
                    issues: &issues)
            else { continue }
            let at = YAMLFields.location(of: node, file: file)
            let lineText = fields.string("line", required: true, context: "a commitment", issues: &issues)
            let sentence = fields.string("sentence", required: true, context: "a commitment", issues: &issues)
            let dueText = fields.string("due", required: false, context: "a commitment", issues: &issues)
            let everyText = fields.string("every", required: false, context: "a commitment", issues: &issues)
            guard let lineText, let sentence else { continue }
            guard let line = Int(lineText), line >= 1 else {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("line"), "line “\(lineText)” is not a line number",
                        fix: "give the 1-based line of the .txt the date is written on"))
                continue
            }
            switch (dueText, everyText) {
            case (let text?, nil):
                guard let day = Day(text) else {
                    issues.append(
                        PlanIssue(
                            .error, at: fields.location("due"), "due “\(text)” is not a day",
                            fix: "write the last day the deadline allows, e.g. 2024-12-31"))
                    continue
                }
                commitments.append(ExpectedCommitment(line: line, due: day, sentence: sentence))
            case (nil, let text?):
                guard let every = Frequency(rawValue: text) else {
                    issues.append(
                        PlanIssue(
                            .error, at: fields.location("every"), "every “\(text)” is not a period",
                            fix: "use one of " + Frequency.allCases.map(\.rawValue).joined(separator: ", ")))
                    continue
                }
                commitments.append(ExpectedCommitment(line: line, every: every, sentence: sentence))
            default:
                issues.append(
                    PlanIssue(
                        .error, at: at, "a commitment gives \(dueText == nil ? "neither" : "both") due and every",
                        fix: "give `due: YYYY-MM-DD` for a deadline or `every: quarter` for a recurring duty"))
            }
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return commitments
    }
}
