import ArgumentParser

/// `duban import …`: drafts plans from the documents and task lists the office receives.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Draft a plan from a plan document, or an annual plan from a task list spreadsheet.",
        subcommands: [ImportDocument.self, ImportTasks.self])
}
