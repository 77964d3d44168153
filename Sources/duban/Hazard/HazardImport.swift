import ArgumentParser
import DubanCore
import DubanImport
import DubanStore
import Foundation

/// `duban hazard import FILE`: the hazards of a ledger spreadsheet (隐患台账), all or none.
struct HazardImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the hazards of a ledger spreadsheet (CSV or XLSX); a bad row rejects the sheet.",
        discussion: """
            The sheet is CSV from Excel or WPS (UTF-8 with or without BOM, or GB18030) or an .xlsx workbook, one \
            hazard a row under a header such as 编号, 企业名称, 统一社会信用代码, 企业地址, 所属街道, 主要负责人, 行业领域, \
            监管部门, 隐患描述, 判定依据, 发现日期, 发现渠道, 发现人, 举报人, 整改责任人, 整改措施, 整改资金, 整改期限, 应急预案 \
            (the fields' English names are read too; 序号 and 备注 are read past); --map maps other headers. Every \
            row is checked as `hazard add` checks it; when any row is wrong, every problem is listed with its row \
            and nothing is added. Hazards are added as reported; list them with `hazard list-for-supervision`.
            """)

    @Argument(help: "The ledger: a .csv or .xlsx file.")
    var file: String

    @Option(help: "A YAML file mapping unusual headers to fields, e.g. {单位: enterprise, 整改情况: ignore}.")
    var map: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let columns =
            try map.map { path in try HazardSheet.Columns.read(yaml: try ImportTasks.text(path), file: path) }
            ?? HazardSheet.Columns()
        let sheet = try HazardSheet.read(data: try ImportTasks.contents(file), file: file, columns: columns)
        let database = try store.openExisting()
        let rows = sheet.rows.map { (id: $0.id, fields: $0.fields, origin: Optional("\(file):\($0.line)")) }
        let added = try database.addHazards(
            rows, actor: CommandClock.actor, now: try CommandClock.now(), action: "import")
        print("\(file): \(added.count) hazard\(added.count == 1 ? "" : "s") added, as reported")
    }
}
