import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// Loading a plan stores all of it, and reading it back gives the same model.
@Suite struct LoadRoundTripTests {
    @Test func firstLoadReportsEveryDepartmentAndTaskAsAdded() throws {
        let db = try TestStore.make()
        #expect(try db.planSet().plans.isEmpty)
        #expect(try db.departments() == nil)

        let report = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.now, actor: "tester")

        #expect(report.loadId == 1)
        #expect(report.departmentsAdded == ["office", "emergency", "fire", "xingren", "water"])
        #expect(report.departmentsChanged == [])
        #expect(report.departmentsArchived == [])
        #expect(report.warnings == [])
        #expect(report.plans.count == 1)
        let plan = try #require(report.plans.first)
        #expect(plan.plan == "small")
        #expect(plan.isNew)
        #expect(plan.added == ["t-census", "t-ledger", "t-coverage", "t-monthly"])
        #expect(plan.changed.isEmpty)
        #expect(plan.archived == [])
        #expect(plan.restored == [])
        #expect(plan.unchanged == 0)
        #expect(report.isNoChange == false)
        #expect(try !db.planSet().plans.isEmpty)
    }

    @Test func planSetGivesBackExactlyWhatWasLoaded() throws {
        let db = try Fixtures.loadedStore()
        let stored = try db.planSet()
        #expect(stored == Fixtures.smallSet)
    }

    /// Tasks are read in table order and put in plan order after: a reload that moves tasks, or adds
    /// one before the others (its row comes last in the table), still reads back in the plan's order,
    /// for the whole model and for an evaluation.
    @Test func aReorderedPlanReadsBackInItsNewOrder() throws {
        let db = try Fixtures.loadedStore()
        var set = Fixtures.smallSet
        var added = set.plans[0].tasks[1]
        added.id = "t-first"
        added.dependsOn = []
        set.plans[0].tasks =
            [added]
            + set.plans[0].tasks.reversed().map { task in
                var task = task
                task.dependsOn = task.dependsOn.filter { $0.task != "t-first" }
                return task
            }
        _ = try db.load(set, files: ["plans/small.yaml"], now: Fixtures.now, actor: Fixtures.actor)
        let expected = ["t-first"] + Fixtures.smallSet.plans[0].tasks.reversed().map(\.id)
        #expect(try db.planSet().plans[0].tasks.map(\.id) == expected)
        #expect(try db.planSet() == set)
        let (evaluation, _) = try db.evaluation(asOf: Fixtures.day("2024-06-30"), lights: LightPolicy())
        #expect(evaluation.tasks.map(\.id) == expected)
    }

    @Test func tasksComeBackInOrderWithSchedulesAndDependencies() throws {
        let db = try Fixtures.loadedStore()
        let tasks = try db.planSet().tasks
        #expect(tasks.map(\.id) == ["t-census", "t-ledger", "t-coverage", "t-monthly"])
        #expect(tasks.map(\.kind) == [.milestone, .milestone, .target, .obligation])
        #expect(tasks.map(\.schedule) == Fixtures.smallPlan.tasks.map(\.schedule))
        #expect(
            tasks.map(\.schedule.start) == [
                nil, Fixtures.day("2024-03-01"), Fixtures.day("2025-01-01"), Fixtures.day("2024-01-01"),
            ])
        #expect(tasks.map(\.schedule.due.description) == ["2024-06-30", "2024-12-31", "2025-12-31", "2026-12-31"])
        #expect(tasks[2].dependsOn == [Dependency(task: "t-ledger", lagDays: 30), Dependency(task: "t-census")])
        #expect(tasks[1].dependsOn == [Dependency(task: "t-census")])
        #expect(tasks.map(\.support) == [["xingren"], [], ["emergency", "xingren"], []])
        #expect(tasks.map(\.measure) == [nil, 1, 1, 2])
        #expect(tasks[0].source == "2024年6月底前完成摸底排查")
        guard case .milestone(_, let due) = tasks[0].schedule else {
            Issue.record("t-census is not a milestone: \(tasks[0].schedule)")
            return
        }
        #expect(due.text == "2024年6月底前")
    }

    @Test func departmentsComeBackInRegistryOrder() throws {
        let db = try Fixtures.loadedStore()
        #expect(try db.departments() == Fixtures.departments)
        #expect(try db.planSet().departments == Fixtures.departments)
    }

    @Test func planHeaderActionsAndMeasuresAreStored() throws {
        let db = try Fixtures.loadedStore()
        let plan = try #require(try db.plan("small"))
        #expect(plan.title == "小计划")
        #expect(plan.start.description == "2024-01-01")
        #expect(plan.end.description == "2026-12-31")
        #expect(plan.office == "office")
        #expect(plan.actions == [Action(id: "a1", title: "第一项行动"), Action(id: "a2", title: "第二项行动")])
        #expect(plan.measures.map(\.number) == [1, 2])
        #expect(plan.measures.map(\.action) == ["a1", "a2"])
        #expect(try db.plan("missing") == nil)
    }

    @Test func everyTaskGetsAnAddedRevisionAndTheLoadIsAudited() throws {
        let db = try Fixtures.loadedStore()
        let revisions = try db.revisions(of: "t-ledger")
        #expect(revisions.count == 1)
        #expect(revisions[0].revision == 1)
        #expect(revisions[0].loadId == 1)
        #expect(revisions[0].field == "added")
        #expect(revisions[0].oldValue == nil)
        #expect(revisions[0].newValue == "2024-12-31")
        #expect(revisions[0].at == Fixtures.now)

        let audit = try db.audit(subject: "small")
        #expect(audit.count == 1)
        #expect(audit[0].action == "plan.load")
        #expect(audit[0].actor == "tester")
        #expect(audit[0].at == Fixtures.now)
        #expect(
            audit[0].detail
                == "small: 4 added, 0 changed, 0 archived, 0 restored, 0 unchanged from plans/small.yaml")
    }

    @Test func taskLookupGivesTheTaskAndWhetherItIsArchived() throws {
        let db = try Fixtures.loadedStore()
        let found = try #require(try db.task("t-coverage"))
        #expect(found.archived == false)
        #expect(found.task == Fixtures.smallPlan.tasks[2])
        #expect(try db.task("nope") == nil)
    }
}
