import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// `duban outbox`: what is queued, sent and dead, with each delivery's attempts.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List outbox messages and their deliveries.",
        subcommands: [List.self, Retry.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List messages (the default).")

        @Option(help: "Only messages in this state: queued, sent, dead or withdrawn.")
        var state: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let state, MessageState(rawValue: state) == nil {
                throw ValidationError("--state must be queued, sent, dead or withdrawn; got \(state)")
            }
        }

        struct Line: Encodable {
            var id: Int64
            var key: String
            var department: String
            var kind: String
            var subject: String
            var state: String
            var deliveries: [Delivery]
        }

        struct Delivery: Encodable {
            var channel: String
            var state: String
            var attempts: Int
            var lastError: String?

            enum CodingKeys: String, CodingKey {
                case channel, state, attempts
                case lastError = "last_error"
            }
        }

        func run() throws {
            let database = try store.openExisting()
            let messages = try database.outbox().filter { state == nil || $0.state.rawValue == state }
            let lines = try messages.map { message in
                Line(
                    id: message.id ?? 0, key: message.idempotencyKey, department: message.departmentId,
                    kind: message.kind.rawValue,
                    subject: message.subject, state: message.state.rawValue,
                    deliveries: try database.deliveries(outbox: message.id!).map {
                        Delivery(
                            channel: $0.delivery.channelId, state: $0.delivery.state.rawValue,
                            attempts: $0.delivery.attempts,
                            lastError: $0.delivery.lastError)
                    })
            }
            if json {
                try JSONOutput.print(lines)
                return
            }
            var table = TextTable(header: ["ID", "STATE", "DEPARTMENT", "KIND", "KEY", "DELIVERIES"])
            for line in lines {
                let deliveries = line.deliveries.map {
                    "\($0.channel) \($0.state)×\($0.attempts)" + ($0.lastError.map { " (\($0))" } ?? "")
                }
                table.append([
                    String(line.id), line.state, line.department, line.kind, line.key,
                    deliveries.joined(separator: "; "),
                ])
            }
            print(table.rendered)
            print("\(lines.count) message\(lines.count == 1 ? "" : "s")")
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry", abstract: "Queue a dead message's deliveries again (after fixing the channel).")

        @Argument(help: "The message's id.")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.openExisting().retry(outbox: id, now: try CommandClock.now(), actor: CommandClock.actor)
            print("message \(id) queued again; run `duban deliver` to send it")
        }
    }
}
