import ArgumentParser
import DubanCore
import DubanImport
import DubanPlans
import Foundation

/// `duban import document`: a draft plan from a plan document's text.
struct ImportDocument: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Write a draft plan (YAML) from a plan document's text, with a report on standard error.",
        discussion: """
            Reads the document as plain text (UTF-8, or GB18030 as Chinese Windows saves it). Headings 一、/(一)/1. \
            become parts, actions and measures; every dated phrase becomes a task with its sentence as `source`; \
            recurring duties and numeric targets are recognised. Every lead is TODO, with the bodies the sentence \
            names as a comment: review the draft, set the leads, then `duban plan validate`.
            """)

    @Argument(help: "The plan document, as a .txt file.")
    var file: String

    @Option(help: "The plan id (ASCII, e.g. city-2025). Default: draft-<first year>-<last year>.")
    var id: String?

    @Option(help: "The plan's period when the title does not give one, e.g. 2024至2026年.")
    var period: String?

    @Option(help: "The department registry whose names become lead hints (default: plans/departments.yaml).")
    var departments: String?

    @Option(name: .shortAndLong, help: "Write the draft here instead of standard output.")
    var output: String?

    @Flag(help: "Write -o even over a file that holds another plan.")
    var force = false

    @Option(
        help: ArgumentHelp(
            "An answer key (YAML: commitments with line, due or every, sentence) to score the draft against.",
            discussion: "Prints recall and precision of dated commitments and each one missed or not in the key."))
    var report: String?

    func validate() throws {
        if let id, !Identifier.isValid(id) {
            throw ValidationError("--id “\(id)” is not a stable ASCII id: \(Identifier.rule)")
        }
    }

    func run() throws {
        if let output { try OutputFile.checkWritable(output) }
        let key = try answerKey()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError("\(file): no such file, or it cannot be read")
        }
        guard let text = DocumentDecoding.text(data) else {
            throw InputError(
                "\(file): the file is neither UTF-8 nor GB18030 text; save the document as plain text (.txt) in UTF-8")
        }
        var span: ClosedRange<Day>?
        if let period {
            do {
                let phrase = try DeadlinePhrase.parse(period)
                guard let start = phrase.start else {
                    throw InputError("--period “\(period)” names no first day; write a span such as 2024至2026年")
                }
                span = start...phrase.due
            } catch let error as DeadlinePhraseError {
                throw InputError("--period \(error)")
            }
        }
        let (registry, registryNote) = try registryDepartments()
        let draft: DocumentDraft
        do {
            draft = try DocumentImporter.draft(
                text, options: .init(file: file, id: id, period: span, departments: registry))
        } catch {
            throw InputError(error.description)
        }
        let yaml = draft.yaml()
        if let output {
            try OutputFile.checkReplaceable(output, withPlan: draft.plan.id, force: force)
            do {
                try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw InputError("\(output): cannot write the draft: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(yaml.utf8))
        }
        Console.error(draft.summary)
        if let registryNote { Console.error(registryNote) }
        if let key { for line in DocumentScore(draft, key: key).lines { Console.error(line) } }
    }

    /// The answer key `--report` names, read before anything is written.
    private func answerKey() throws -> [ExpectedCommitment]? {
        guard let report else { return nil }
        guard let data = FileManager.default.contents(atPath: report), let yaml = String(data: data, encoding: .utf8)
        else { throw InputError("\(report): no such file, or it is not UTF-8 text") }
        return try CommitmentsFile.read(yaml: yaml, file: report)
    }

    /// The registry named by --departments, or plans/departments.yaml when it exists, or none
    /// with a note saying so: without one, lead hints name only collective bodies.
    private func registryDepartments() throws -> ([Department], note: String?) {
        let path = departments ?? "plans/departments.yaml"
        guard departments != nil || FileManager.default.fileExists(atPath: path) else {
            return (
                [],
                "no department registry at \(path): lead hints name only collective bodies (pass --departments FILE)"
            )
        }
        return (try PlanFiles.read(paths: [path]).set.departments, nil)
    }
}
