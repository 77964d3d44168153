import ArgumentParser
import DubanCore
import DubanStore

/// `duban run`: the main job. Loads `plans/` into the store and prints where the plan stands.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Load the plans into the store and print a summary: tasks per action, deadlines ahead, overdue tasks."
    )

    @OptionGroup var plans: PlanPaths
    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    @Option(help: "The day to report as of, YYYY-MM-DD (default: today in Asia/Shanghai).")
    var asOf: String?

    @Option(help: "How many days ahead to list deadlines.")
    var horizon: Int = 90

    func run() throws {
        let today = try asOf.map { try parseDay($0, option: "--as-of") } ?? CommandClock.today()
        let context = try scheduler.context()
        let report = try PlanLoad.load(paths: plans.resolved, store: store)
        print(PlanLoad.describe(report, store: store.path, limit: 10))
        let database = try store.open()
        let outcomes = try TickCommand.tick(
            database, asOf: asOf, since: nil, context: context)
        print("")
        print(TickCommand.describe(outcomes))
        let queued = try database.outbox().filter { $0.state == "queued" }
        print("outbox: \(queued.count) message\(queued.count == 1 ? "" : "s") queued for delivery")
        let summary = PlanStatusSummary(
            set: try database.planSet(), reported: Set(try database.progress(asOf: today).keys), today: today,
            horizon: horizon)
        print("")
        print(summary.rendered)
    }
}
