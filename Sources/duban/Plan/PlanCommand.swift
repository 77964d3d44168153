import ArgumentParser

/// `duban plan …`: check, load, list and generate plans.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check, load, list and export plans.",
        subcommands: [PlanValidate.self, PlanLoad.self, PlanShow.self, PlanExport.self, PlanGenerate.self])
}

/// The plan files or folders a command reads.
struct PlanPaths: ParsableArguments {
    @Argument(help: "Plan files or folders (default: plans).")
    var paths: [String] = []

    @Option(help: "all: print every warning; summary (default): the first 20 and a count of the rest by kind.")
    var warnings: WarningDetail = .summary

    /// The paths, or `plans` when none were given.
    var resolved: [String] {
        paths.isEmpty ? ["plans"] : paths
    }
}
