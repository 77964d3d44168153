import ArgumentParser
import DubanCore
import DubanPlans
import Foundation

/// `duban plan generate`: writes a synthetic plan for scale tests and benchmarks.
struct PlanGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic plan (many districts, actions, measures, chained dependencies) for scale tests.")

    @Option(help: "How many tasks to generate.")
    var tasks: Int

    @Option(help: "The seed; the same seed and size give the same plan.")
    var seed: UInt64 = 1

    @Option(help: "The folder to write departments.yaml and plan.yaml into (default: var/synthetic-TASKS-SEED).")
    var output: String?

    func validate() throws {
        guard tasks >= 1, tasks <= 10_000_000 else {
            throw ValidationError("--tasks must be between 1 and 10000000; got \(tasks)")
        }
    }

    func run() throws {
        let folder = output ?? "var/synthetic-\(tasks)-\(seed)"
        let set = PlanGenerator(taskCount: tasks, seed: seed).generate()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let departments = URL(fileURLWithPath: folder).appendingPathComponent("departments.yaml")
        let plan = URL(fileURLWithPath: folder).appendingPathComponent("plan.yaml")
        try Data(PlanWriter.yaml(departments: set.departments).utf8).write(to: departments)
        try Data(PlanWriter.yaml(plan: set.plans[0]).utf8).write(to: plan)
        print(
            "wrote \(folder)/plan.yaml (\(tasks) tasks) and \(folder)/departments.yaml (\(set.departments.count) departments)"
        )
    }
}
