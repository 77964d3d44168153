import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore
import Foundation

/// `duban documents`: every document the jobs composed, written out as files for the office.
struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract:
            "Write every stored bulletin, agenda and letter, the wall chart and each department's calendar to a folder.",
        discussion: """
            The folder (default: documents/ beside the store, so var/documents) gets bulletins/YYYY-MM.*, \
            agendas/YYYYQn.*, letters/YYYY-N.*, gantt.svg and calendars/<department>.ics — the paths chat \
            digests link to under documents.base_url. Files are rewritten each time, byte for byte the same \
            when nothing changed.
            """)

    @Option(help: "The folder to write to (default: documents/ beside the store).")
    var into: String?

    @Option(help: "Formats, comma-separated: md, html, docx.")
    var formats = "md,html,docx"

    @Option(help: "The folder of document templates.")
    var templates = DocumentTemplates.defaultDirectory

    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func validate() throws {
        for name in formats.split(separator: ",") where DocumentFormat(rawValue: String(name)) == nil {
            throw ValidationError("--formats: “\(name)” is not a format; use md, html or docx")
        }
    }

    func run() throws {
        let source = try DocumentSource(store: store, scheduler: scheduler, templates: templates)
        let folder = into ?? store.documentsFolder
        let shelf = DocumentShelf(
            source: source, folder: URL(fileURLWithPath: folder),
            formats: formats.split(separator: ",").compactMap { DocumentFormat(rawValue: String($0)) })
        let written = try shelf.writeAll(asOf: try CommandClock.today(), now: try CommandClock.now())
        print("wrote \(written) files to \(folder)")
    }
}

/// Writes documents into a folder laid out the way links point at them.
struct DocumentShelf {
    let source: DocumentSource
    let folder: URL
    let formats: [DocumentFormat]

    /// Writes everything; returns how many files.
    func writeAll(asOf day: Day, now: Date) throws -> Int {
        var count = 0
        let writer = source.writer
        for record in try source.database.documents(kind: "bulletin") {
            let bulletin = try JSONDecoder().decode(MonthlyBulletin.self, from: Data(record.content.utf8))
            count += try write(writer.bulletin(bulletin), as: "bulletins/\(record.period)")
        }
        for record in try source.database.documents(kind: "agenda") {
            let agenda = try JSONDecoder().decode(ConsultationAgenda.self, from: Data(record.content.utf8))
            count += try write(writer.agenda(agenda), as: "agendas/\(record.period)")
        }
        for record in try source.database.letters() {
            count += try write(writer.letter(try record.letter()), as: "letters/\(record.year)-\(record.sequence)")
        }
        let (evaluation, set) = try source.database.evaluate(asOf: day, lights: source.context.policy.lights)
        if let chart = GanttChart(plans: set, evaluation: evaluation, today: day) {
            try save(Data(chart.svg.utf8), to: "gantt.svg")
            count += 1
        }
        for department in set.departments {
            guard set.tasks.contains(where: { $0.lead == department.id }) else { continue }
            let feed = CalendarFeed(
                department: department, plans: set, policy: source.context.policy, calendar: source.context.calendar,
                stamp: now)
            try save(Data(feed.rendered.utf8), to: "calendars/\(department.id).ics")
            count += 1
        }
        return count
    }

    private func write(_ document: OfficialDocument, as path: String) throws -> Int {
        for format in formats {
            try save(try source.writer.render(document, as: format), to: "\(path).\(format.fileExtension)")
        }
        return formats.count
    }

    private func save(_ data: Data, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.contents(atPath: url.path) == data { return }
        try data.write(to: url, options: .atomic)
    }
}
