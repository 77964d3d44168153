import ArgumentParser
import DubanCore

/// `duban graph`: the loaded plan's dependency graph for other tools.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the dependency graph, grouped by action, as Mermaid, Graphviz dot or JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot, json
    }

    @Option(help: "mermaid, dot or json.")
    var format: Format = .mermaid

    @OptionGroup var store: StoreOptions

    func run() throws {
        let set = try store.openExisting().planSet()
        let graph = TaskGraph(tasks: set.tasks)
        let actions = set.plans.flatMap(\.actions)
        switch format {
        case .mermaid: print(graph.mermaid(actions: actions), terminator: "")
        case .dot: print(graph.dot(actions: actions), terminator: "")
        case .json: try JSONOutput.print(graph.exported)
        }
    }
}
