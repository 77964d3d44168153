import ArgumentParser
import DubanCore
import DubanPlans
import DubanStore

/// `duban progress import`: a department's progress sheet, all rows or none.
struct ProgressImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import a progress sheet (CSV from Excel: UTF-8 with or without BOM, or GB18030); a bad row rejects the file.",
        discussion: """
            Columns (English or Chinese headers): task/任务编号, department/报送单位, date/日期, and one of \
            percent/进度 (milestones), occurrence/期次 with done/是否完成 (recurring duties), value/数值 (targets); \
            note/说明 optional.
            """)

    @Argument(help: "The CSV file.")
    var file: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let entries = try ProgressSheet.read(path: file)
        guard !entries.isEmpty else { throw InputError("\(file) has no data rows; add rows under the header") }
        let reports = try store.openExisting().record(entries, now: try CommandClock.now(), actor: CommandClock.actor)
        let tasks = Set(reports.map(\.taskId)).count
        print(
            "imported \(reports.count) report\(reports.count == 1 ? "" : "s") on \(tasks) task\(tasks == 1 ? "" : "s") from \(file)"
        )
    }
}
