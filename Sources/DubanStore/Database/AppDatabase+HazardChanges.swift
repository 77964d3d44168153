import DubanCore
import Foundation

extension AppDatabase {
    /// Sets fields of hazard `id` and audits each change; any problem refuses them all.
    @discardableResult
    public func updateHazard(
        _ id: String, fields: [HazardField: String], as viewer: HazardViewer = .office, actor: String, now: Date
    ) throws -> Hazard {
        if case .department = viewer, fields[.department] != nil || fields[.reporter] != nil {
            throw ProgressError(
                .forbidden, field: fields[.department] != nil ? "department" : "reporter",
                message: "only the office changes which department supervises a hazard, or its reporter",
                fix: "ask the office")
        }
        return try write { db in
            let old = try Self.hazard(id, as: viewer, db)
            let new = try old.updating(fields, registry: try Self.hazardRegistry(db))
            try Self.save(old: old, new: new, action: "update", actor: actor, now: now, db)
            return viewer.view(new)
        }
    }

    /// Applies `change` to hazard `id` on `day` and audits it. Listing numbers the hazard's notice
    /// (the policy's prefix, gapless per year) and queues the notices to its supervising department
    /// and, where it has a channel, its enterprise.
    ///
    /// - Throws: `HazardProblems` when the state machine refuses it; `ProgressError` when the hazard
    ///   does not exist or the viewer does not supervise it.
    @discardableResult
    public func changeHazard(
        _ id: String, _ change: HazardChange, on day: Day, as viewer: HazardViewer = .office, policy: Policy,
        actor: String, now: Date
    ) throws -> Hazard {
        if case .department = viewer, case .list = change {
            throw ProgressError(
                .forbidden, field: "hazard", message: "only the office lists hazards for supervision (挂牌督办)",
                fix: "ask the office to list it")
        }
        return try write { db in
            let old = try Self.hazard(id, as: viewer, db)
            var listing: (year: Int, sequence: Int)?
            var applied = change
            if case .list(let level, _) = change {
                try db.hold(.hazardListings)
                let sequence =
                    try db.value(
                        Int.self, "SELECT COALESCE(MAX(listingSequence), 0) + 1 FROM hazard WHERE listingYear = ?",
                        [day.year]) ?? 1
                listing = (day.year, sequence)
                applied = .list(level: level, number: "\(policy.hazards.listingPrefix)〔\(day.year)〕\(sequence)号")
            }
            let new: Hazard
            do {
                new = try old.applying(applied, on: day)
            } catch let error as HazardError {
                throw HazardProblems([error])
            }
            try Self.save(
                old: old, new: new, action: change.name, actor: actor, now: now, listing: listing, db)
            if case .list = change {
                let name = try db.find(DepartmentRecord.self, key: new.department)?.name ?? new.department
                let messages = HazardMessages.listed(
                    new, departmentName: name, issuer: policy.documents.issuer,
                    link: policy.documents.link("hazards/\(new.id).html"))
                var records = messages.map { outgoing in
                    OutboxMessage(
                        id: nil, runId: nil, idempotencyKey: "hazard-listed/\(new.id)/\(outgoing.department)",
                        departmentId: outgoing.department, kind: outgoing.kind, subject: outgoing.subject,
                        body: outgoing.body.joined(separator: "\n"), state: .queued, createdAt: now,
                        facts: outgoing.facts)
                }
                try db.insertAll(&records)
            }
            return viewer.view(new)
        }
    }

    /// Writes `new` over `old` and audits every field that changed.
    static func save(
        old: Hazard, new: Hazard, action: String, actor: String, now: Date, listing: (year: Int, sequence: Int)? = nil,
        _ db: any StoreConnection
    ) throws {
        var record = HazardRecord(new, updatedAt: now)
        if let listing {
            record.listingYear = listing.year
            record.listingSequence = listing.sequence
        } else if let stored = try db.find(HazardRecord.self, key: new.id) {
            record.listingYear = stored.listingYear
            record.listingSequence = stored.listingSequence
        }
        try db.update(record)
        var audits = Self.differences(old, new).map {
            HazardAuditRecord(
                hazardId: new.id, at: now, actor: actor, action: action, field: $0.field, old: $0.old, new: $0.new)
        }
        try db.insertAll(&audits)
    }

    /// The fields that differ between two versions of a hazard, as text.
    static func differences(_ old: Hazard, _ new: Hazard) -> [(field: String, old: String?, new: String?)] {
        var changes: [(field: String, old: String?, new: String?)] = []
        for field in HazardField.allCases where field.text(of: old) != field.text(of: new) {
            changes.append((field.rawValue, field.text(of: old), field.text(of: new)))
        }
        func signOffs(_ hazard: Hazard) -> String? {
            hazard.signOffs.isEmpty
                ? nil
                : hazard.signOffs.map { "\($0.role.rawValue): \($0.name) \($0.date) \($0.opinion)" }.joined(
                    separator: "; ")
        }
        let extra: [(String, (Hazard) -> String?)] = [
            ("state", { $0.state.rawValue }), ("progress", { $0.progress.plainText }),
            ("listing_number", { $0.listingNumber }),
            ("listed_on", { $0.listing.map { "\($0.on) \($0.level.rawValue)" } }),
            ("rectified_on", { $0.rectifiedOn?.description }), ("signoffs", signOffs),
            ("verified_on", { $0.verifiedOn?.description }), ("closed_on", { $0.closedOn?.description }),
            ("waiting_on", { $0.waitingOn }), ("reopen_reason", { $0.reopenReason }),
        ]
        for (name, text) in extra where text(old) != text(new) {
            changes.append((name, text(old), text(new)))
        }
        return changes
    }
}
