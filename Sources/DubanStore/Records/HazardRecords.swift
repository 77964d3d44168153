import DubanCore
import Foundation

/// A row of `hazard`: one hazard of the ledger. The columns the ledger is searched and counted by
/// are columns; the whole hazard is `detail` (JSON), so a new field of the hazard needs no migration.
struct HazardRecord: Hashable, StoredRecord {
    static let table = "hazard"
    static let columns = [
        "id", "listingNumber", "listingYear", "listingSequence", "enterpriseName", "creditCode", "subdistrict",
        "sector", "departmentId", "channel", "foundOn", "deadline", "listedOn", "state", "progress", "closedOn",
        "waiting", "detail", "updatedAt",
    ]

    var hazard: Hazard
    var listingYear: Int?
    var listingSequence: Int?
    var updatedAt: Date

    init(_ hazard: Hazard, listingYear: Int? = nil, listingSequence: Int? = nil, updatedAt: Date) {
        self.hazard = hazard
        self.listingYear = listingYear
        self.listingSequence = listingSequence
        self.updatedAt = updatedAt
    }

    init(row: SQLRow) throws {
        let detail: String = try row[17]
        do {
            hazard = try JSONDecoder().decode(Hazard.self, from: Data(detail.utf8))
        } catch {
            throw StoreError.unreadableValue(column: "hazard.detail", value: .text(detail), as: "hazard")
        }
        listingYear = try row[2]
        listingSequence = try row[3]
        updatedAt = try row[18]
    }

    var values: [(any SQLValueConvertible)?] {
        [
            hazard.id, hazard.listingNumber, listingYear, listingSequence, hazard.enterprise.name,
            hazard.enterprise.creditCode, hazard.enterprise.subdistrict, hazard.sector, hazard.department,
            hazard.channel.rawValue, hazard.foundOn, hazard.deadline, hazard.listing?.on, hazard.state.rawValue,
            hazard.progress, hazard.closedOn, hazard.waitingOn == nil ? 0 : 1, (try? StoredJSON.text(hazard)) ?? "{}",
            updatedAt,
        ]
    }
}

/// A row of `hazardAudit`: one change to one field of a hazard, with who made it and when.
public struct HazardAuditRecord: Hashable, Sendable, IdentifiedRecord {
    static let table = "hazardAudit"
    static let columns = ["id", "hazardId", "at", "actor", "action", "field", "old", "new"]

    public var id: Int64?
    public var hazardId: String
    public var at: Date
    public var actor: String
    /// `add`, `update`, `list`, `rectify`, `verify`, `close`, `reopen`, `waiting`, `import`.
    public var action: String
    public var field: String
    public var old: String?
    public var new: String?

    init(
        id: Int64? = nil, hazardId: String, at: Date, actor: String, action: String, field: String, old: String?,
        new: String?
    ) {
        self.id = id
        self.hazardId = hazardId
        self.at = at
        self.actor = actor
        self.action = action
        self.field = field
        self.old = old
        self.new = new
    }

    init(row: SQLRow) throws {
        id = try row[0]
        hazardId = try row[1]
        at = try row[2]
        actor = try row[3]
        action = try row[4]
        field = try row[5]
        old = try row[6]
        new = try row[7]
    }

    var values: [(any SQLValueConvertible)?] { [id, hazardId, at, actor, action, field, old, new] }
}

/// A row of `sector`: the sector registry loaded from `plans/sectors.yaml`.
struct SectorRecord: Hashable, StoredRecord {
    static let table = "sector"
    static let columns = ["id", "name", "departmentId", "aliases", "position"]

    var sector: Sector
    var position: Int

    init(_ sector: Sector, position: Int) {
        self.sector = sector
        self.position = position
    }

    init(row: SQLRow) throws {
        let aliases: String = try row[3]
        sector = Sector(
            id: try row[0], name: try row[1], department: try row[2],
            aliases: aliases.isEmpty ? [] : aliases.components(separatedBy: "\u{1F}"))
        position = try row[4]
    }

    var values: [(any SQLValueConvertible)?] {
        [sector.id, sector.name, sector.department, sector.aliases.joined(separator: "\u{1F}"), position]
    }
}
