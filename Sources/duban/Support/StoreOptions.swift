import ArgumentParser
import DubanStore
import Foundation

/// Which store to use: `--db`, else `DUBAN_DB`, else `var/duban.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store to use (default: $DUBAN_DB, else var/duban.sqlite).")
    var db: String?

    /// The store's path as the user gave it.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["DUBAN_DB"].flatMap { $0.isEmpty ? nil : $0 }
            ?? AppDatabase.defaultPath
    }

    /// Opens the store, creating it when missing.
    func open() throws -> AppDatabase {
        try AppDatabase.open(path: path)
    }

    /// Opens the store only if the file exists, for commands that only read.
    func openExisting() throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(
                "no store at \(path); load a plan first with `duban plan load` (or `make run`), or pass --db")
        }
        return try open()
    }
}

extension StoreOptions {
    /// Options naming the store at `path`, for scratch stores.
    init(path: String) {
        self.init()
        db = path
    }
}
