import ArgumentParser
import DubanCore
import DubanImport
import Foundation

/// `duban plan export`: the loaded plans as a task list (任务清单) spreadsheet.
struct PlanExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the loaded tasks as a task list (任务清单): CSV or an Excel workbook.",
        discussion: """
            One row per task with Chinese headers (序号, 任务编号, 行动, 措施, 任务, 牵头单位, 配合单位, 类型, 开始, \
            完成时限, 每期次数, 截止, 指标, 目标值, 计量单位, 依赖, 原文), which `duban import tasks` reads back to \
            the same tasks. CSV is UTF-8 with a byte order mark and CRLF line ends, as Excel expects.
            """)

    /// The spreadsheet formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx
    }

    @Option(help: "csv or xlsx (default: xlsx for an -o file ending .xlsx, else csv).")
    var format: Format?

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    @Option(help: "Only this plan's tasks (default: every loaded plan, with a 计划 column when there are several).")
    var plan: String?

    @OptionGroup var store: StoreOptions

    /// The format asked for, else the one the output file's name says.
    var chosenFormat: Format {
        format ?? (output?.lowercased().hasSuffix(".xlsx") == true ? .xlsx : .csv)
    }

    func validate() throws {
        if let format, let output,
            let named = Format(rawValue: URL(fileURLWithPath: output).pathExtension.lowercased()),
            named != format
        {
            throw ValidationError(
                "--format \(format.rawValue) does not go in \(output); name the file .\(format.rawValue), or drop --format"
            )
        }
    }

    func run() throws {
        let format = chosenFormat
        if let output { try OutputFile.checkWritable(output) }
        if format == .xlsx, output == nil, isatty(STDOUT_FILENO) == 1 {
            throw InputError("an .xlsx workbook is not for the terminal; pass -o FILE.xlsx or redirect with >")
        }
        let set = try store.openExisting().planSet()
        var plans = set.plans
        if let plan {
            guard let chosen = set.plans.first(where: { $0.id == plan }) else {
                throw InputError(
                    "--plan “\(plan)” is not loaded; loaded plans: " + set.plans.map(\.id).joined(separator: ", "))
            }
            plans = [chosen]
        }
        let writer = TaskSheetWriter(plans: plans, departments: set.departments)
        let data = format == .csv ? writer.csv() : try writer.xlsx()
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        let tasks = plans.reduce(0) { $0 + $1.tasks.count }
        print("wrote \(count(tasks, "task")) of \(plans.map(\.id).joined(separator: ", ")) to \(output)")
    }
}
