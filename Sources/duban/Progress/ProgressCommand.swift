import ArgumentParser

/// `duban progress …`: record and read departments' progress reports.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: "Record and read progress reports.",
        subcommands: [ProgressReportCommand.self, ProgressImportCommand.self, ProgressShow.self])
}
