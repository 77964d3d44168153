import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore

/// `duban letter`: the numbered escalation letters (函告, 通报, 约谈通知书, 曝光).
struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "List and write the numbered escalation letters (函告, 通报, 约谈通知书, 曝光).",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the letters issued, by year and number.")

        @Option(help: "Only letters to this department.")
        var department: String?

        @Option(help: "Only letters of this year.")
        var year: Int?

        @OptionGroup var store: StoreOptions

        func run() throws {
            let letters = try store.openExisting().letters(department: department, year: year)
            var table = TextTable(header: ["NUMBER", "ISSUED", "RUNG", "DEPARTMENT", "TASK", "STEP"])
            for record in letters {
                let letter = try record.letter()
                table.append([
                    record.number, record.issued.description, EscalationRung(name: letter.rung)?.chinese ?? letter.rung,
                    record.departmentId, record.taskId, String(record.stepId),
                ])
            }
            print(letters.isEmpty ? "no letters issued" : table.rendered)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Write one letter, by its number or its escalation step.")

        @Argument(help: "The letter's number, e.g. 高新安办函〔2025〕12号, or 2025-12 (year-sequence).")
        var number: String?

        @Option(help: "The escalation step the letter carries out.")
        var step: Int64?

        @Option(help: "md, html or docx.")
        var format: DocumentFormat = .markdown

        @OptionGroup var output: DocumentOutput
        @OptionGroup var store: StoreOptions
        @OptionGroup var scheduler: SchedulerOptions

        func validate() throws {
            guard (number == nil) != (step == nil) else {
                throw ValidationError("give a letter's number or --step, not both and not neither")
            }
        }

        func run() throws {
            let source = try DocumentSource(store: store, scheduler: scheduler, templates: output.templates)
            var record: LetterRecord?
            if let number {
                let parts = number.split(separator: "-").compactMap { Int($0) }
                if parts.count == 2 {
                    record = try source.database.letters(year: parts[0]).first { $0.sequence == parts[1] }
                } else {
                    record = try source.database.letter(number: number)
                }
            } else {
                record = try source.database.letter(step: step)
            }
            guard let record else {
                throw InputError(
                    "no letter \(number ?? "for step \(step!)") was issued; list them with `duban letter list`")
            }
            let document = source.writer.letter(try record.letter())
            try output.write(try source.writer.render(document, as: format), binary: format == .docx)
        }
    }
}
