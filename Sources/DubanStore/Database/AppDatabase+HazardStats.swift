import DubanCore
import Foundation

extension AppDatabase {
    /// Hazards counted by `dimensions` as of `day`, counted in SQL (a province's million hazards
    /// are never read into memory for it). A department viewer counts only its own hazards.
    public func hazardStatistics(
        by dimensions: [HazardStatistics.Dimension], asOf day: Day, as viewer: HazardViewer = .office
    ) throws -> HazardStatistics {
        try read { db in try Self.hazardStatistics(by: dimensions, asOf: day, as: viewer, db) }
    }

    static func hazardStatistics(
        by dimensions: [HazardStatistics.Dimension], asOf day: Day, as viewer: HazardViewer, _ db: any StoreConnection
    ) throws -> HazardStatistics {
        let columns = dimensions.map { dimension in
            switch dimension {
            case .subdistrict: "subdistrict"
            case .sector: "sector"
            case .channel: "channel"
            case .department: "departmentId"
            case .month: "substr(foundOn, 1, 7)"
            }
        }
        var filter = "foundOn <= ?"
        var filterArguments: [(any SQLValueConvertible)?] = [day]
        if case .department(let id) = viewer {
            filter += " AND departmentId = ?"
            filterArguments.append(id)
        }
        let counts = """
            COUNT(*) AS found,
            SUM(CASE WHEN listedOn IS NOT NULL AND listedOn <= ? THEN 1 ELSE 0 END) AS listed,
            SUM(CASE WHEN state = 'closed' AND closedOn <= ? THEN 1 ELSE 0 END) AS closed,
            SUM(CASE WHEN NOT (state = 'closed' AND closedOn <= ?) AND deadline < ? THEN 1 ELSE 0 END) AS overdue
            """
        func row(_ sqlRow: SQLRow, keys: [String]) throws -> HazardStatistics.Row {
            HazardStatistics.Row(
                keys: keys, found: try sqlRow["found"], listed: try sqlRow["listed"] ?? 0,
                closed: try sqlRow["closed"] ?? 0, overdue: try sqlRow["overdue"] ?? 0)
        }
        // The day goes into the three counts and the overdue test, then the filter.
        let countArguments: [(any SQLValueConvertible)?] = [day, day, day, day]
        var rows: [HazardStatistics.Row] = []
        if !columns.isEmpty {
            let keys = columns.enumerated().map { "\($0.element) AS k\($0.offset)" }.joined(separator: ", ")
            let groups = columns.indices.map { "k\($0)" }.joined(separator: ", ")
            for sqlRow in try db.rows(
                "SELECT \(keys), \(counts) FROM hazard WHERE \(filter) GROUP BY \(groups) ORDER BY \(groups)",
                countArguments + filterArguments)
            {
                rows.append(try row(sqlRow, keys: try columns.indices.map { try sqlRow["k\($0)"] }))
            }
        }
        var total = HazardStatistics.Row(keys: [], found: 0, listed: 0, closed: 0, overdue: 0)
        if columns.isEmpty {
            if let totalRow = try db.row(
                "SELECT \(counts) FROM hazard WHERE \(filter)", countArguments + filterArguments)
            {
                total = try row(totalRow, keys: [])
            }
        } else {
            // The groups partition the hazards counted: their sum is the total, without a second scan.
            for group in rows {
                total.found += group.found
                total.listed += group.listed
                total.closed += group.closed
                total.overdue += group.overdue
            }
        }
        return HazardStatistics(asOf: day, dimensions: dimensions, rows: rows, total: total)
    }

    /// Enterprises with more than one hazard found by `day`, most first.
    static func repeatOffenders(
        asOf day: Day, limit: Int = 20, _ db: any StoreConnection
    ) throws
        -> [HazardStatistics.Repeat]
    {
        try db.rows(
            """
            SELECT creditCode, MIN(enterpriseName) AS name, COUNT(*) AS hazards,
                SUM(CASE WHEN state = 'closed' AND closedOn <= ? THEN 0 ELSE 1 END) AS open
            FROM hazard WHERE foundOn <= ? GROUP BY creditCode HAVING COUNT(*) > 1
            ORDER BY COUNT(*) DESC, creditCode LIMIT \(limit)
            """, [day, day]
        ).map {
            HazardStatistics.Repeat(
                creditCode: try $0["creditCode"], enterprise: try $0["name"], hazards: try $0["hazards"],
                open: try $0["open"] ?? 0)
        }
    }

    /// The ledger's counts for `goal` as of `day`, counted in SQL the way `LedgerGoal.counts` recounts them.
    static func ledgerCounts(_ goal: LedgerGoal, asOf day: Day, _ db: any StoreConnection) throws -> LedgerCounts {
        var counts = LedgerCounts()
        counts.ledger = try db.value(Int.self, "SELECT COUNT(*) FROM hazard WHERE foundOn <= ?", [day]) ?? 0
        switch goal.rule {
        case .stockCleared:
            let row = try db.row(
                """
                SELECT COUNT(*) AS stock, SUM(CASE WHEN state = 'closed' AND closedOn <= ? THEN 1 ELSE 0 END) AS closed
                FROM hazard WHERE foundOn <= ?
                """, [day, goal.foundThrough ?? day])
            counts.stock = try row?["stock"] ?? 0
            counts.stockClosed = try row?["closed"] ?? 0
        case .increaseCurbed:
            let year = goal.year ?? day.year
            let window = LedgerGoal.window(year: year, asOf: day)
            func count(_ range: ClosedRange<Day>?) throws -> Int {
                guard let range else { return 0 }
                return try db.value(
                    Int.self, "SELECT COUNT(*) FROM hazard WHERE foundOn >= ? AND foundOn <= ?",
                    [range.lowerBound, range.upperBound]) ?? 0
            }
            counts.found = try count(window.current)
            counts.foundBefore = try count(window.before)
            counts.foundBeforeWholeYear = try count(
                Day.firstDay(year: year - 1, month: 1)...Day.lastDay(year: year - 1, month: 12))
        case .dynamicZero:
            let row = try db.row(
                """
                SELECT COUNT(*) AS open, SUM(CASE WHEN deadline < ? THEN 1 ELSE 0 END) AS overdue
                FROM hazard WHERE listedOn IS NOT NULL AND foundOn <= ? AND NOT (state = 'closed' AND closedOn <= ?)
                """, [day, day, day])
            counts.open = try row?["open"] ?? 0
            counts.overdue = try row?["overdue"] ?? 0
        }
        return counts
    }

    /// The ledger-computed progress of `set`'s goal tasks as of `day`, with how each was computed.
    static func ledgerProgress(
        _ set: PlanSet, asOf day: Day, _ db: any StoreConnection
    ) throws
        -> [String: GoalComputation]
    {
        var computed: [String: GoalComputation] = [:]
        // By index: a goal task is rare, and copying every task to find one is a tenth of an evaluation.
        for plan in set.plans {
            for index in plan.tasks.indices {
                guard let goal = plan.tasks[index].ledger else { continue }
                let task = plan.tasks[index]
                let counts = try ledgerCounts(goal, asOf: day, db)
                computed[task.id] = goal.compute(
                    task: task.id, counts: counts, start: task.schedule.start ?? set.start ?? day,
                    due: task.schedule.due, asOf: day)
            }
        }
        return computed
    }

    /// Every listed hazard's evaluation as of `day`, as tasks are evaluated.
    public func hazardEvaluation(asOf day: Day, lights: LightPolicy) throws -> Evaluation {
        try read { db in try Self.hazardEvaluation(asOf: day, lights: lights, db) }
    }

    static func hazardEvaluation(asOf day: Day, lights: LightPolicy, _ db: any StoreConnection) throws -> Evaluation {
        let listed = try hazards(HazardFilter(listedOnly: true), as: .office, db).filter {
            ($0.listing?.on ?? day) <= day
        }
        return HazardSupervision.evaluate(listed, asOf: day, lights: lights)
    }
}
