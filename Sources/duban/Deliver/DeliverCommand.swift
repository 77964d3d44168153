import ArgumentParser
import DubanNotify
import DubanStore

/// `duban deliver`: drains the outbox to the departments' channels.
struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Deliver queued messages to their channels: rate limits, retries with backoff, dead letters.",
        discussion: "Without --once it keeps running until nothing is queued, waiting for retry times and rate slots.")

    @Flag(help: "Deliver what can go now and stop; what waits for a retry time or a rate slot stays queued.")
    var once = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var notifier: NotifierOptions

    func run() async throws {
        let report = try await notifier.dispatcher(store.openExisting()).drain(untilEmpty: !once)
        print(Self.describe(report))
    }

    static func describe(_ report: DrainReport) -> String {
        "delivered \(report.sent), retrying \(report.retried)\(report.paused > 0 ? " (\(report.paused) paused by rate limits)" : ""), "
            + "dead \(report.dead), waiting \(report.waiting)"
    }
}
