/// Which SQL the store speaks: the few places the two engines differ are asked of this.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres

    /// What follows a `SELECT` that claims rows for this transaction, so that another instance's
    /// claim passes them by instead of waiting (SQLite has one writer at a time and needs none).
    var skipLocked: String { self == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    /// The larger of two values (SQLite's two-argument `MAX`, PostgreSQL's `GREATEST`).
    func greatest(_ a: String, _ b: String) -> String {
        self == .postgres ? "GREATEST(\(a), \(b))" : "MAX(\(a), \(b))"
    }
}

/// A name of a lock a transaction holds until it ends, so concurrent instances take turns where a
/// unique constraint alone would make one of them fail (letter numbers, job runs, new ids).
public struct StoreLock: Hashable, Sendable {
    /// The key PostgreSQL's advisory locks take.
    public let key: Int64

    public static let jobRuns = StoreLock(key: 7_301)
    public static let letters = StoreLock(key: 7_302)
    public static let planLoad = StoreLock(key: 7_303)
    public static let migrations = StoreLock(key: 7_304)
    public static let hazardListings = StoreLock(key: 7_305)

    /// The lock on giving out the next ids of `table` (FNV-1a of its name, beside the others).
    static func ids(_ table: String) -> StoreLock {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in table.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return StoreLock(key: Int64(bitPattern: hash >> 8) | 0x7300_0000_0000)
    }
}

/// One connection inside a read or a transaction: the only place SQL is sent. Statements use `?`
/// placeholders on both engines.
public protocol StoreConnection {
    /// The engine's dialect.
    var dialect: SQLDialect { get }
    /// Runs `sql` and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs `sql` and returns its rows.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs `sql` and hands `body` its rows one at a time, as the engine reads them, so that a large
    /// result is never all in memory at once. A row may be kept (its values are its own); SQLite's
    /// rows come a block at a time, so `body` may run a few hundred rows behind the statement.
    func each(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws
    /// Holds `lock` until the transaction ends (a no-op where the engine serialises writers).
    func hold(_ lock: StoreLock) throws
}

extension StoreConnection {
    /// The rows of `sql` one at a time, from the whole result (an engine that can step its
    /// statement does better).
    public func each(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        for row in try rows(sql, arguments) { try body(row) }
    }

    /// Runs `sql` with `arguments` and returns how many rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> Int {
        try execute(sql, arguments.map { $0?.sqlValue ?? .null })
    }

    /// The rows of `sql`.
    public func rows(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> [SQLRow] {
        try rows(sql, arguments.map { $0?.sqlValue ?? .null })
    }

    /// The first row of `sql`, if any.
    public func row(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row of `sql`; nil when there is no row or the value is NULL.
    public func value<T: SQLValueConvertible>(
        _ type: T.Type, _ sql: String, _ arguments: [(any SQLValueConvertible)?] = []
    ) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        let value: T? = try row[0]
        return value
    }

    /// The first column of every row of `sql`, NULLs left out.
    public func values<T: SQLValueConvertible>(
        _ type: T.Type, _ sql: String, _ arguments: [(any SQLValueConvertible)?] = []
    ) throws -> [T] {
        try rows(sql, arguments).compactMap { row -> T? in try row[0] }
    }

    /// Runs `body` inside a savepoint: what it wrote stays when it returns true, and is undone when
    /// it returns false or throws.
    func savepoint(_ body: () throws -> Bool) throws {
        try execute("SAVEPOINT duban_item", [SQLValue]())
        let keep: Bool
        do {
            keep = try body()
        } catch {
            try execute("ROLLBACK TO SAVEPOINT duban_item", [SQLValue]())
            try execute("RELEASE SAVEPOINT duban_item", [SQLValue]())
            throw error
        }
        if !keep { try execute("ROLLBACK TO SAVEPOINT duban_item", [SQLValue]()) }
        try execute("RELEASE SAVEPOINT duban_item", [SQLValue]())
    }
}
