import ArgumentParser
import DubanCore

/// `duban plan show`: what is loaded, as a table or JSON.
struct PlanShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "List the loaded tasks as a table, or as JSON with --json.")

    @Flag(help: "Print a JSON array of tasks.")
    var json = false

    @Option(help: "Only tasks of this measure number.")
    var measure: Int?

    @Option(help: "Only tasks this department leads or supports.")
    var department: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let measure, measure < 1 {
            throw ValidationError("--measure must be a measure number, 1 or more; got \(measure)")
        }
    }

    func run() throws {
        let set = try store.openExisting().planSet()
        if let department, set.department(department) == nil {
            throw InputError(
                "--department “\(department)” is not in the registry; known ids: "
                    + set.departments.map(\.id).joined(separator: ", "))
        }
        let tasks = set.tasks.filter { task in
            (measure == nil || task.measure == measure)
                && (department == nil || task.lead == department || task.support.contains(department!))
        }
        if json {
            try JSONOutput.print(tasks.map(TaskListing.init))
            return
        }
        var table = TextTable(header: ["ID", "KIND", "MEASURE", "LEAD", "START", "DUE", "EVERY/TARGET", "TITLE"])
        for task in tasks {
            table.append([
                task.id, task.kind.rawValue, task.measure.map(String.init) ?? "-", task.lead,
                task.schedule.start?.description ?? "-", task.schedule.due.description, Self.detail(task.schedule),
                task.title,
            ])
        }
        print(table.rendered)
        print("\(tasks.count) of \(set.tasks.count) tasks")
    }

    static func detail(_ schedule: Schedule) -> String {
        switch schedule {
        case .milestone: return "-"
        case .obligation(let obligation):
            var text = obligation.every.rawValue
            if obligation.times > 1 { text += " ×\(obligation.times)" }
            if let high = obligation.highRiskEvery { text += " (high-risk: \(high.rawValue))" }
            return text
        case .target(_, _, let threshold):
            return "\(threshold.comparison == .atLeast ? "≥" : "≤") \(threshold.value.plainText)\(threshold.unit)"
        }
    }
}
