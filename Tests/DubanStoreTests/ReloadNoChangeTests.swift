import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// Reloading the same plan changes nothing: no revisions, same tasks, same revision numbers.
@Suite struct ReloadNoChangeTests {
    @Test func reloadingTheSamePlanIsNoChange() throws {
        let db = try Fixtures.loadedStore()
        let before = try HistoryCounts(db)

        let report = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")

        #expect(report.isNoChange)
        #expect(report.loadId == 2)
        #expect(report.departmentsAdded == [])
        #expect(report.departmentsChanged == [])
        #expect(report.departmentsArchived == [])
        let plan = try #require(report.plans.first)
        #expect(plan.isNew == false)
        #expect(plan.added == [])
        #expect(plan.changed.isEmpty)
        #expect(plan.archived == [])
        #expect(plan.restored == [])
        #expect(plan.unchanged == 4)

        let after = try HistoryCounts(db)
        #expect(after.revisions == before.revisions)
        #expect(after.reports == before.reports)
        // A load that changes nothing leaves no trace: no load row, no audit entry.
        #expect(after.loads == before.loads)
        #expect(after.audit == before.audit)
    }

    @Test func reloadKeepsRevisionNumbersAndTasks() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")
        _ = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")

        #expect(try db.planSet() == Fixtures.smallSet)
        for id in ["t-census", "t-ledger", "t-coverage", "t-monthly"] {
            #expect(try db.revisions(of: id).map(\.field) == ["added"], "\(id)")
            #expect(try db.revisions(of: id).map(\.revision) == [1], "\(id)")
        }
    }
}
