import ArgumentParser
import DubanStore
import Foundation

/// Which store to use: `--db`, else `DUBAN_DB`, else `var/duban.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            The store: an SQLite file, or postgres://USER@HOST:PORT/DBNAME?sslmode=disable|prefer|require \
            (password in the URL or $PGPASSWORD; never printed). Default: $DUBAN_DB, else var/duban.sqlite.
            """)
    var db: String?

    /// The store as the user gave it (`--db`, `DUBAN_DB`, or the default path).
    var text: String {
        db ?? ProcessInfo.processInfo.environment["DUBAN_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? AppDatabase.defaultPath
    }

    /// Where the store is.
    var location: StoreLocation {
        get throws {
            do {
                return try StoreLocation.parse(text, environment: ProcessInfo.processInfo.environment)
            } catch let error as StoreError {
                throw InputError("\(error.message); \(error.fix)")
            }
        }
    }

    /// The store as it may be printed: a path, or a URL with its password masked.
    var path: String { (try? location.description) ?? "--db" }

    /// Whether the store exists: an SQLite file is there (a PostgreSQL database is opened to find out).
    var exists: Bool {
        guard case .sqlite(let path)? = try? location else { return true }
        return FileManager.default.fileExists(atPath: path)
    }

    /// Where documents are written unless told otherwise: `documents/` beside an SQLite file, or
    /// `var/documents` for a PostgreSQL store.
    var documentsFolder: String {
        guard case .sqlite(let path)? = try? location else { return "var/documents" }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("documents").path
    }

    /// Opens the store, creating it when missing (a pool of connections with `pooled`, for the server).
    func open(pooled: Bool = false) throws -> AppDatabase {
        try AppDatabase.open(location, pooled: pooled)
    }

    /// Opens the store only if the file exists, for commands that only read.
    func openExisting(pooled: Bool = false) throws -> AppDatabase {
        guard exists else {
            throw InputError(
                "no store at \(path); load a plan first with `duban plan load` (or `make run`), or pass --db")
        }
        return try open(pooled: pooled)
    }
}

extension StoreOptions {
    /// Options naming the store at `path`, for scratch stores.
    init(path: String) {
        self.init()
        db = path
    }
}
