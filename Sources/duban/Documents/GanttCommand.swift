import ArgumentParser
import DubanCore
import DubanDocs
import Foundation

/// `duban gantt`: the wall chart (挂图作战).
struct GanttCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gantt",
        abstract: "Draw the wall chart (挂图作战): actions, measures and tasks over the plan's years, in their lights.",
        discussion: """
            svg is a standalone picture (system fonts, no scripts) with today's line and dependency arrows; \
            mermaid is a `gantt` block for Markdown viewers.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg, mermaid
    }

    @Option(help: "svg or mermaid.")
    var format: Format = .svg

    @Option(help: "The day to evaluate as of and mark as today, YYYY-MM-DD (default: today in Asia/Shanghai).")
    var asOf: String?

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func run() throws {
        let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? CommandClock.today()
        let context = try scheduler.context()
        let (evaluation, set) = try store.openExisting().evaluate(asOf: day, lights: context.policy.lights)
        guard let chart = GanttChart(plans: set, evaluation: evaluation, today: day) else {
            throw InputError("no plan is loaded; load one with `duban plan load`")
        }
        var sink = DocumentOutput()
        sink.output = output
        try sink.write(Data((format == .svg ? chart.svg : chart.mermaid).utf8))
    }
}
