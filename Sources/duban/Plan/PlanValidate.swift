import ArgumentParser
import DubanCore
import DubanPlans

/// `duban plan validate`: checks plan files without touching any store.
struct PlanValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check plan files and print every problem with its file, line and fix. Touches no store.")

    @OptionGroup var plans: PlanPaths

    func run() throws {
        let paths = plans.resolved
        let contents = try PlanFiles.read(paths: paths, bases: { PlanFiles.sibling($0, near: paths) })
        let warnings = try PlanValidator.check(contents.set)
        let sectors = try PlanLoad.sectors(beside: paths, departments: contents.set.departments)
        for warning in warnings { Console.error(warning.description) }
        for plan in contents.set.plans where !contents.contextPlans.contains(plan.id) {
            print("\(plan.location?.file ?? plan.id): plan \(plan.id), \(PlanSummary.counts(plan.tasks))")
        }
        let planCount = contents.set.plans.count - contents.contextPlans.count
        let taskCount = contents.set.plans.filter { !contents.contextPlans.contains($0.id) }.reduce(0) {
            $0 + $1.tasks.count
        }
        print(
            "ok: \(count(planCount, "plan")), \(count(taskCount, "task")), "
                + "\(count(contents.set.departments.count, "department")), "
                + (sectors.map { "\(count($0.count, "sector")), " } ?? "") + "\(count(warnings.count, "warning"))")
    }
}

/// Short descriptions of a plan's contents, shared by the plan commands.
enum PlanSummary {
    /// "92 tasks (51 milestones, 25 recurring duties, 16 targets)".
    static func counts(_ tasks: [PlanTask]) -> String {
        var counts: [TaskKind: Int] = [:]
        for task in tasks { counts[task.kind, default: 0] += 1 }
        return "\(count(tasks.count, "task")) (\(count(counts[.milestone] ?? 0, "milestone")), "
            + "\(count(counts[.obligation] ?? 0, "recurring duty", "recurring duties")), "
            + "\(count(counts[.target] ?? 0, "target")))"
    }
}

/// "1 task", "2 tasks".
func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}
