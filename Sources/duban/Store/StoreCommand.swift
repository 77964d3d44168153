import ArgumentParser
import DubanStore
import Foundation

/// `duban store`: what a store holds, and moving it between SQLite and PostgreSQL.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Show what a store holds, or copy it to another engine.",
        subcommands: [Info.self, Copy.self])

    /// `duban store info`.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the store's engine, schema version, size and the rows in each table.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            print(Self.describe(try store.openExisting().info()), terminator: "")
        }

        static func describe(_ info: StoreInfo) -> String {
            var lines = [
                "store:   \(info.location)",
                "engine:  \(info.engine) (\(info.server))",
                "schema:  \(info.migrations.last ?? "none")"
                    + (info.current ? "" : " — older than this duban; it migrates on the next write"),
            ]
            if let bytes = info.bytes {
                lines.append("size:    \(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .binary))")
            }
            lines.append("tables:")
            let width = info.tables.map(\.name.count).max() ?? 0
            for table in info.tables {
                lines.append(
                    "  " + table.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(table.rows)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// `duban store copy`.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every table of one store into another, empty one, and check the row counts.",
            discussion: """
                Either side may be an SQLite file or a postgres:// URL. The target must be empty (a new \
                database from createdb, or a file that does not exist yet); a target that holds data is \
                refused and left as it was. The copy is one transaction on the target: all of it or nothing.
                """)

        @Option(help: "The store to copy (default: --db, $DUBAN_DB, else var/duban.sqlite).")
        var from: String?

        @Option(help: "The store to copy into: a new SQLite file or an empty PostgreSQL database.")
        var to: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let source = from.map(StoreOptions.init(path:)) ?? store
            let target = StoreOptions(path: to)
            guard source.exists else { throw InputError("no store at \(source.path) to copy; check --from") }
            let (sourceLocation, targetLocation) = (try source.location, try target.location)
            guard sourceLocation != targetLocation else {
                throw InputError("--from and --to name the same store (\(source.path)); name another target")
            }
            let created: String? =
                if case .sqlite(let path) = targetLocation, !FileManager.default.fileExists(atPath: path) {
                    path
                } else {
                    nil
                }
            let report: StoreCopyReport
            do {
                let database = try source.open()
                let destination = try target.open()
                report = try database.copy(to: destination)
                destination.close()
            } catch {
                // A file this copy made is removed again: a refused copy changes nothing.
                if let created {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: created + suffix) }
                }
                if let error = error as? StoreError, error.code == .targetNotEmpty {
                    throw InputError("\(error.message); \(error.fix)")
                }
                throw error
            }
            print("copied \(source.path) → \(target.path)")
            let width = report.tables.map(\.name.count).max() ?? 0
            for table in report.tables {
                print("  " + table.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(table.rows)")
            }
            print("\(report.rows) rows in \(report.tables.count) tables; the counts match on both sides")
        }
    }
}
