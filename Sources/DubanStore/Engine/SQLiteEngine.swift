import GRDB
import GRDBSQLite

/// SQLite through GRDB: one file (or memory), writers one at a time in immediate transactions.
struct SQLiteEngine: StoreEngine {
    let writer: any DatabaseWriter

    var dialect: SQLDialect { .sqlite }

    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteConnection(db: db)) }
    }

    func transaction<T>(_ body: (any StoreConnection) throws -> (value: T, commit: Bool)) throws -> T {
        var result: T?
        try writer.writeWithoutTransaction { db in
            // Immediate: a second process waits for the write lock instead of failing half way.
            try db.inTransaction(.immediate) {
                let (value, commit) = try body(SQLiteConnection(db: db))
                result = value
                return commit ? .commit : .rollback
            }
        }
        return result!
    }

    func close() {}
}

/// A GRDB database seen as a store connection.
struct SQLiteConnection: StoreConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        do {
            let statement = try db.cachedStatement(sql: sql)
            try statement.execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
            return db.changesCount
        } catch let error as DatabaseError {
            throw Self.storeError(error, sql: sql)
        }
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        do {
            return try fetch(sql, arguments)
        } catch let error as DatabaseError {
            throw Self.storeError(error, sql: sql)
        }
    }

    func each(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        do {
            try step(sql, arguments, reusing: true, body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, sql: sql)
        }
    }

    static func storeError(_ error: DatabaseError, sql: String) -> StoreError {
        let constraint = error.resultCode == .SQLITE_CONSTRAINT
        return StoreError(
            constraint ? .constraint : .statement,
            "SQLite refused a statement: \(error.message ?? "\(error.resultCode)")",
            fix: "the statement was: \(sql.prefix(200))")
    }

    private func fetch(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try step(sql, arguments, reusing: false) { rows.append($0) }
        return rows
    }

    /// The rows of `sql`, stepped one at a time. With `reusing`, one array of values is refilled
    /// for every row (a row handed on must not be kept).
    private func step(
        _ sql: String, _ arguments: [SQLValue], reusing: Bool, _ body: (SQLRow) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
        // Each value straight from the stepped statement, as GRDB's own rows read it, without a
        // `Row` and its `DatabaseValue`s between: a third of reading 100,000 tasks.
        let raw = statement.sqliteStatement
        let count = Int32(columns.names.count)
        var values: [SQLValue] = []
        while try cursor.next() != nil {
            if reusing { values.removeAll(keepingCapacity: true) } else { values = [] }
            values.reserveCapacity(Int(count))
            for column in 0..<count {
                switch sqlite3_column_type(raw, column) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(raw, column)))
                case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(raw, column)))
                default:  // text, and a blob read as UTF-8 text
                    let bytes = Int(sqlite3_column_bytes(raw, column))
                    guard bytes > 0, let text = sqlite3_column_blob(raw, column) else {
                        values.append(.text(""))
                        continue
                    }
                    values.append(
                        .text(
                            String(
                                decoding: UnsafeRawBufferPointer(start: text, count: bytes).bindMemory(to: UInt8.self),
                                as: UTF8.self)))
                }
            }
            try body(SQLRow(columns: columns, values: values))
        }
    }

    func hold(_ lock: StoreLock) throws {}
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let int): int.databaseValue
        case .real(let double): double.databaseValue
        case .text(let text): text.databaseValue
        }
    }
}
