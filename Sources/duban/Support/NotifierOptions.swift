import ArgumentParser
import DubanCore
import DubanNotify
import DubanPlans
import DubanStore
import Foundation

/// Where channels and message templates come from: `--notifiers`, else `DUBAN_NOTIFIERS`, else
/// `notifiers/channels.yaml`; templates from the `templates` folder beside it.
struct NotifierOptions: ParsableArguments {
    @Option(help: "The channels file (default: $DUBAN_NOTIFIERS, else notifiers/channels.yaml).")
    var notifiers: String?

    @Option(help: "A PEM bundle of extra CA certificates for intranet receivers.")
    var caBundle: String?

    @Option(
        help: ArgumentHelp(
            "How long a dispatcher's claim on a delivery holds, in seconds (default 300).",
            discussion:
                "A delivery whose dispatcher died is taken by another after this. Keep it above the slowest send and the instances' clock skew below it."
        ))
    var claimSeconds: Double = Dispatcher.defaultClaimLease

    func validate() throws {
        guard claimSeconds >= 1 else {
            throw ValidationError(
                "--claim-seconds \(claimSeconds.formatted()) is too short; give at least 1 (default 300)")
        }
    }

    var path: String {
        notifiers ?? ProcessInfo.processInfo.environment["DUBAN_NOTIFIERS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ChannelsFile.defaultPath
    }

    /// The channels, with secrets read from the environment.
    func channels() throws -> ChannelSet {
        try ChannelsFile.read(path: path, environment: ProcessInfo.processInfo.environment)
    }

    /// A dispatcher over `database` with the real clock and libcurl.
    func dispatcher(_ database: AppDatabase) throws -> Dispatcher {
        let set = try database.planSet()
        let templates = try NoticeTemplates(
            directory: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("templates").path)
        var dispatcher = Dispatcher(
            database: database, channels: try channels(), transport: CurlTransport(caBundle: caBundle),
            builder: PayloadBuilder(templates: templates), office: set.plans.first { $0.extends == nil }?.office,
            departmentNames: Dictionary(
                set.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
        dispatcher.claimLease = claimSeconds
        return dispatcher
    }
}
