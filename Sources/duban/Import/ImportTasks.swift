import ArgumentParser
import DubanCore
import DubanImport
import DubanPlans
import Foundation

/// `duban import tasks`: an annual plan from a task list spreadsheet.
struct ImportTasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Write an annual plan (YAML) from a task list (CSV or XLSX).",
        discussion: """
            The sheet is CSV from Excel or WPS (UTF-8 with or without BOM, or GB18030) or an .xlsx workbook. \
            Headers such as 序号, 任务/工作任务/任务内容/具体措施, 牵头单位/责任单位, 配合单位, 完成时限/时间节点 are \
            recognised, and the columns `duban plan export` writes; --map maps others. Departments are matched to \
            the registry by id, name or alias; 完成时限 holds a deadline (2025年6月底前, 2025/6/30) or, for a \
            recurring duty, a frequency (每季度). The plan extends --plan, a loaded plan, and is written only when \
            the whole sheet is good and the plan validates with its base. With --id the same as --plan, the sheet \
            is that plan's own task list (from `duban plan export`), edited: the plan is written back with the \
            sheet's tasks, its actions, measures and years unchanged.
            """)

    @Argument(help: "The task list: a .csv or .xlsx file.")
    var file: String

    @Option(help: "The loaded plan the annual plan extends, e.g. zaozhuang-gaoxin-2024-2026.")
    var plan: String

    @Option(help: "A YAML file mapping unusual headers to fields, e.g. {工作内容: title, 责任部门: lead}.")
    var map: String?

    @Option(
        help:
            "The annual plan's id (default: the base plan's id and the year, e.g. …-y2025); --plan's own id revises that plan."
    )
    var id: String?

    @Option(help: "The annual plan's title (default: the sheet's title row, else that of the loaded plan --id names).")
    var title: String?

    @Option(help: "The year the plan covers (default: from the title row, else from the deadlines).")
    var year: Int?

    @Option(help: "The base plan's action for rows that name neither a measure nor an action.")
    var action: String?

    @Option(name: .shortAndLong, help: "The YAML file to write (default: standard output).")
    var output: String?

    @Flag(help: "Write -o even over a file that holds another plan.")
    var force = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let year, !(1900...2200).contains(year) {
            throw ValidationError("--year must be a four-digit year such as 2025; got \(year)")
        }
    }

    func run() throws {
        if let output { try OutputFile.checkWritable(output) }
        let database = try store.openExisting()
        let set = try database.planSet()
        guard let base = set.plans.first(where: { $0.id == plan }) else {
            throw InputError(
                "--plan “\(plan)” is not loaded; loaded plans: " + set.plans.map(\.id).joined(separator: ", "))
        }
        var family = [base]
        while let next = family[0].extends, let up = set.plans.first(where: { $0.id == next }),
            !family.contains(where: { $0.id == next })
        {
            family.insert(up, at: 0)
        }
        if let action, !family.flatMap(\.actions).contains(where: { $0.id == action }) {
            throw InputError(
                "--action “\(action)” is not an action of \(plan); its actions: "
                    + family.flatMap(\.actions).map(\.id).joined(separator: ", "))
        }
        let columns = try map.map { path in try ColumnMap.read(yaml: try Self.text(path), file: path) } ?? ColumnMap()
        let context = TaskSheet.Context(
            departments: set.departments, family: family, plan: id ?? "", year: year, defaultAction: action,
            columns: columns, loaded: set.plans, reserved: try database.archivedTaskIDs())
        let sheet = try TaskSheet.read(data: try Self.contents(file), file: file, context: context)
        // An annual plan exported, edited and imported again under its id keeps its title.
        let loadedTitle = set.plans.first { $0.id == id && $0.extends == base.id }?.title
        // The plan's own task list imported under its own id revises the plan; otherwise the
        // tasks make an annual plan that extends it.
        var annual: Plan
        if id == base.id {
            annual = sheet.revision(of: base)
            annual.title = title ?? base.title
        } else {
            annual = sheet.plan(id: id, title: title ?? sheet.title ?? loadedTitle, extending: base)
        }
        let issues = TaskSheet.check(annual, in: set)
        if issues.contains(where: { $0.severity == .error }) { throw PlanError(issues: issues) }
        for warning in sheet.warnings + issues { Console.error(warning.description) }
        let yaml = PlanWriter.yaml(plan: annual)
        // What is written must read back: a plan file the office cannot load is worse than none.
        _ = try PlanDocumentReader.read(yaml: yaml, file: output ?? "<stdout>")
        let summary =
            "\(file): plan \(annual.id) "
            + (annual.id == base.id ? "revised" : "extending \(base.id)") + ", \(PlanSummary.counts(annual.tasks))"
        guard let output else {
            FileHandle.standardOutput.write(Data(yaml.utf8))
            Console.error(summary)
            return
        }
        try OutputFile.checkReplaceable(output, withPlan: annual.id, force: force)
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        print(summary + ", written to \(output)")
    }

    /// A file's bytes, or bad input naming it.
    static func contents(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw InputError("\(path): \(isFolder.boolValue ? "is a folder" : "no such file"); name a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(path): the file cannot be read; check its permissions")
        }
        return data
    }

    /// A text file's contents.
    static func text(_ path: String) throws -> String {
        guard let text = String(data: try contents(path), encoding: .utf8) else {
            throw InputError("\(path): not UTF-8 text; save the map as UTF-8")
        }
        return text
    }
}
