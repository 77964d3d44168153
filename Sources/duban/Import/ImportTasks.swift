import ArgumentParser

/// `duban import tasks`: an annual plan from a task list spreadsheet.
struct ImportTasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Write an annual plan (YAML) from a task list (CSV or XLSX).")

    func run() throws {
        throw InputError("not built yet")
    }
}
