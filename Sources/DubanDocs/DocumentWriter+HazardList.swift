import DubanCore

extension DocumentWriter {
    /// The 重大事故隐患挂牌督办公开清单 as of `day`, for 曝光 and 社会监督: every hazard listed on or
    /// before `day` and not closed, in the order of listing, with its deadline, state and whether it
    /// is overdue. Being public, it states only what the enterprise is, where, and what the hazard
    /// is: never a reporter, nor who found it.
    public func hazardPublicList(
        _ hazards: [Hazard], asOf day: Day, sectors: [Sector], templates: HazardTemplates
    ) -> OfficialDocument {
        let listed = Self.publicHazards(hazards, asOf: day)
        let rows: [[String: Any]] = listed.enumerated().map { index, hazard in
            var row: [String: Any] = [
                "index": index + 1,
                "number": hazard.listingNumber ?? "—",
                "enterprise": Self.cell(hazard.enterprise.name),
                "subdistrict": Self.cell(name(hazard.enterprise.subdistrict)),
                "sector": Self.cell(Self.sectorName(hazard.sector, sectors)),
                "description": Self.cell(hazard.description),
                "deadline": Self.dayText(hazard.deadline),
                "state": hazard.state.chinese,
                // Always set: an absent key would find the document's `overdue` count instead.
                "isOverdue": hazard.isOverdue(on: day),
            ]
            if hazard.isOverdue(on: day) { row["overdueDays"] = String(hazard.deadline.days(to: day)) }
            return row
        }
        let context: [String: Any] = [
            "asOf": Self.dayText(day),
            "count": listed.count,
            "overdue": listed.filter { $0.isOverdue(on: day) }.count,
            "hasHazards": !listed.isEmpty,
            "hazards": rows,
        ]
        return OfficialDocument(
            issuer: issuer, number: nil, title: "重大事故隐患挂牌督办公开清单", addressee: nil,
            body: templates.render("hazard-list.md", context), date: day, name: "hazard-list-\(day)")
    }

    /// The hazards the public list shows as of `day`, without their reporters, by listing day and id.
    static func publicHazards(_ hazards: [Hazard], asOf day: Day) -> [Hazard] {
        hazards.compactMap { hazard -> (Day, Hazard)? in
            guard let listing = hazard.listing, listing.on <= day, hazard.state != .closed else { return nil }
            return (listing.on, hazard.withoutReporter)
        }
        .sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }
        .map(\.1)
    }
}
