import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// The ledger's numbers against independent recounts: the goals' SQL counts against
/// `LedgerGoal.counts` over the hazards themselves, the statistics against one plain COUNT per
/// cell, and the goal tasks' progress in the evaluation.
@Suite struct HazardCountTests {
    typealias F = HazardFixtures

    static let goals = [
        LedgerGoal(rule: .stockCleared, foundThrough: Day("2023-12-31")!),
        LedgerGoal(rule: .stockCleared, foundThrough: Day("2024-06-30")!),
        LedgerGoal(rule: .increaseCurbed, year: 2025), LedgerGoal(rule: .increaseCurbed, year: 2024),
        LedgerGoal(rule: .increaseCurbed), LedgerGoal(rule: .dynamicZero),
    ]
    static let days = ["2023-06-30", "2024-02-29", "2024-12-31", "2025-07-15", "2026-03-01", "2026-12-31"].map {
        Day($0)!
    }

    @Test func goalCountsInSQLMatchTheRecountOverTheHazards() throws {
        let db = try F.store()
        let hazards = try F.mixedLedger(db, count: 120)
        #expect(Set(hazards.map(\.state)) == Set(HazardState.allCases))
        var compared = 0
        for goal in Self.goals {
            for day in Self.days {
                let counted = try db.read { try AppDatabase.ledgerCounts(goal, asOf: day, $0) }
                #expect(counted == goal.counts(hazards, asOf: day), "\(goal) as of \(day)")
                compared += counted.stock + counted.found + counted.open
            }
        }
        #expect(compared > 100)  // the windows are not all empty
    }

    @Test func theShippedGoalsTakeTheirProgressFromTheLedger() throws {
        let db = try F.store()
        let hazards = try F.mixedLedger(db, count: 80)
        let day = Day("2024-12-31")!
        let (evaluation, _) = try db.evaluate(asOf: day, lights: F.policy.lights)
        let stock = try #require(evaluation.computed["goal-2024-clear-stock"])
        let found = hazards.filter { $0.foundOn <= Day("2023-12-31")! }
        let closed = found.filter { $0.state == .closed && $0.closedOn! <= day }
        #expect(stock.counts.stock == found.count && stock.counts.stockClosed == closed.count)
        #expect(abs(stock.percent - Double(closed.count) / Double(found.count) * 100) < 1e-9)
        #expect(stock.met == (closed.count == found.count))
        #expect(stock.explanation.contains("2023-12-31 前排查发现的重大事故隐患 \(found.count) 项"))
        let task = try #require(evaluation.tasks.first { $0.id == "goal-2024-clear-stock" })
        #expect(abs(task.reported - stock.percent) < 1e-9)
        #expect(
            evaluation.computed.keys.sorted() == [
                "goal-2024-clear-stock", "goal-2025-curb-increment", "goal-2026-dynamic-zero",
            ])
    }

    @Test func anEmptyLedgerMeetsNoGoal() throws {
        let db = try F.store()
        let (evaluation, _) = try db.evaluate(asOf: Day("2025-06-30")!, lights: F.policy.lights)
        for goal in evaluation.computed.values {
            #expect(goal.percent == 0 && !goal.met, "\(goal.task)")
            #expect(goal.explanation.contains("尚无记录"))
        }
        #expect(evaluation.computed.count == 3)
    }

    @Test func aProgressReportOnALedgerGoalIsRefused() throws {
        let db = try F.store()
        let error = #expect(throws: ProgressError.self) {
            try db.reportProgress(
                task: "goal-2024-clear-stock", percent: 50, by: "safety-office", date: Day("2024-06-30")!, note: nil,
                now: F.now, actor: "office")
        }
        #expect(error?.code == .conflict)
        #expect(error?.message.contains("hazard ledger") == true)
    }

    @Test(arguments: [
        [HazardStatistics.Dimension.subdistrict, .sector], [.channel], [.department, .month], [],
    ])
    func statisticsMatchAPlainCountPerCell(_ dimensions: [HazardStatistics.Dimension]) throws {
        let db = try F.store()
        let hazards = try F.mixedLedger(db, count: 90)
        for day in [Day("2024-09-30")!, Day("2026-12-31")!] {
            let statistics = try db.hazardStatistics(by: dimensions, asOf: day)
            // Recounted in Swift over the hazards…
            func key(_ hazard: Hazard) -> [String] {
                dimensions.map { dimension in
                    switch dimension {
                    case .subdistrict: hazard.enterprise.subdistrict
                    case .sector: hazard.sector
                    case .channel: hazard.channel.rawValue
                    case .department: hazard.department
                    case .month: String(hazard.foundOn.description.prefix(7))
                    }
                }
            }
            let found = hazards.filter { $0.foundOn <= day }
            let groups = Dictionary(grouping: found, by: key)
            #expect(
                statistics.rows.map(\.keys)
                    == (dimensions.isEmpty ? [] : groups.keys.sorted { $0.lexicographicallyPrecedes($1) }))
            for row in statistics.rows {
                let group = groups[row.keys] ?? []
                let closed = group.filter { $0.state == .closed && $0.closedOn! <= day }
                #expect(row.found == group.count, "\(row.keys)")
                #expect(row.listed == group.filter { ($0.listing?.on).map { $0 <= day } ?? false }.count)
                #expect(row.closed == closed.count)
                #expect(row.overdue == group.filter { !closed.contains($0) && day > $0.deadline }.count)
            }
            // …and with one plain COUNT for the found of each cell.
            for row in statistics.rows where dimensions == [.subdistrict, .sector] {
                let count = try db.read { db in
                    try db.value(
                        Int.self, "SELECT COUNT(*) FROM hazard WHERE subdistrict = ? AND sector = ? AND foundOn <= ?",
                        [row.keys[0], row.keys[1], day])
                }
                #expect(count == row.found)
            }
            #expect(statistics.total.found == found.count)
            #expect(statistics.rows.map(\.found).reduce(0, +) == (dimensions.isEmpty ? 0 : found.count))
        }
    }
}
