import ArgumentParser
import DubanCore
import DubanDocs

/// `duban bulletin`: the monthly bulletin the office circulates (月通报), with the ranking.
struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Write a month's bulletin (月通报): progress, the departments' ranking, red and yellow items.",
        discussion: """
            The bulletin is the one the monthly dispatch of that month composed and stored; the same store and \
            templates always give the same bytes. Formats: md, html (self-contained, prints on A4) and docx \
            (GB/T 9704 layout, opens in Word, WPS and LibreOffice).
            """)

    @Option(help: "The month, YYYY-MM.")
    var month: String

    @Option(help: "md, html or docx.")
    var format: DocumentFormat = .markdown

    @Flag(help: "Print the stored content as JSON instead.")
    var json = false

    @OptionGroup var output: DocumentOutput
    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func validate() throws {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m), parts[0].count == 4, parts[1].count == 2
        else { throw ValidationError("--month “\(month)” is not a month; write YYYY-MM, e.g. 2025-06") }
    }

    func run() throws {
        let source = try DocumentSource(store: store, scheduler: scheduler, templates: output.templates)
        let bulletin = try source.stored(
            MonthlyBulletin.self, kind: "bulletin", period: month,
            hint: "the monthly dispatch composes it on its day; run `duban tick`")
        if json {
            try output.write(JSONOutput.data(bulletin))
            return
        }
        try output.write(
            try source.writer.render(source.writer.bulletin(bulletin), as: format), binary: format == .docx)
    }
}
