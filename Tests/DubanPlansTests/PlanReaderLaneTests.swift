import DubanCore
import Testing

@testable import DubanPlans

/// A large plan's tasks are read on two threads (`PlanDocumentReader.TaskNodes`): the tasks come in
/// file order, and the problems in the order reading the file from the top finds them, a task's
/// among its action's and measures'.
@Suite struct PlanReaderLaneTests {
    static let perMeasure = 1_100  // 3 actions × 2 measures: 6,600 tasks, past `TaskNodes.lanedFrom`

    /// The plan, and the lines of the problems planted in it (a task with an unknown key, a measure
    /// and an action without a title), top to bottom.
    static func plan(faults: Bool) -> (yaml: String, faultLines: [Int]) {
        var lines = [
            "plan:", "  id: \"lanes\"", "  title: 两线读取", "  start: 2024-01-01", "  end: 2026-12-31", "actions:",
        ]
        var faultLines: [Int] = []
        var n = 0
        for action in 1...3 {
            lines.append("  - id: \"a\(action)\"")
            if faults && action == 2 { faultLines.append(lines.count) } else { lines.append("    title: 行动\(action)") }
            lines.append("    measures:")
            for measure in 1...2 {
                lines.append("      - number: \(action * 10 + measure)")
                if faults && measure == 2 {
                    faultLines.append(lines.count)
                } else {
                    lines.append("        title: 措施\(measure)")
                }
                lines.append("        tasks:")
                for _ in 0..<perMeasure {
                    lines.append("          - id: \"t\(n)\"")
                    lines += ["            title: 任务\(n)", "            lead: fire", "            due: 2025-06-30"]
                    if faults && n % 997 == 5 {
                        faultLines.append(lines.count + 1)
                        lines.append("            colour: red")
                    }
                    n += 1
                }
            }
        }
        return (lines.joined(separator: "\n") + "\n", faultLines)
    }

    @Test func aLargePlansTasksComeInFileOrder() throws {
        let document = try PlanDocumentReader.read(yaml: Self.plan(faults: false).yaml, file: "lanes.yaml")
        guard case .plan(let plan) = document else {
            Issue.record("not read as a plan")
            return
        }
        #expect(plan.tasks.map(\.id) == (0..<(6 * Self.perMeasure)).map { "t\($0)" })
        #expect(plan.tasks[Self.perMeasure].measure == 12)
        #expect(plan.tasks.last?.action == "a3")
    }

    @Test func aLargePlansProblemsComeInTheOrderOfTheFile() {
        let (yaml, faultLines) = Self.plan(faults: true)
        let error = #expect(throws: PlanError.self) { try PlanDocumentReader.read(yaml: yaml, file: "lanes.yaml") }
        let lines = error?.issues.compactMap { $0.location?.line } ?? []
        #expect(faultLines.count > 8)
        // The measure and action problems are a line above the key that is missing; the task
        // problems are at their key. Each planted problem is found once, in the file's order.
        #expect(lines.count == faultLines.count)
        #expect(lines == lines.sorted())
        for (found, planted) in zip(lines, faultLines) { #expect(abs(found - planted) <= 1) }
    }
}
