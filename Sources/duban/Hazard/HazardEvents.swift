import DubanCore
import DubanPlans
import DubanStore
import Foundation

/// A dated history of the ledger (`plans/demo/hazards.csv`): each row adds a hazard or changes one
/// on its day, so `duban simulate --hazards` replays the ledger beside the plan, day by day.
///
/// Columns: `date, hazard, action, value`, then for `add` rows the hazard's fields by their names
/// (`enterprise, credit_code, …`; `found_on` defaults to the date). Actions: add, list (value: the
/// level), rectify (value: percent), rectified, verify (value: `supervisor|expert|enterprise|opinion`),
/// close, reopen (value: the reason), wait (value: what it waits on), resume.
struct HazardEvent {
    var row: Int
    var date: Day
    var hazard: String
    var action: String
    var value: String
    var fields: [HazardField: String]

    static func read(path: String) throws -> [HazardEvent] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(path) cannot be read; check the path")
        }
        let rows = try ProgressSheet.rows(of: try ProgressSheet.decode(data, file: path), file: path)
        guard let header = rows.first?.cells else { return [] }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw InputError(
                    "\(path): the header has no “\(name)” column; the first row names date, hazard, action, value")
            }
            return index
        }
        let date = try column("date")
        let hazard = try column("hazard")
        let action = try column("action")
        let value = try column("value")
        let fieldColumns = header.enumerated().compactMap { index, name in
            HazardField(rawValue: name).map { (index, $0) }
        }
        return try rows.dropFirst().filter { !$0.cells.allSatisfy(\.isEmpty) }.map { row in
            func cell(_ index: Int) -> String { index < row.cells.count ? row.cells[index] : "" }
            guard let day = Day(cell(date)) else {
                throw InputError("\(path):\(row.number): date “\(cell(date))” is not YYYY-MM-DD")
            }
            var fields: [HazardField: String] = [:]
            for (index, field) in fieldColumns where !cell(index).isEmpty { fields[field] = cell(index) }
            if fields[.foundOn] == nil { fields[.foundOn] = day.description }
            return HazardEvent(
                row: row.number, date: day, hazard: cell(hazard), action: cell(action), value: cell(value),
                fields: fields)
        }
    }

    /// Applies the event to the store, audited at 09:00 of its day.
    func apply(to database: AppDatabase, policy: Policy) throws {
        let now = Date(
            timeIntervalSince1970: Double(date.ordinal) * 86_400 + 9 * 3_600
                - Double(TimeZone.shanghai.secondsFromGMT()))
        let change: HazardChange
        switch action {
        case "add":
            try database.addHazards([(hazard, fields, "row \(row)")], actor: "simulate", now: now)
            return
        case "list": change = .list(level: ListingLevel(rawValue: value) ?? .district, number: "")
        case "rectify":
            guard let percent = Double(value) else { throw InputError("row \(row): rectify needs a percent") }
            change = .progress(percent)
        case "rectified": change = .rectified
        case "verify":
            let parts = value.split(separator: "|").map(String.init)
            guard parts.count == 4 else {
                throw InputError("row \(row): verify's value is supervisor|expert|enterprise|opinion")
            }
            change = .verify(
                zip(SignOffRole.allCases, parts).map { SignOff(role: $0, name: $1, date: date, opinion: parts[3]) })
        case "close": change = .close
        case "reopen": change = .reopen(reason: value)
        case "wait": change = .waiting(value)
        case "resume": change = .waiting(nil)
        default:
            throw InputError(
                "row \(row): “\(action)” is not an action; use add, list, rectify, rectified, verify, close, reopen, wait, resume"
            )
        }
        try database.changeHazard(hazard, change, on: date, policy: policy, actor: "simulate", now: now)
    }
}
