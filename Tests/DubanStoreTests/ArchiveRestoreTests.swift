import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// A task removed from its plan is archived, never deleted; put back, it is restored with its history.
@Suite struct ArchiveRestoreTests {
    static let withoutMonthly = Fixtures.removing(Fixtures.smallSet, task: "t-monthly")

    static func storeWithArchivedTask() throws -> AppDatabase {
        let db = try Fixtures.loadedStore()
        _ = try db.record(
            [
                ProgressEntry(
                    task: "t-monthly", department: "office", date: Fixtures.day("2024-06-01"),
                    content: .occurrence("2024Q1", done: true), note: "一季度已调度")
            ], now: Fixtures.now, actor: "tester")
        _ = try db.load(withoutMonthly, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")
        return db
    }

    @Test func removedTaskIsReportedArchived() throws {
        let db = try Fixtures.loadedStore()
        let report = try db.load(Self.withoutMonthly, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")
        let plan = try #require(report.plans.first)
        #expect(plan.archived == ["t-monthly"])
        #expect(plan.added == [])
        #expect(plan.changed.isEmpty)
        #expect(plan.restored == [])
        #expect(plan.unchanged == 3)
        #expect(report.isNoChange == false)
    }

    @Test func archivedTaskIsKeptWithItsProgressButLeftOutOfThePlanSet() throws {
        let db = try Self.storeWithArchivedTask()

        let stored = try #require(try db.task("t-monthly"))
        #expect(stored.archived == true)
        #expect(stored.task == Fixtures.smallPlan.tasks[3])
        #expect(try db.progressReports(task: "t-monthly").map(\.occurrence) == ["2024Q1"])
        #expect(try db.progressReports(task: "t-monthly").map(\.note) == ["一季度已调度"])

        let set = try db.planSet()
        #expect(set.tasks.map(\.id) == ["t-census", "t-ledger", "t-coverage"])
        #expect(set == Self.withoutMonthly)

        let revisions = try db.revisions(of: "t-monthly")
        #expect(revisions.map(\.field) == ["added", "archived"])
        #expect(revisions.map(\.revision) == [1, 2])
        #expect(revisions[1].oldValue == nil)
        #expect(revisions[1].newValue == Fixtures.later.description)
        #expect(revisions[1].loadId == 2)
    }

    @Test func archivingHappensOnceNotOnEveryReload() throws {
        let db = try Self.storeWithArchivedTask()
        let report = try db.load(Self.withoutMonthly, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")
        #expect(report.isNoChange)
        #expect(report.plans.first?.archived == [])
        #expect(try db.revisions(of: "t-monthly").map(\.field) == ["added", "archived"])
    }

    @Test func taskPutBackIsRestoredWithItsProgressAndHistory() throws {
        let db = try Self.storeWithArchivedTask()

        let report = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")

        let plan = try #require(report.plans.first)
        #expect(plan.restored == ["t-monthly"])
        #expect(plan.added == [])
        #expect(plan.archived == [])
        #expect(plan.changed.isEmpty)
        #expect(plan.unchanged == 3)
        #expect(report.isNoChange == false)

        let stored = try #require(try db.task("t-monthly"))
        #expect(stored.archived == false)
        #expect(try db.planSet() == Fixtures.smallSet)
        #expect(try db.progressReports(task: "t-monthly").map(\.occurrence) == ["2024Q1"])
        let revisions = try db.revisions(of: "t-monthly")
        #expect(revisions.map(\.field) == ["added", "archived", "restored"])
        #expect(revisions.map(\.revision) == [1, 2, 3])
        #expect(revisions[2].oldValue == Fixtures.later.description)
        #expect(revisions[2].newValue == nil)
    }

    @Test func taskPutBackChangedIsRestoredAndReportedChanged() throws {
        let db = try Self.storeWithArchivedTask()
        let changed = Fixtures.editing(Fixtures.smallSet, task: "t-monthly") { $0.title = "每季度调度" }

        let report = try db.load(changed, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")

        let plan = try #require(report.plans.first)
        #expect(plan.restored == ["t-monthly"])
        #expect(plan.changed.map(\.task) == ["t-monthly"])
        #expect(plan.changed.first?.fields == [LoadReport.FieldChange(field: "title", old: "每月调度", new: "每季度调度")])
        #expect(try db.revisions(of: "t-monthly").map(\.field) == ["added", "archived", "title", "restored"])
        #expect(try db.revisions(of: "t-monthly").map(\.revision) == [1, 2, 3, 3])
    }

    @Test func archivedTaskRefusesProgress() throws {
        let db = try Self.storeWithArchivedTask()
        #expect(
            throws: ProgressError(
                .notFound, field: "task", message: "task “t-monthly” was removed from its plan and is archived",
                fix: "report on a current task, or put the task back in the plan and reload")
        ) {
            try db.record(
                [
                    ProgressEntry(
                        task: "t-monthly", department: "office", date: Fixtures.day("2024-06-16"),
                        content: .occurrence("2024Q2", done: true))
                ], now: Fixtures.later, actor: "tester")
        }
        #expect(try db.progressReports(task: "t-monthly").count == 1)
    }

    /// The small plan and its annual plan, with "t-census" moved to the annual plan; the plans in
    /// `annualFirst` order.
    static func withCensusMoved(annualFirst: Bool) -> PlanSet {
        var small = Fixtures.smallPlan
        var annual = Fixtures.annualPlan()
        var census = small.tasks.removeFirst()
        census.plan = annual.id
        annual.tasks.append(census)
        // "t-coverage" waits on "t-census" in the small plan: it waits on the annual plan's task now.
        return PlanSet(departments: Fixtures.departments, plans: annualFirst ? [annual, small] : [small, annual])
    }

    @Test(arguments: [false, true])
    func taskMovedToAnotherPlanOfTheLoadIsNotArchived(annualFirst: Bool) throws {
        let db = try TestStore.make()
        _ = try db.load(
            PlanSet(departments: Fixtures.departments, plans: [Fixtures.smallPlan, Fixtures.annualPlan()]),
            files: ["plans"], now: Fixtures.now, actor: "t")

        let report = try db.load(
            Self.withCensusMoved(annualFirst: annualFirst), files: ["plans"], now: Fixtures.later, actor: "t")

        let stored = try #require(try db.task("t-census"))
        #expect(stored.archived == false)
        #expect(stored.task.plan == "small-2025")
        #expect(
            try db.planSet().plans.map { $0.tasks.map(\PlanTask.id) } == [
                ["t-ledger", "t-coverage", "t-monthly"], ["y2025-pilot", "t-census"],
            ])
        let coverage = try #require(try db.task("t-coverage"))
        #expect(coverage.task.dependsOn == Fixtures.smallPlan.tasks[2].dependsOn)
        // Stored first, the small plan archives the task it lost and the annual plan restores it;
        // stored after the annual plan has taken it, the small plan leaves it alone.
        let fields = try db.revisions(of: "t-census").map(\.field)
        #expect(fields == (annualFirst ? ["added", "plan"] : ["added", "archived", "plan", "restored"]))
        let small = try #require(report.plans.first { $0.plan == "small" })
        #expect(small.archived == (annualFirst ? [] : ["t-census"]))
    }
}
