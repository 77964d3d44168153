import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore

/// `duban hazard notice ID`: the 重大事故隐患挂牌督办通知书 of a listed hazard.
struct HazardNotice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Write a listed hazard's 重大事故隐患挂牌督办通知书, numbered and dated by its listing.",
        discussion: """
            The notice is addressed to the enterprise and copied to the supervising department; it states \
            the hazard, its 判定依据, the listing level and the 五落实, and asks for 销号 after the three-party \
            check. It never names the reporter of a 群众举报.
            """)

    @Argument(help: "The hazard's id.") var id: String
    @OptionGroup var document: HazardDocumentOptions

    func run() throws {
        try document.write { writer, templates, database, sectors in
            try writer.hazardNotice(
                try database.hazard(id, as: document.actor.viewer), sectors: sectors, templates: templates)
        }
    }
}

/// What every hazard document takes: the format, where it goes, who asks, the store and the policy.
struct HazardDocumentOptions: ParsableArguments {
    @Option(help: "md, html or docx.") var format: DocumentFormat = .markdown
    @OptionGroup var output: DocumentOutput
    @OptionGroup var actor: HazardActor
    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    /// Writes the document `make` returns from the loaded plans' writer, the hazard templates, the
    /// store and the sector registry.
    func write(
        _ make: (DocumentWriter, HazardTemplates, AppDatabase, [Sector]) throws -> OfficialDocument
    ) throws {
        let source = try DocumentSource(store: store, scheduler: scheduler, templates: output.templates)
        let templates = try HazardTemplates(directory: output.templates)
        let document = try make(source.writer, templates, source.database, try source.database.sectors())
        try output.write(try source.writer.render(document, as: format), binary: format == .docx)
    }
}
