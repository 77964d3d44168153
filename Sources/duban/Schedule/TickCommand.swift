import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// `duban tick`: run every job due up to now, each period exactly once.
struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Run every job due up to now (or --as-of), each period once, catching up missed periods in order.")

    @Option(
        help:
            "Run as if it were this time: YYYY-MM-DD (end of day), 2025-06-30T09:00 (Asia/Shanghai) or ISO 8601 with an offset."
    )
    var asOf: String?

    @Option(help: "Catch up from this day instead of when the plan was first loaded.")
    var since: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func run() throws {
        let database = try store.openExisting()
        let outcomes = try Self.tick(database, asOf: asOf, since: since, context: try scheduler.context())
        print(Self.describe(outcomes))
    }

    static func tick(
        _ database: AppDatabase, asOf: String?, since: String?, context: SchedulerContext
    ) throws -> [JobOutcome] {
        let clock = try CommandClock.now()
        let now = try asOf.map { try LocalTime.parse($0, option: "--as-of") } ?? LocalTime(clock)
        let start: LocalTime
        if let since {
            start = LocalTime(day: try parseDay(since, option: "--since").adding(days: -1), minute: 23 * 60 + 59)
        } else if let first = try database.firstLoad() {
            start = LocalTime(first)
        } else {
            throw InputError("no plan is loaded; run `duban plan load` first")
        }
        return try database.tick(since: start, now: now, context: context, ranAt: clock)
    }

    static func describe(_ outcomes: [JobOutcome]) -> String {
        if outcomes.isEmpty { return "nothing due: every job is up to date" }
        var lines = ["ran \(outcomes.count) job run\(outcomes.count == 1 ? "" : "s"):"]
        for outcome in outcomes {
            lines.append("  \(outcome.run.at) \(outcome.run.job.rawValue) \(outcome.run.period): \(outcome.summary)")
            for step in outcome.steps where step.kind == .rung {
                lines.append(
                    "    \(step.rung.chinese) → \(step.department) on \(step.task) [\(step.state.rawValue), \(step.rule)]"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
