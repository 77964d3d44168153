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

    @Option(help: "Percent done of a milestone, 0 to 100 (100 = done).")
    var percent: Double?

    @Option(help: "The period of a recurring duty being reported, e.g. 2024Q1, 2024-03, 2024H1, 2024.")
    var occurrence: String?

    @Flag(help: "With --occurrence: the occurrence was not done.")
    var notDone = false

    @Option(help: "The measured value of a target, e.g. 42 for 42%.")
    var value: Double?

    @Option(help: "The reporting department's id.")
    var by: String

    @Option(help: "The day the progress was true, YYYY-MM-DD (default: today in Asia/Shanghai).")
    var date: String?

    @Option(help: "A note: what was done, the evidence.")
    var note: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        let given = [percent != nil, occurrence != nil, value != nil].filter { $0 }.count
        guard given == 1 else {
            throw ValidationError(
                "give exactly one of --percent (a milestone), --occurrence (a recurring duty) or --value (a target)")
        }
        if let percent, !(percent.isFinite && (0...100).contains(percent)) {
            throw ValidationError("--percent must be between 0 and 100; got \(percent.plainText)")
        }
        if notDone && occurrence == nil { throw ValidationError("--not-done goes with --occurrence") }
    }

    func run() throws {
        let day = try date.map { try parseDay($0, option: "--date") } ?? CommandClock.today()
        let content: ProgressEntry.Content
        if let percent {
            content = .percent(percent)
        } else if let occurrence {
            content = .occurrence(occurrence, done: !notDone)
        } else {
            content = .value(value!)
        }
        let entry = ProgressEntry(task: task, department: by, date: day, content: content, note: note)
        let report = try store.openExisting().record([entry], now: try CommandClock.now(), actor: CommandClock.actor)[0]
        print("recorded: \(task) \(ProgressShow.describe(report)) as of \(day) by \(by) (report \(report.id ?? 0))")
    }
}
