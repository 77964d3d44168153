import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore
import Foundation

/// `duban run`: the main job. Loads `plans/` into the store and prints where the plan stands.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The main job: load the plans, run every job due (catching up), deliver, and print what happened."
    )

    @OptionGroup var plans: PlanPaths
    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions
    @OptionGroup var notifier: NotifierOptions

    @Option(help: "The day to report as of, YYYY-MM-DD (default: today in Asia/Shanghai).")
    var asOf: String?

    @Option(help: "How many days ahead to list deadlines.")
    var horizon: Int = 90

    func run() async throws {
        let today = try asOf.map { try parseDay($0, option: "--as-of") } ?? CommandClock.today()
        let context = try scheduler.context()
        let report = try PlanLoad.load(paths: plans.resolved, store: store, warnings: plans.warnings)
        print(PlanLoad.describe(report, store: store.path, limit: 10))
        let database = try store.open()
        let outcomes = try TickCommand.tick(
            database, asOf: asOf, since: nil, context: context)
        print("")
        print(TickCommand.describe(outcomes))
        let delivered = try await notifier.dispatcher(database).drain(untilEmpty: false)
        print(DeliverCommand.describe(delivered))
        let folder = store.documentsFolder
        if FileManager.default.fileExists(atPath: DocumentTemplates.defaultDirectory) {
            let shelf = DocumentShelf(
                source: try DocumentSource(
                    store: store, scheduler: scheduler, templates: DocumentTemplates.defaultDirectory),
                folder: URL(fileURLWithPath: folder), formats: DocumentFormat.allCases)
            print("documents: \(try shelf.writeAll(asOf: today, now: try CommandClock.now())) files in \(folder)")
        } else {
            print("documents: not written (no \(DocumentTemplates.defaultDirectory) here; run from duban's folder)")
        }
        let summary = PlanStatusSummary(
            set: try database.planSet(), reported: Set(try database.progress(asOf: today).keys), today: today,
            horizon: horizon)
        print("")
        print(summary.rendered)
    }
}
