import ArgumentParser
import DubanCore
import DubanStore

/// `duban hazard stats`: 分区域、分行业统计分析.
struct HazardStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract:
            "Count hazards found, listed, closed and overdue by subdistrict, sector, channel, department or month.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "What to count by, comma-separated: subdistrict, sector, channel, department, month.")
    var by: String = "subdistrict,sector"
    @Option(help: "The day counted as of, YYYY-MM-DD (default: today).") var asOf: String?
    @Option(help: "table, csv or json.") var format: Format = .table
    @OptionGroup var actor: HazardActor
    @OptionGroup var store: StoreOptions

    func run() throws {
        let dimensions: [HazardStatistics.Dimension]
        switch HazardStatistics.dimensions(by) {
        case .success(let given): dimensions = given
        case .failure(let error): throw InputError("--by: \(error.message); \(error.fix)")
        }
        let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? CommandClock.today()
        let stats = try store.openExisting().hazardStatistics(by: dimensions, asOf: day, as: actor.viewer)
        let header = dimensions.map(\.rawValue) + ["found", "listed", "closed", "overdue"]
        let rows = (stats.rows + [stats.total]).map { row in
            (row.keys.isEmpty ? dimensions.map { _ in "total" } : row.keys)
                + [row.found, row.listed, row.closed, row.overdue].map(String.init)
        }
        switch format {
        case .json:
            try JSONOutput.print(stats)
        case .csv:
            for row in [header] + rows { print(row.map(csvField).joined(separator: ",")) }
        case .table:
            var table = TextTable(header: header)
            rows.forEach { table.append($0) }
            print(table.rendered)
        }
    }

    private func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
