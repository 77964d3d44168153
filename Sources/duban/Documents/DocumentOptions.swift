import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore
import Foundation

/// Where a document goes and which templates it is written from.
struct DocumentOutput: ParsableArguments {
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "The folder of document templates.")
    var templates = DocumentTemplates.defaultDirectory

    /// Writes `data` to the output file or standard output; binary formats need a file or a pipe.
    func write(_ data: Data, binary: Bool = false) throws {
        if let output {
            let url = URL(fileURLWithPath: output)
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                try data.write(to: url, options: .atomic)
            } catch {
                throw InputError("cannot write \(output): \(error.localizedDescription)")
            }
            Console.error("wrote \(output) (\(data.count) bytes)")
            return
        }
        if binary, isatty(STDOUT_FILENO) == 1 {
            throw InputError("a .docx file is not for the terminal; pass --output FILE.docx or redirect with >")
        }
        FileHandle.standardOutput.write(data)
    }
}

extension DocumentFormat: ExpressibleByArgument {}

/// What every document command needs from the store and the policy.
struct DocumentSource {
    let database: AppDatabase
    let writer: DocumentWriter
    let set: PlanSet
    let context: SchedulerContext

    init(store: StoreOptions, scheduler: SchedulerOptions, templates: String) throws {
        database = try store.openExisting()
        context = try scheduler.context()
        set = try database.planSet()
        guard !set.plans.isEmpty else { throw InputError("no plan is loaded; load one with `duban plan load`") }
        writer = DocumentWriter(
            templates: try DocumentTemplates(directory: templates), plans: set, policy: context.policy.documents)
    }

    /// The content a job stored for `kind` and `period`, decoded.
    func stored<T: Decodable>(_ type: T.Type, kind: String, period: String, hint: String) throws -> T {
        guard let record = try database.document(kind: kind, period: period) else {
            let periods = try database.documents(kind: kind).map(\.period)
            throw InputError(
                "no \(kind) for \(period) is stored; \(hint)"
                    + (periods.isEmpty ? "" : " (stored: \(periods.suffix(6).joined(separator: ", ")))"))
        }
        return try JSONDecoder().decode(T.self, from: Data(record.content.utf8))
    }
}
