import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// A 20,000-task generated plan loads, reloads with no change, and a reload after ten edits
/// reports exactly those ten.
@Suite struct LargePlanLoadTests {
    static let set = PlanGenerator(taskCount: 20_000, seed: 7).generate()

    /// The set with the due day of its first ten dated tasks moved one day later.
    static func withTenDueDatesMoved() -> (set: PlanSet, ids: [String]) {
        var set = Self.set
        var ids: [String] = []
        for index in set.plans[0].tasks.indices where ids.count < 10 {
            let task = set.plans[0].tasks[index]
            switch task.schedule {
            case .milestone(let start, let due):
                set.plans[0].tasks[index].schedule = .milestone(start: start, due: moved(due))
            case .target(let start, let due, let threshold):
                set.plans[0].tasks[index].schedule = .target(start: start, due: moved(due), threshold: threshold)
            case .obligation:
                continue
            }
            ids.append(task.id)
        }
        return (set, ids)
    }

    static func moved(_ due: DeadlinePhrase) -> DeadlinePhrase {
        let day = due.due.adding(days: 1)
        return DeadlinePhrase(text: day.description, start: nil, due: day)
    }

    @Test func largePlanLoadsReloadsAndReportsExactlyTheEditedTasks() throws {
        #expect(Self.set.tasks.count == 20_000)
        let db = try TestStore.make()

        let first = try db.load(Self.set, files: ["var/synthetic/plan.yaml"], now: Fixtures.now, actor: "t")
        #expect(first.plans.first?.added.count == 20_000)
        #expect(first.departmentsAdded.count == Self.set.departments.count)
        #expect(first.warnings == [])
        #expect(try db.planSet() == Self.set)

        let second = try db.load(Self.set, files: ["var/synthetic/plan.yaml"], now: Fixtures.later, actor: "t")
        #expect(second.isNoChange)
        #expect(second.plans.first?.unchanged == 20_000)

        let (edited, ids) = Self.withTenDueDatesMoved()
        #expect(ids.count == 10)
        let third = try db.load(edited, files: ["var/synthetic/plan.yaml"], now: Fixtures.later, actor: "t")
        let plan = try #require(third.plans.first)
        #expect(plan.changed.count == 10)
        #expect(plan.changed.map(\.task) == ids)
        #expect(plan.unchanged == 19_990)
        #expect(plan.added == [])
        #expect(plan.archived == [])
        #expect(plan.changed.allSatisfy { $0.fields.map(\.field) == ["due", "due_text"] })
        let firstChange = try #require(plan.changed.first)
        let original = try #require(Self.set.tasks.first { $0.id == firstChange.task })
        #expect(firstChange.fields[0].old == original.schedule.due.description)
        #expect(firstChange.fields[0].new == original.schedule.due.adding(days: 1).description)
        #expect(try db.revisions(of: firstChange.task).map(\.revision) == [1, 2, 2])
    }
}
