import ArgumentParser
import DubanCore
import DubanPlans
import DubanStore
import Foundation

/// `duban plan load`: validates plan files and loads them into the store, all or nothing.
struct PlanLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Validate plan files, then load them into the store in one transaction and print what changed.",
        discussion: """
            Tasks are matched by id: progress and history stay with them; changed fields are recorded as \
            revisions; tasks no longer in a plan are archived, never deleted. On any error nothing is changed.
            """)

    @OptionGroup var plans: PlanPaths
    @OptionGroup var store: StoreOptions

    func run() throws {
        let report = try Self.load(paths: plans.resolved, store: store, warnings: plans.warnings)
        print(Self.describe(report, store: store.path))
    }

    /// Reads, validates and loads `paths` into the store; the store is created only once the plans are valid.
    static func load(paths: [String], store: StoreOptions, warnings: WarningDetail = .summary) throws -> LoadReport {
        let existing = store.exists ? try store.open() : nil
        let contents = try PlanFiles.read(
            paths: paths, departments: { try? existing?.departments() }, bases: { try? existing?.plan($0) })
        // Validate before opening for writing, so bad plans never create or touch a store.
        let validated = try PlanValidator.validated(contents.set)
        let sectors = try Self.sectors(beside: paths, departments: validated.set.departments)
        let database = try existing ?? store.open()
        let report = try database.load(
            validated, contextPlans: contents.contextPlans, loadDepartments: !contents.departmentsFromContext,
            files: contents.files, now: try CommandClock.now(), actor: CommandClock.actor)
        if let sectors { try database.storeSectors(sectors) }
        WarningList.print(report.warnings, detail: warnings)
        return report
    }

    /// The sector registry in `sectors.yaml` in the folder of the first path (or beside the first
    /// file), checked against `departments`; nil when there is none.
    static func sectors(beside paths: [String], departments: [Department]) throws -> [Sector]? {
        guard !paths.isEmpty else { return nil }
        return try SectorsFile.read(path: sectorsPath(beside: paths), departments: Set(departments.map(\.id)))
    }

    /// `sectors.yaml` in the folder of the first path (or beside the first file).
    static func sectorsPath(beside paths: [String]) -> String {
        let first = paths.first ?? "plans"
        var isFolder: ObjCBool = false
        let folder =
            FileManager.default.fileExists(atPath: first, isDirectory: &isFolder) && isFolder.boolValue
            ? first : (first as NSString).deletingLastPathComponent
        return folder.isEmpty ? SectorsFile.name : (folder as NSString).appendingPathComponent(SectorsFile.name)
    }

    /// What the load changed, a line per plan and a line per changed task.
    static func describe(_ report: LoadReport, store: String, limit: Int = 50) -> String {
        var lines: [String] = []
        if report.isNoChange {
            lines.append("nothing changed in \(store): the plans are as loaded before")
        } else {
            lines.append("loaded into \(store) (load \(report.loadId)):")
        }
        var departments: [String] = []
        if !report.departmentsAdded.isEmpty { departments.append("\(report.departmentsAdded.count) added") }
        if !report.departmentsChanged.isEmpty {
            departments.append(
                "\(report.departmentsChanged.count) changed (\(report.departmentsChanged.joined(separator: ", ")))")
        }
        if !report.departmentsArchived.isEmpty {
            departments.append(
                "\(report.departmentsArchived.count) archived (\(report.departmentsArchived.joined(separator: ", ")))")
        }
        if !report.departmentsRestored.isEmpty {
            departments.append(
                "\(report.departmentsRestored.count) restored (\(report.departmentsRestored.joined(separator: ", ")))")
        }
        if !departments.isEmpty { lines.append("  departments: " + departments.joined(separator: ", ")) }
        for plan in report.plans {
            var parts: [String] = []
            if !plan.added.isEmpty { parts.append("\(plan.added.count) added") }
            if !plan.changed.isEmpty { parts.append("\(plan.changed.count) changed") }
            if !plan.archived.isEmpty { parts.append("\(plan.archived.count) archived") }
            if !plan.restored.isEmpty { parts.append("\(plan.restored.count) restored") }
            parts.append("\(plan.unchanged) unchanged")
            if plan.headerChanged { parts.append("title, period, actions or measures updated") }
            lines.append("  plan \(plan.plan)\(plan.isNew ? " (new)" : ""): " + parts.joined(separator: ", "))
            var details: [String] = []
            for (task, fields) in plan.changed {
                let what = fields.map { "\($0.field) \($0.old ?? "—") → \($0.new ?? "—")" }.joined(separator: "; ")
                details.append("    changed \(task): \(what)")
            }
            details += plan.archived.map { "    archived \($0) (its progress and history are kept)" }
            details += plan.restored.map { "    restored \($0)" }
            lines += details.prefix(limit)
            if details.count > limit { lines.append("    … and \(details.count - limit) more") }
        }
        return lines.joined(separator: "\n")
    }
}
