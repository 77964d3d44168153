import ArgumentParser
import DubanCore
import DubanDocs
import DubanServer
import DubanStore
import Foundation
import Logging

/// `duban serve`: the dashboard and API, with the scheduler and dispatcher running inside.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard and the JSON API, and run the scheduler and the dispatcher, until SIGTERM.",
        discussion: """
            One process: HTTP on --host:--port (port 0 picks a free one and prints it), jobs ticked every \
            --tick-seconds, the outbox delivered every --deliver-seconds. SIGTERM or SIGINT stops taking requests, \
            lets those in flight and the current delivery batch finish, and exits 0. Tokens come from \
            `duban token create`.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "Seconds between scheduler ticks.")
    var tickSeconds = 60

    @Option(help: "Seconds between delivery rounds.")
    var deliverSeconds = 5

    @Flag(help: "Send the session cookie without `Secure` (only for plain HTTP on a machine other than this one).")
    var insecureCookies = false

    @Flag(
        help: .hidden  // Benchmarks/serve.sh: a server that answers every progress POST with 201 and does nothing else
    )
    var floor = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions
    @OptionGroup var notifier: NotifierOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port) is not a port (0–65535)") }
        guard tickSeconds >= 1, deliverSeconds >= 1 else {
            throw ValidationError("--tick-seconds and --deliver-seconds must be at least 1")
        }
    }

    func run() async throws {
        if floor {
            try await FloorServer.run(host: host, port: port, logger: Logger(label: "duban-floor")) { port in
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            }
            return
        }
        // A pool: requests read tokens and tasks while a batch of reports is being written.
        let database = try store.openExisting(pooled: true)
        guard try database.firstLoad() != nil else {
            throw InputError("no plan is loaded into \(store.path); run `duban plan load` first")
        }
        // DUBAN_NOW fixes the clock for replays and tests; it is read once, not per request.
        let fixed =
            ProcessInfo.processInfo.environment["DUBAN_NOW"].flatMap { $0.isEmpty ? nil : $0 } != nil
            ? try CommandClock.now() : nil
        var environment = ServerEnvironment(
            database: database, context: try scheduler.context(), documents: try DocumentTemplates(),
            dashboard: try DashboardTemplates(), metrics: ServerMetrics(),
            now: { fixed ?? Date() })
        environment.secureCookies = !insecureCookies
        var logger = Logger(label: "duban")
        logger.logLevel = .info
        let dispatcher = try notifier.dispatcher(database)
        try await DubanServer.run(
            environment: environment, dispatcher: dispatcher, host: host, port: port,
            tickInterval: .seconds(tickSeconds), deliveryInterval: .seconds(deliverSeconds), logger: logger,
            onListening: { port in
                // Unbuffered: a supervisor or a test reads the port from this line.
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            })
    }
}
