import Testing

@testable import DubanCore

/// `PlanGenerator`: reproducible synthetic plans that always validate.
@Suite struct PlanGeneratorTests {
    @Test func sameSeedGivesTheSamePlanSet() {
        #expect(
            PlanGenerator(taskCount: 500, seed: 42).generate() == PlanGenerator(taskCount: 500, seed: 42).generate())
    }

    @Test func differentSeedGivesDifferentTasks() {
        let one = PlanGenerator(taskCount: 500, seed: 1).generate().tasks
        let two = PlanGenerator(taskCount: 500, seed: 2).generate().tasks
        #expect(one.map(\.id) == two.map(\.id))
        #expect(one.map(\.lead) != two.map(\.lead))
        #expect(one.map(\.schedule) != two.map(\.schedule))
    }

    @Test func tenThousandTasksValidateCleanly() throws {
        let set = PlanGenerator(taskCount: 10_000, seed: 2024).generate()
        #expect(set.tasks.count == 10_000)
        #expect(Set(set.tasks.map(\.id)).count == 10_000)
        #expect(set.plans.count == 1)
        #expect(set.departments.count == 1 + 5 * 13)
        let issues = PlanValidator.validate(set)
        #expect(issues.filter { $0.severity == .error }.isEmpty)
        #expect(issues.filter { $0.severity == .warning }.isEmpty)
        #expect(issues.isEmpty, "\(issues.prefix(5))")

        let graph = TaskGraph(tasks: set.tasks)
        let order = try graph.topologicalOrder()
        var depth = [Int](repeating: 1, count: graph.tasks.count)
        for node in order {
            for edge in graph.prerequisites[node] { depth[node] = max(depth[node], depth[edge.node] + 1) }
        }
        #expect(depth.max() ?? 0 >= 3)
        #expect(set.tasks.contains { $0.kind == .milestone })
        #expect(set.tasks.contains { $0.kind == .obligation })
        #expect(set.tasks.contains { $0.kind == .target })
    }

    @Test func everyDependencyStaysInItsMeasureAndIsDueEarlier() {
        let tasks = PlanGenerator(taskCount: 2_000, seed: 9).generate().tasks
        let byID = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
        var bad: [String] = []
        for task in tasks {
            for dependency in task.dependsOn {
                guard let prerequisite = byID[dependency.task] else {
                    bad.append("\(task.id)→\(dependency.task) missing")
                    continue
                }
                if prerequisite.measure != task.measure || prerequisite.schedule.due >= task.schedule.due {
                    bad.append("\(task.id)→\(prerequisite.id)")
                }
            }
        }
        #expect(bad.isEmpty)
        #expect(tasks.contains { !$0.dependsOn.isEmpty })
    }
}
