import Foundation
import PostgresNIO

/// PostgreSQL through PostgresNIO: a pool of connections shared by one process's threads, each
/// transaction on one leased connection.
///
/// The store's transactions are synchronous bodies (the same bodies run on SQLite under GRDB), so a
/// body's statements wait on PostgresNIO's futures on the calling thread while the NIO event loops do
/// the I/O; a caller never runs on an event loop.
final class PostgresEngine: StoreEngine, @unchecked Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    private var nextID = 0

    var dialect: SQLDialect { .postgres }

    /// Connects once, so that a wrong address, password or database is reported at open.
    init(_ location: PostgresLocation) throws {
        self.location = location
        var logger = Logger(label: "duban.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.secret(),
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        self.configuration = configuration
        release(try lease(), broken: false)
    }

    // PostgresNIO requires every connection closed before it is released.
    deinit {
        close()
    }

    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { (try body($0), true) }
    }

    func transaction<T>(_ body: (any StoreConnection) throws -> (value: T, commit: Bool)) throws -> T {
        try transaction(begin: "BEGIN", body)
    }

    private func transaction<T>(
        begin: String, _ body: (any StoreConnection) throws -> (value: T, commit: Bool)
    ) throws -> T {
        let connection = try lease()
        let store = PostgresStoreConnection(connection: connection, logger: logger, location: location)
        do {
            try store.execute(begin, [SQLValue]())
            let (value, commit) = try body(store)
            try store.execute(commit ? "COMMIT" : "ROLLBACK", [SQLValue]())
            release(connection, broken: false)
            return value
        } catch {
            // A connection that failed mid-transaction is closed rather than trusted again. One the
            // server closed is not asked to roll back: PostgresNIO never answers a query sent on a
            // closed connection (the server rolls the transaction back itself).
            let rolledBack = !connection.isClosed && (try? store.execute("ROLLBACK", [SQLValue]())) != nil
            release(connection, broken: !rolledBack || connection.isClosed)
            throw error
        }
    }

    /// Runs one statement outside any transaction (`CREATE DATABASE` cannot run inside one).
    func executeAlone(_ sql: String) throws {
        let connection = try lease()
        do {
            try PostgresStoreConnection(connection: connection, logger: logger, location: location).execute(
                sql, [SQLValue]())
            release(connection, broken: false)
        } catch {
            release(connection, broken: connection.isClosed)
            throw error
        }
    }

    func close() {
        condition.lock()
        closed = true
        let connections = idle
        idle = []
        condition.unlock()
        for connection in connections { try? (connection.close() as EventLoopFuture<Void>).wait() }
    }

    private func lease() throws -> PostgresConnection {
        condition.lock()
        while true {
            if let connection = idle.popLast() {
                condition.unlock()
                if connection.isClosed {
                    condition.lock()
                    open -= 1
                    continue
                }
                return connection
            }
            if open < location.poolSize {
                open += 1
                nextID += 1
                let id = nextID
                condition.unlock()
                do {
                    return try PostgresConnection.connect(
                        on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id,
                        logger: logger
                    ).wait()
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw PostgresStoreConnection.storeError(error, location: location, sql: nil)
                }
            }
            condition.wait()
        }
    }

    private func release(_ connection: PostgresConnection, broken: Bool) {
        condition.lock()
        if broken || closed {
            open -= 1
            condition.signal()
            condition.unlock()
            _ = connection.close() as EventLoopFuture<Void>
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}

/// A leased PostgreSQL connection seen as a store connection: `?` placeholders become `$1…`, and
/// values come back as the four kinds SQLite has.
struct PostgresStoreConnection: StoreConnection {
    let connection: PostgresConnection
    let logger: Logger
    let location: PostgresLocation

    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return [] }
        let columns = SQLColumns(first.map { Self.schemaName($0.columnName) })
        return try result.rows.map { row in
            SQLRow(columns: columns, values: try row.map(Self.value(of:)))
        }
    }

    func hold(_ lock: StoreLock) throws {
        try execute("SELECT pg_advisory_xact_lock(?)::text", [.integer(lock.key)])
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let int): binds.append(int)
            case .real(let double): binds.append(double)
            case .text(let text): binds.append(text)
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds)
        guard !connection.isClosed else { throw Self.closed(location, detail: nil) }
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw Self.storeError(error, location: location, sql: sql)
        }
    }

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2`, ….
    static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// PostgreSQL folds unquoted names to lower case; the store reads rows by the schema's names.
    static func schemaName(_ name: String) -> String { StoreSchema.columnNames[name] ?? name }

    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// The store's error for what PostgresNIO threw, naming the server (never the password).
    /// The server closed the connection (shut down, restarted, or the network between went away).
    static func closed(_ location: PostgresLocation, detail: String?) -> StoreError {
        StoreError(
            .unreachable, "PostgreSQL at \(location.address) closed the connection" + (detail.map { ": \($0)" } ?? ""),
            fix: "wait for the server to come back; nothing was written")
    }

    static func storeError(_ error: any Error, location: PostgresLocation, sql: String?) -> any Error {
        guard let error = error as? PSQLError else {
            return StoreError(
                .unreachable, "PostgreSQL at \(location.address) could not be reached: \(error)",
                fix: "check that the server runs and that --db names the right host and port")
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch (error.code, state) {
        case (.server, "28P01"), (.server, "28000"), (.authMechanismRequiresPassword, _):
            return StoreError(
                .authentication, "PostgreSQL at \(location.address) refused user \(location.user): \(message)",
                fix: "give the right password in the URL or in PGPASSWORD")
        case (.server, "3D000"):
            return StoreError(
                .missingDatabase, "PostgreSQL at \(location.address) has no database \(location.database)",
                fix: "create it (createdb \(location.database)) or name another in --db")
        case (.server, let state) where state.hasPrefix("57P") || state.hasPrefix("08"):
            return closed(location, detail: message)
        case (.server, let state) where state.hasPrefix("23"):
            return StoreError(
                .constraint, "PostgreSQL refused a write: \(message) [\(state)]",
                fix: sql.map { "the statement was: \($0.prefix(200))" } ?? "see the server's log")
        case (.server, _):
            return StoreError(
                .statement, "PostgreSQL refused a statement: \(message) [\(state)]",
                fix: sql.map { "the statement was: \($0.prefix(200))" } ?? "see the server's log")
        default:
            return StoreError(
                .unreachable, "PostgreSQL at \(location.address) could not be reached (\(error.code))",
                fix: "check that the server runs and that --db names the right host and port")
        }
    }
}
