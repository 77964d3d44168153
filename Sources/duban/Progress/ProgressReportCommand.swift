import ArgumentParser
import DubanCore
import DubanStore

/// `duban progress report`: records a department's progress on a task.
struct ProgressReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Record how far a task is done, as reported by its lead or a supporting department.")

    @Argument(help: "The task's id.")
    var task: String

    @Option(help: "Percent done, 0 to 100.")
    var percent: Double

    @Option(help: "The reporting department's id.")
    var by: String

    @Option(help: "The day the progress was true, YYYY-MM-DD (default: today in Asia/Shanghai).")
    var date: String?

    @Option(help: "A note: what was done, the evidence.")
    var note: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard percent.isFinite, (0...100).contains(percent) else {
            throw ValidationError("--percent must be between 0 and 100; got \(ProgressShow.format(percent))")
        }
    }

    func run() throws {
        let day = try date.map { try parseDay($0, option: "--date") } ?? CommandClock.today()
        let report = try store.openExisting().reportProgress(
            task: task, percent: percent, by: by, date: day, note: note, now: try CommandClock.now(),
            actor: CommandClock.actor)
        print("recorded: \(task) \(ProgressShow.format(percent))% as of \(day) by \(by) (report \(report.id ?? 0))")
    }
}
