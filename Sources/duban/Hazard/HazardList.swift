import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// `duban hazard list`: the ledger, filtered.
struct HazardList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List hazards of the ledger.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Only this state: \(HazardState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: String?
    @Option(help: "Only hazards this department supervises.") var department: String?
    @Option(help: "Only this subdistrict.") var subdistrict: String?
    @Option(help: "Only this sector.") var sector: String?
    @Flag(help: "Only hazards listed for supervision (挂牌督办).") var listed = false
    @Flag(help: "Only hazards past their deadline and not closed.") var overdue = false
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var actor: HazardActor
    @OptionGroup var store: StoreOptions

    func run() throws {
        var state: HazardState?
        if let text = self.state {
            guard let known = HazardState(rawValue: text) else {
                throw InputError(
                    "--state “\(text)” is not a state; use "
                        + HazardState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            state = known
        }
        let today = try CommandClock.today()
        let hazards = try store.openExisting().hazards(
            HazardFilter(
                department: department, state: state, subdistrict: subdistrict, sector: sector, listedOnly: listed,
                overdueOn: overdue ? today : nil),
            as: actor.viewer)
        switch format {
        case .json:
            try JSONOutput.print(hazards)
        case .table:
            var table = TextTable(header: ["id", "state", "deadline", "department", "enterprise", "hazard"])
            for hazard in hazards {
                table.append([
                    hazard.id, hazard.state.rawValue + (hazard.isOverdue(on: today) ? " (overdue)" : ""),
                    hazard.deadline.description, hazard.department, hazard.enterprise.name, hazard.description,
                ])
            }
            print(table.rendered)
            print("\(count(hazards.count, "hazard"))")
        }
    }
}

/// `duban hazard show ID`: one hazard, with its audit trail.
struct HazardShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one hazard, every field and its audit trail.")

    @Argument(help: "The hazard's id.") var id: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var actor: HazardActor
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.openExisting()
        let hazard = try database.hazard(id, as: actor.viewer)
        if json {
            try JSONOutput.print(hazard)
            return
        }
        let today = try CommandClock.today()
        HazardText.detail(hazard, today: today).forEach { print($0) }
        print("audit:")
        for entry in try database.hazardAudit(id, as: actor.viewer) {
            print(
                "  \(ISO8601DateFormatter().string(from: entry.at)) \(entry.actor) \(entry.action) \(entry.field): "
                    + "\(entry.old ?? "—") → \(entry.new ?? "—")")
        }
    }
}
