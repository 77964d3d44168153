import Foundation
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
            guard !arguments.isEmpty else {
                // Statements without values (transactions, savepoints, schema) go through GRDB, which
                // follows what they do to the transaction and the schema.
                try statement.execute()
                return db.changesCount
            }
            try Self.run(statement, arguments, sql: sql)
            return db.changesCount
        } catch let error as DatabaseError {
            throw Self.storeError(error, sql: sql)
        }
    }

    /// Binds `arguments` to `statement` and steps it to the end, straight through SQLite: building
    /// GRDB's `StatementArguments` for a many-row insert (a generic map per value) cost twice what
    /// SQLite took to insert the rows. Only for statements that change rows, which GRDB has no need
    /// to follow.
    ///
    /// The texts are copied once into one buffer that outlives the statement's steps and bound from
    /// there (`SQLITE_STATIC`): bound as copies, SQLite allocated, copied and freed each text.
    private static func run(_ statement: Statement, _ arguments: [SQLValue], sql: String) throws {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        guard Int(sqlite3_bind_parameter_count(raw)) == arguments.count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "\(arguments.count) values for \(sqlite3_bind_parameter_count(raw)) parameters", sql: sql)
        }
        var textBytes = 0
        for case .text(let text) in arguments { textBytes += text.utf8.count }
        let texts = UnsafeMutableRawBufferPointer.allocate(byteCount: max(textBytes, 1), alignment: 1)
        defer {
            // Every value is bound again before the next run; nothing may point into the freed buffer.
            sqlite3_reset(raw)
            sqlite3_clear_bindings(raw)
            texts.deallocate()
        }
        let base = texts.baseAddress!
        var used = 0
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(raw, index)
            case .integer(let int): code = sqlite3_bind_int64(raw, index, int)
            case .real(let double): code = sqlite3_bind_double(raw, index, double)
            case .text(var text):
                // An empty text still gets an address (the buffer's), which SQLite binds as '' not NULL.
                let start = base + used
                let count = text.withUTF8 { utf8 in
                    if let source = utf8.baseAddress { start.copyMemory(from: source, byteCount: utf8.count) }
                    return utf8.count
                }
                used += count
                code = sqlite3_bind_text(raw, index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil)
            }
            guard code == SQLITE_OK else { throw failure(code, raw, sql) }
        }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            if code != SQLITE_ROW { throw failure(code, raw, sql) }
        }
    }

    private static func failure(_ code: Int32, _ raw: OpaquePointer, _ sql: String) -> DatabaseError {
        let connection = sqlite3_db_handle(raw)
        return DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: String(cString: sqlite3_errmsg(connection)), sql: sql)
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
            try step(sql, arguments, body)
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
        try step(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The rows of `sql`, stepped one at a time and handed on a block of rows at a time (a row may
    /// be kept). A block's rows share one array of values: an array a row, made on one thread and
    /// freed on another, cost more than reading the row.
    private func step(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
        // Each value straight from the stepped statement, as GRDB's own rows read it, without a
        // `Row` and its `DatabaseValue`s between: a third of reading 100,000 tasks.
        let raw = statement.sqliteStatement
        let width = columns.names.count
        let rowsPerBlock = Swift.max(1, 4096 / Swift.max(width, 1))
        var block: [SQLValue] = []
        var previous: [SQLValue] = []  // the block before, for the row before the first of a block
        func handOn() throws {
            for start in stride(from: 0, to: block.count, by: Swift.max(width, 1)) {
                try body(SQLRow(columns: columns, values: block[start..<(start + width)]))
            }
            previous = block
            block = []
        }
        while try cursor.next() != nil {
            if block.isEmpty { block.reserveCapacity(rowsPerBlock * width) }
            let row = block.count
            for column in 0..<width {
                let before: SQLValue =
                    row > 0
                    ? block[row - width + column] : previous.isEmpty ? .null : previous[previous.count - width + column]
                block.append(Self.value(raw, Int32(column), previous: before))
            }
            if block.count == rowsPerBlock * width { try handOn() }
        }
        try handOn()
    }

    /// Column `column` of the stepped statement `raw`; a long text repeated down a column (a plan's
    /// id on each of its tasks) is `previous`, the row before's, shared rather than made again.
    private static func value(_ raw: OpaquePointer, _ column: Int32, previous: SQLValue) -> SQLValue {
        // The column's value itself, read with the `sqlite3_value_*` calls: each `sqlite3_column_*`
        // call looks the column up and checks for errors again, which was most of reading a row.
        guard let value = sqlite3_column_value(raw, column) else { return .null }
        switch sqlite3_value_type(value) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(value))
        default:  // text, and a blob read as UTF-8 text
            let count = Int(sqlite3_value_bytes(value))
            guard count > 0, let start = sqlite3_value_blob(value) else { return .text("") }
            let bytes = UnsafeRawBufferPointer(start: start, count: count).bindMemory(to: UInt8.self)
            // Only texts too long to be held inline cost an allocation to make again.
            if count > 15, case .text(var text) = previous, text.utf8.count == count,
                text.withUTF8({ memcmp($0.baseAddress!, start, count) == 0 })
            {
                return previous
            }
            return .text(String(decoding: bytes, as: UTF8.self))
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
