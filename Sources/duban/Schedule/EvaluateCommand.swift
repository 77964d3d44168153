import ArgumentParser
import DubanCore
import DubanStore

/// `duban evaluate`: every task's progress against what should be done by the day.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract:
            "Evaluate every task as of a day: expected and reported progress, lag, light, status, blockage, forecast.")

    @Option(help: "The day to evaluate as of, YYYY-MM-DD (default: today in Asia/Shanghai).")
    var asOf: String?

    @Option(help: "Only tasks this department leads.")
    var department: String?

    @Flag(help: "Print JSON: {as_of, tasks, departments, escalations_this_year, goals}.")
    var json = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func run() throws {
        let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? CommandClock.today()
        let policy = try scheduler.context().policy
        let database = try store.openExisting()
        let (evaluation, registry) = try database.evaluation(asOf: day, lights: policy.lights)
        if let department, !registry.contains(where: { $0.id == department }) {
            throw InputError("--department “\(department)” is not in the registry")
        }
        let tasks = department == nil ? evaluation.tasks : evaluation.tasks.filter { $0.lead == department }
        let departments = evaluation.departments(registry).filter { department == nil || $0.key == department }
        // The goals of the tasks shown: a set, not a search of every task for each goal.
        let shown = department == nil ? nil : Set(tasks.map(\.id))
        if json {
            let escalations = try database.escalationsReceived(through: day).filter {
                department == nil || $0.key == department
            }
            let goals = evaluation.computed.values.filter { shown?.contains($0.task) ?? true }
            let report = EvaluationReport(
                asOf: day, tasks: tasks, departments: departments, escalations: escalations, goals: goals)
            try JSONOutput.stream { try report.json(pretty: true, piece: 1 << 20, $0) }
            return
        }
        var table = TextTable(header: [
            "ID", "LEAD", "DUE", "EXPECTED", "REPORTED", "LAG", "LIGHT", "STATUS", "SLACK", "BLOCKED BY",
        ])
        for task in tasks {
            table.append([
                task.id, task.lead, task.due.description, percent(task.expected), percent(task.reported),
                percent(task.lag),
                task.light.rawValue, task.status.rawValue, String(task.slackDays),
                task.blockedBy.joined(separator: ","),
            ])
        }
        print("as of \(day)")
        print(table.rendered)
        print("")
        var summary = TextTable(header: [
            "DEPARTMENT", "TASKS", "EXPECTED", "REPORTED", "RED", "YELLOW", "BLUE", "GREEN", "DONE",
        ])
        for rollup in departments {
            summary.append([
                rollup.key, String(rollup.tasks), percent(rollup.expected), percent(rollup.reported),
                String(rollup.lights[.red] ?? 0), String(rollup.lights[.yellow] ?? 0),
                String(rollup.lights[.blue] ?? 0),
                String(rollup.lights[.green] ?? 0), String(rollup.statuses[.done] ?? 0),
            ])
        }
        print(summary.rendered)
        let goals = evaluation.computed.values.filter { shown?.contains($0.task) ?? true }
        if !goals.isEmpty {
            print("")
            print("goals computed from the hazard ledger:")
            for goal in goals.sorted(by: { $0.task < $1.task }) {
                print("  \(goal.task) \(percent(goal.percent)) \(goal.met ? "met" : "not met"): \(goal.explanation)")
            }
        }
    }

    private func percent(_ value: Double) -> String {
        "\(Int(value.rounded()))%"
    }
}
