import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// An annual plan that `extends` a loaded base plan, loaded on its own with the base as context.
@Suite struct ExtendsLoadTests {
    /// What `duban plan load plans/annual.yaml` builds: the stored registry and base plan as context.
    static func annualSet(_ db: AppDatabase, measure: Int = 1) throws -> PlanSet {
        PlanSet(
            departments: try #require(try db.departments()),
            plans: [try #require(try db.plan("small")), Fixtures.annualPlan(measure: measure)])
    }

    static func loadAnnual(_ db: AppDatabase, measure: Int = 1) throws -> LoadReport {
        try db.load(
            try annualSet(db, measure: measure), contextPlans: ["small"], loadDepartments: false,
            files: ["plans/small-2025.yaml"], now: Fixtures.later, actor: "tester")
    }

    @Test func extensionAddsItsTaskUnderAnExistingMeasure() throws {
        let db = try Fixtures.loadedStore()
        let report = try Self.loadAnnual(db)

        #expect(report.plans.map(\.plan) == ["small-2025"])
        let plan = try #require(report.plans.first)
        #expect(plan.isNew)
        #expect(plan.added == ["y2025-pilot"])
        #expect(plan.unchanged == 0)
        #expect(report.departmentsAdded == [])
        #expect(report.departmentsArchived == [])

        let set = try db.planSet()
        #expect(set.plans.map(\.id) == ["small", "small-2025"])
        #expect(set.plans[1].extends == "small")
        #expect(set.tasks.map(\.id) == ["t-census", "t-ledger", "t-coverage", "t-monthly", "y2025-pilot"])
        let pilot = try #require(try db.task("y2025-pilot"))
        #expect(pilot.task == Fixtures.annualPlan().tasks[0])
        #expect(pilot.task.plan == "small-2025")
        #expect(pilot.task.action == "a1")
        #expect(pilot.task.measure == 1)
        #expect(pilot.task.dependsOn == [Dependency(task: "t-ledger")])
        #expect(
            try db.audit(subject: "small-2025").map(\.detail) == [
                "small-2025: 1 added, 0 changed, 0 archived, 0 restored, 0 unchanged from plans/small-2025.yaml"
            ])
    }

    @Test func baseTasksAreNotTouchedByTheExtensionLoad() throws {
        let db = try Fixtures.loadedStore()
        let before = try db.plan("small")
        let revisionsBefore = try Fixtures.smallPlan.tasks.map { try db.revisions(of: $0.id) }

        _ = try Self.loadAnnual(db)

        #expect(try db.plan("small") == before)
        #expect(try Fixtures.smallPlan.tasks.map { try db.revisions(of: $0.id) } == revisionsBefore)
        #expect(try db.audit(subject: "small").count == 1)
    }

    @Test func reloadingTheBaseAloneLeavesTheExtensionAlone() throws {
        let db = try Fixtures.loadedStore()
        _ = try Self.loadAnnual(db)

        let report = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")

        #expect(report.isNoChange)
        let pilot = try #require(try db.task("y2025-pilot"))
        #expect(pilot.archived == false)
        #expect(try db.planSet().tasks.count == 5)
    }

    @Test func reloadingTheExtensionIsNoChange() throws {
        let db = try Fixtures.loadedStore()
        _ = try Self.loadAnnual(db)
        let report = try Self.loadAnnual(db)
        #expect(report.isNoChange)
        #expect(report.plans.first?.unchanged == 1)
    }

    @Test func extensionUnderAMissingMeasureIsRejectedAndNothingIsWritten() throws {
        let db = try Fixtures.loadedStore()
        let before = try db.planSet()
        let counts = try HistoryCounts(db)

        let error = try #require(throws: PlanError.self) { try Self.loadAnnual(db, measure: 9) }

        let errors = error.issues.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["measure 9 is not in plan small"])
        #expect(errors.map(\.subject) == ["y2025-pilot"])
        #expect(errors.map(\.fix) == ["use a measure the base plan defines"])
        #expect(try db.planSet() == before)
        #expect(try HistoryCounts(db) == counts)
        #expect(try db.task("y2025-pilot") == nil)
    }
}
