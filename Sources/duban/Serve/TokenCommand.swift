import ArgumentParser
import DubanCore
import DubanServer
import DubanStore
import Foundation

/// `duban token create|list|revoke`: who may use the API and the dashboard.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API and dashboard tokens.",
        subcommands: [Create.self, List.self, Revoke.self], defaultSubcommand: List.self)

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a token and print it once; only its SHA-256 is kept.",
            discussion: """
                office: everything; department: report on and acknowledge its own tasks (--department); \
                viewer: read only.
                """)

        @Option(help: "office, department or viewer.")
        var role: AccessRole

        @Option(help: "The department a department token speaks for.")
        var department: String?

        @Option(help: "What the token is for, e.g. the person's name (shown in the audit log).")
        var label: String?

        @Option(help: "The last day it works, YYYY-MM-DD (default: never expires).")
        var expires: String?

        @OptionGroup var store: StoreOptions

        func run() throws {
            let now = try CommandClock.now()
            let expiry = try expires.map { text -> Date in
                let day = try parseDay(text, option: "--expires")
                return day.adding(days: 1).startDate
            }
            let text = TokenText.generate()
            let token = try store.openExisting().createToken(
                hash: TokenText.hash(text), role: role, department: department,
                label: label ?? department ?? role.rawValue, expires: expiry, now: now, actor: CommandClock.actor)
            print(text)
            Console.error(
                "token \(token.id!) (\(role.rawValue)\(department.map { " \($0)" } ?? "")) created; it is shown only once"
            )
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List tokens (never their text).")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let now = try CommandClock.now()
            var table = TextTable(header: ["ID", "ROLE", "DEPARTMENT", "LABEL", "CREATED", "EXPIRES", "STATE"])
            for token in try store.openExisting().tokens() {
                table.append([
                    String(token.id ?? 0), token.role.rawValue, token.departmentId ?? "-", token.label,
                    Day(token.createdAt).description,
                    token.expiresAt.map { Day($0.addingTimeInterval(-1)).description } ?? "-",
                    token.revokedAt != nil ? "revoked" : token.isValid(at: now) ? "valid" : "expired",
                ])
            }
            print(table.rendered)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token; its browser sessions end with it.")

        @Argument(help: "The token's id (from `duban token list`).")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.openExisting().revokeToken(id: id, now: try CommandClock.now(), actor: CommandClock.actor)
            print("token \(id) revoked")
        }
    }
}

extension AccessRole: ExpressibleByArgument {}
