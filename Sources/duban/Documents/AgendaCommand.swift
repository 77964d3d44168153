import ArgumentParser
import DubanCore
import DubanDocs

/// `duban agenda`: the quarterly consultation meeting's agenda (季度会商研判).
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Write a quarter's consultation-meeting agenda (会商研判): attendees, slow items, blockages, decisions.",
        discussion: """
            The agenda is the one the quarterly-agenda job composed ahead of the meeting after the quarter \
            (2025Q3's meeting is in October). Formats: md, html and docx.
            """)

    @Option(help: "The quarter reviewed, YYYYQn, e.g. 2025Q3.")
    var quarter: String

    @Option(help: "md, html or docx.")
    var format: DocumentFormat = .markdown

    @Flag(help: "Print the stored content as JSON instead.")
    var json = false

    @OptionGroup var output: DocumentOutput
    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func validate() throws {
        guard quarter.count == 6, Int(quarter.prefix(4)) != nil, quarter.dropFirst(4).first == "Q",
            let q = Int(quarter.suffix(1)), (1...4).contains(q)
        else { throw ValidationError("--quarter “\(quarter)” is not a quarter; write YYYYQn, e.g. 2025Q3") }
    }

    func run() throws {
        let source = try DocumentSource(store: store, scheduler: scheduler, templates: output.templates)
        let agenda = try source.stored(
            ConsultationAgenda.self, kind: "agenda", period: quarter,
            hint: "the quarterly-agenda job composes it before the meeting after the quarter; run `duban tick`")
        if json {
            try output.write(JSONOutput.data(agenda))
            return
        }
        try output.write(try source.writer.render(source.writer.agenda(agenda), as: format), binary: format == .docx)
    }
}
