import DubanCore
import Foundation
import GRDB

/// duban's store: one SQLite file or one PostgreSQL database, reached only through intent-named
/// methods that keep the plan, progress and history consistent. Every method is written once, against
/// `StoreEngine`, and runs the same on both engines.
public struct AppDatabase: Sendable {
    /// The path used when neither `--db` nor `DUBAN_DB` names one.
    public static let defaultPath = "var/duban.sqlite"

    let engine: any StoreEngine
    /// Where the store is (a URL's password masked when printed).
    public let location: StoreLocation

    init(engine: any StoreEngine, location: StoreLocation) throws {
        self.engine = engine
        self.location = location
        try StoreMigrator.migrate(engine, location: location.description)
    }

    /// Wraps a GRDB writer (tests, scratch stores) and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        try self.init(engine: SQLiteEngine(writer: writer), location: .sqlite(path: writer.path))
    }

    /// Opens the store at `location`, for a command (one SQLite connection) or a server (`pooled`:
    /// an SQLite writer with concurrent readers). PostgreSQL always pools.
    public static func open(_ location: StoreLocation, pooled: Bool = false) throws -> AppDatabase {
        switch location {
        case .sqlite(let path): pooled ? try openPool(path: path) : try open(path: path)
        case .postgres(let postgres): try AppDatabase(engine: PostgresEngine(postgres), location: location)
        }
    }

    /// Opens (creating it and its folder when missing) the database file at `path`, in WAL mode.
    ///
    /// One connection in WAL mode: several processes may use the file at once, and opening it to read
    /// writes nothing, so a command refused as bad input leaves the file byte-for-byte as it was.
    /// (A `DatabasePool` writes a scratch table on open to make sure its WAL file exists.)
    public static func open(path: String) throws -> AppDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")  // 64 MiB: large plan loads touch many pages
            // Statement journals in memory: a many-row insert keeps the pages it changes until it ends,
            // and in temporary files that was more writing than the database's own (3.3 million
            // writes for a million-task load and dispatch).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return try AppDatabase(
            engine: SQLiteEngine(writer: DatabaseQueue(path: path, configuration: configuration)),
            location: .sqlite(path: path))
    }

    /// Opens the database file at `path` as a pool: one writer and concurrent readers, for the
    /// long-running server, where token and task reads must not queue behind writes.
    public static func openPool(path: String) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return try AppDatabase(
            engine: SQLiteEngine(writer: DatabasePool(path: path, configuration: configuration)),
            location: .sqlite(path: path))
    }

    /// An empty database in memory, for tests and scratch runs.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue())
    }

    /// Closes the store's connections (PostgreSQL; SQLite closes with the last reference).
    public func close() {
        engine.close()
    }

    /// The engine's dialect.
    var dialect: SQLDialect { engine.dialect }

    /// Runs `body` on a consistent read of the store.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try engine.read(body)
    }

    /// Runs `body` in one transaction.
    func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try engine.write(body)
    }
}
