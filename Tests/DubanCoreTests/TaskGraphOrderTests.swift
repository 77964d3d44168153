import Testing

@testable import DubanCore

/// `TaskGraph`: topological order, cycles, reachability and dangling dependencies.
@Suite struct TaskGraphOrderTests {
    private func task(_ id: String, _ prerequisites: String...) -> PlanTask {
        Fixture.milestone(id, due: "2026年底前", after: prerequisites)
    }

    private func ids(_ graph: TaskGraph, _ order: [Int]) -> [String] {
        order.map { graph.tasks[$0].id }
    }

    @Test func orderPutsPrerequisitesFirst() throws {
        let graph = TaskGraph(tasks: [task("c", "b"), task("b", "a"), task("a")])
        #expect(ids(graph, try graph.topologicalOrder()) == ["a", "b", "c"])
    }

    @Test func orderKeepsPlanOrderOfIndependentTasks() throws {
        let graph = TaskGraph(tasks: [task("x"), task("y"), task("z")])
        #expect(try graph.topologicalOrder() == [0, 1, 2])
    }

    @Test func orderMovesOnlyWhatADependencyForces() throws {
        // b must follow c; a is free and comes first as in the plan.
        let graph = TaskGraph(tasks: [task("b", "c"), task("a"), task("c")])
        #expect(ids(graph, try graph.topologicalOrder()) == ["a", "c", "b"])
    }

    /// The plan order a, b (after a), c already satisfies every dependency, so a sort that keeps plan
    /// order for ties must return it unchanged.
    @Test func orderLeavesAnAlreadyValidPlanOrderUnchanged() throws {
        let graph = TaskGraph(tasks: [task("a"), task("b", "a"), task("c")])
        #expect(ids(graph, try graph.topologicalOrder()) == ["a", "b", "c"])
    }

    @Test func findsThreeCycleAlongDependsOn() {
        // a depends on b, b on c, c on a.
        let graph = TaskGraph(tasks: [task("free"), task("a", "b"), task("b", "c"), task("c", "a")])
        #expect(graph.findCycle() == ["a", "b", "c", "a"])
    }

    @Test func findsSelfDependency() {
        let graph = TaskGraph(tasks: [task("a"), task("self", "self")])
        #expect(graph.findCycle() == ["self", "self"])
    }

    @Test func findsNoCycleInADiamond() {
        let graph = TaskGraph(tasks: diamond)
        #expect(graph.findCycle() == nil)
    }

    @Test func orderThrowsTheCyclePath() {
        let graph = TaskGraph(tasks: [task("a", "b"), task("b", "c"), task("c", "a"), task("after", "a")])
        let cycle = #expect(throws: DependencyCycle.self) { try graph.topologicalOrder() }
        #expect(cycle?.path == ["a", "b", "c", "a"])
        #expect(cycle?.description == "dependency cycle: a → b → c → a (each task depends on the next)")
    }

    @Test func timingsRefuseACycle() {
        let graph = TaskGraph(tasks: [task("a", "b"), task("b", "a")])
        let cycle = #expect(throws: DependencyCycle.self) { try graph.timings(planStart: Fixture.planStart) }
        #expect(cycle?.path == ["a", "b", "a"])
    }

    /// top ← left, right ← bottom: left and right depend on top, bottom on both.
    private var diamond: [PlanTask] {
        [task("top"), task("left", "top"), task("right", "top"), task("bottom", "left", "right")]
    }

    @Test func transitivePrerequisitesNearestFirst() {
        let graph = TaskGraph(tasks: diamond)
        #expect(graph.transitivePrerequisites(of: "bottom") == ["left", "right", "top"])
        #expect(graph.transitivePrerequisites(of: "left") == ["top"])
        #expect(graph.transitivePrerequisites(of: "top") == [])
    }

    @Test func transitiveDependentsNearestFirst() {
        let graph = TaskGraph(tasks: diamond)
        #expect(graph.transitiveDependents(of: "top") == ["left", "right", "bottom"])
        #expect(graph.transitiveDependents(of: "right") == ["bottom"])
        #expect(graph.transitiveDependents(of: "bottom") == [])
        #expect(graph.transitiveDependents(of: "unknown") == [])
    }

    @Test func edgesRunBothWaysWithTheirLag() {
        let graph = TaskGraph(tasks: [task("a"), Fixture.milestone("b", due: "2026年底前", after: ["a"], lag: 14)])
        #expect(Array(graph.prerequisites[1]) == [TaskGraph.Edge(node: 0, lagDays: 14)])
        #expect(Array(graph.dependents[0]) == [TaskGraph.Edge(node: 1, lagDays: 14)])
        #expect(graph.index == ["a": 0, "b": 1])
    }

    @Test func unresolvedListsMissingPrerequisites() {
        let graph = TaskGraph(tasks: [task("a"), task("b", "ghost", "a"), task("c", "phantom")])
        #expect(graph.unresolved.map { "\($0.task)→\($0.missing)" } == ["b→ghost", "c→phantom"])
        #expect(Array(graph.prerequisites[1]) == [TaskGraph.Edge(node: 0, lagDays: 0)])
        #expect(graph.prerequisites[2].isEmpty)
        #expect(throws: Never.self) { try graph.topologicalOrder() }
    }

    @Test func duplicateIdKeepsTheFirstTask() {
        let graph = TaskGraph(tasks: [task("a"), task("a"), task("b", "a")])
        #expect(graph.index["a"] == 0)
        #expect(graph.prerequisites[2] == [TaskGraph.Edge(node: 0, lagDays: 0)])
    }
}
