import DubanCore
import Foundation

/// Who is asking: the office sees and changes every hazard (and a 群众举报's reporter); a
/// department sees and changes only the hazards it supervises, never a reporter.
public enum HazardViewer: Hashable, Sendable {
    case office
    case department(String)

    /// Whether this viewer may see and change `hazard`.
    public func covers(_ hazard: Hazard) -> Bool {
        switch self {
        case .office: true
        case .department(let id): hazard.department == id
        }
    }

    /// `hazard` as this viewer sees it.
    public func view(_ hazard: Hazard) -> Hazard {
        self == .office ? hazard : hazard.withoutReporter
    }
}

/// Which hazards a list asks for; nil filters nothing.
public struct HazardFilter: Hashable, Sendable {
    public var department: String?
    public var state: HazardState?
    public var subdistrict: String?
    public var sector: String?
    /// Only hazards listed for supervision.
    public var listedOnly = false
    /// Only hazards past their deadline and not closed as of this day.
    public var overdueOn: Day?

    public init(
        department: String? = nil, state: HazardState? = nil, subdistrict: String? = nil, sector: String? = nil,
        listedOnly: Bool = false, overdueOn: Day? = nil
    ) {
        self.department = department
        self.state = state
        self.subdistrict = subdistrict
        self.sector = sector
        self.listedOnly = listedOnly
        self.overdueOn = overdueOn
    }
}

extension AppDatabase {
    /// Replaces the sector registry (`plans/sectors.yaml`).
    public func storeSectors(_ sectors: [Sector]) throws {
        try write { db in
            _ = try db.execute("DELETE FROM sector")
            try db.insertAll(sectors.enumerated().map { SectorRecord($0.element, position: $0.offset) })
        }
    }

    /// The sector registry, in file order.
    public func sectors() throws -> [Sector] {
        try read { db in try Self.sectors(db) }
    }

    static func sectors(_ db: any StoreConnection) throws -> [Sector] {
        try db.all(SectorRecord.self, order: "position").map(\.sector)
    }

    /// What hazards' fields are checked against.
    public func hazardRegistry() throws -> HazardRegistry {
        try read { db in try Self.hazardRegistry(db) }
    }

    static func hazardRegistry(_ db: any StoreConnection) throws -> HazardRegistry {
        let sectors = try sectors(db)
        if sectors.isEmpty {
            throw ProgressError(
                .invalid, field: "sector", message: "the store has no sector registry",
                fix: "write plans/sectors.yaml beside the plans and run `duban plan load`")
        }
        let departments = try db.all(DepartmentRecord.self, where: "archivedAt IS NULL", order: "position")
            .map(\.department)
        return HazardRegistry(sectors: sectors, departments: departments)
    }

    /// Adds hazards to the ledger, all or none: every hazard is checked (its credit code, sector,
    /// subdistrict, department, dates) and any problem with any refuses them all, listing every one.
    /// Hazards without an id get the next `hz-YYYY-NNNN` of their found year.
    ///
    /// - Parameter rows: for each hazard, its fields, and where it came from for error messages
    ///   (`row 7`), or nil.
    @discardableResult
    public func addHazards(
        _ rows: [(id: String?, fields: [HazardField: String], origin: String?)], actor: String, now: Date,
        action: String = "add"
    ) throws -> [Hazard] {
        try write { db in
            let registry = try Self.hazardRegistry(db)
            var hazards: [Hazard] = []
            hazards.reserveCapacity(rows.count)
            var problems: [HazardError] = []
            var givenIDs: Set<String> = []
            for row in rows {
                if let id = row.id {
                    if !Identifier.isValid(id) || !givenIDs.insert(id).inserted {
                        problems.append(
                            HazardError(
                                field: "id", message: (row.origin.map { "\($0): " } ?? "") + "“\(id)” is not a new id",
                                fix: Identifier.rule + ", and appear once"))
                        continue
                    }
                }
                do {
                    hazards.append(try Hazard.make(id: row.id ?? "", fields: row.fields, registry: registry))
                } catch let error as HazardProblems {
                    problems += error.problems.map { problem in
                        var located = problem
                        if let origin = row.origin { located.message = "\(origin): \(problem.message)" }
                        return located
                    }
                }
            }
            if !problems.isEmpty { throw HazardProblems(problems) }
            if !givenIDs.isEmpty {
                let taken = try Self.existingHazardIDs(Array(givenIDs), db)
                if !taken.isEmpty {
                    throw HazardProblems(
                        taken.sorted().map {
                            HazardError(
                                .conflict, field: "id", message: "\($0) is already in the ledger",
                                fix: "use `duban hazard update \($0)` to change it, or give a new id")
                        })
                }
            }
            try db.hold(.ids(HazardRecord.table))
            var next: [Int: Int] = [:]
            for index in hazards.indices where hazards[index].id.isEmpty {
                let year = hazards[index].foundOn.year
                if next[year] == nil { next[year] = try Self.lastHazardSequence(year: year, db) + 1 }
                hazards[index].id = Self.hazardID(year: year, sequence: next[year]!)
                next[year]! += 1
            }
            try db.insertAll(hazards.map { HazardRecord($0, updatedAt: now) })
            try db.insertAllWithNewIDs(
                hazards.map {
                    HazardAuditRecord(
                        hazardId: $0.id, at: now, actor: actor, action: action, field: "state", old: nil,
                        new: $0.state.rawValue)
                })
            return hazards
        }
    }

    static func hazardID(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "hz-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func lastHazardSequence(year: Int, _ db: any StoreConnection) throws -> Int {
        let ids = try db.values(String.self, "SELECT id FROM hazard WHERE id LIKE ?", ["hz-\(year)-%"])
        return ids.compactMap { Int($0.dropFirst("hz-\(year)-".count)) }.max() ?? 0
    }

    private static func existingHazardIDs(_ ids: [String], _ db: any StoreConnection) throws -> [String] {
        var found: [String] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            found += try db.values(
                String.self, "SELECT id FROM hazard WHERE id IN (\(placeholders(chunk.count)))", chunk.map { $0 })
        }
        return found
    }

    /// The hazard with id `id`, as `viewer` sees it.
    ///
    /// - Throws: `ProgressError` (not found, or forbidden for a department that does not supervise it).
    public func hazard(_ id: String, as viewer: HazardViewer = .office) throws -> Hazard {
        try read { db in viewer.view(try Self.hazard(id, as: viewer, db)) }
    }

    static func hazard(_ id: String, as viewer: HazardViewer, _ db: any StoreConnection) throws -> Hazard {
        guard let record = try db.find(HazardRecord.self, key: id) else {
            throw ProgressError(
                .notFound, field: "hazard", message: "no hazard “\(id)” is in the ledger",
                fix: "see `duban hazard list` for the ids")
        }
        guard viewer.covers(record.hazard) else {
            throw ProgressError(
                .forbidden, field: "hazard",
                message: "\(id) is supervised by \(record.hazard.department), not by this department",
                fix: "a department sees and changes only the hazards it supervises; ask the office")
        }
        return record.hazard
    }

    /// The hazards `filter` asks for that `viewer` may see, by id.
    public func hazards(_ filter: HazardFilter = HazardFilter(), as viewer: HazardViewer = .office) throws -> [Hazard] {
        try read { db in try Self.hazards(filter, as: viewer, db).map(viewer.view) }
    }

    static func hazards(_ filter: HazardFilter, as viewer: HazardViewer, _ db: any StoreConnection) throws -> [Hazard] {
        var clauses: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        if case .department(let id) = viewer {
            clauses.append("departmentId = ?")
            arguments.append(id)
        }
        if let department = filter.department {
            clauses.append("departmentId = ?")
            arguments.append(department)
        }
        if let state = filter.state {
            clauses.append("state = ?")
            arguments.append(state.rawValue)
        }
        if let subdistrict = filter.subdistrict {
            clauses.append("subdistrict = ?")
            arguments.append(subdistrict)
        }
        if let sector = filter.sector {
            clauses.append("sector = ?")
            arguments.append(sector)
        }
        if filter.listedOnly { clauses.append("listedOn IS NOT NULL") }
        if let day = filter.overdueOn {
            clauses.append("state <> 'closed' AND deadline < ?")
            arguments.append(day)
        }
        return try db.all(
            HazardRecord.self, where: clauses.isEmpty ? nil : clauses.joined(separator: " AND "), arguments,
            order: "id"
        ).map(\.hazard)
    }

    /// A hazard's audit trail, oldest first.
    public func hazardAudit(_ id: String, as viewer: HazardViewer = .office) throws -> [HazardAuditRecord] {
        try read { db in
            _ = try Self.hazard(id, as: viewer, db)
            let trail = try db.all(HazardAuditRecord.self, where: "hazardId = ?", [id], order: "id")
            // A department never sees who reported a 群众举报.
            return viewer == .office ? trail : trail.filter { $0.field != HazardField.reporter.rawValue }
        }
    }
}

extension AppDatabase {
    /// Stores `hazards` as they are (listed or not, numbered `prefix〔year〕n号` in order), without
    /// checks or audit: how `duban bench` fills a scratch store with a province's listed ledger in
    /// seconds. Not for real data — `addHazards` and `changeHazard` check and audit every change.
    package func seedHazards(_ hazards: [Hazard], prefix: String, now: Date) throws {
        try write { db in
            var sequence: [Int: Int] = [:]
            var records: [HazardRecord] = []
            records.reserveCapacity(hazards.count)
            for var hazard in hazards {
                var record = HazardRecord(hazard, updatedAt: now)
                if let listing = hazard.listing {
                    let year = listing.on.year
                    let next = (sequence[year] ?? 0) + 1
                    sequence[year] = next
                    hazard.listingNumber = "\(prefix)〔\(year)〕\(next)号"
                    record = HazardRecord(hazard, listingYear: year, listingSequence: next, updatedAt: now)
                }
                records.append(record)
            }
            try db.insertAll(records)
        }
    }
}
