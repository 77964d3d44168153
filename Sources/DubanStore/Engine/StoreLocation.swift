import Foundation

/// Where a store lives: an SQLite file (the default) or a PostgreSQL database named by a URL.
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Reads `--db` / `DUBAN_DB`: a `postgres://` or `postgresql://` URL, or else a file path.
    ///
    /// - Parameter environment: where `PGPASSWORD` is read when the URL has no password.
    /// - Throws: `StoreError.badLocation` for a URL that cannot be read, naming what is wrong (never the password).
    public static func parse(_ text: String, environment: [String: String] = [:]) throws -> StoreLocation {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres:") || lower.hasPrefix("postgresql:") || lower.contains("://") else {
            return .sqlite(path: text)
        }
        return .postgres(try PostgresLocation(url: text, environment: environment))
    }

    /// The location as it may be printed: a URL's password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }

    /// The engine's name, as `store info` prints it.
    public var engine: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }
}

/// A PostgreSQL database: host, port, user, database, TLS, and a password that is never printed.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode`, the modes duban tells apart).
    public enum TLSMode: String, Hashable, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// The password, from the URL or `PGPASSWORD`.
    var password: String?
    /// How many connections one process opens at most.
    public var poolSize: Int

    /// Reads `postgres://user[:password]@host[:port]/dbname[?sslmode=disable|prefer|require]`.
    init(url text: String, environment: [String: String]) throws {
        func bad(_ what: String, _ fix: String) -> StoreError {
            StoreError(.badLocation, "--db \(Self.masked(text)): \(what)", fix: fix)
        }
        let example = "write it as postgres://USER@HOST:PORT/DBNAME?sslmode=disable"
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw bad("not a URL", example)
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw bad(
                "the scheme “\(scheme)” is not postgres", "use postgres://… for PostgreSQL, or a file path for SQLite")
        }
        guard let host = components.host, !host.isEmpty else { throw bad("it names no host", example) }
        guard let user = components.user, !user.isEmpty else { throw bad("it names no user", example) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw bad("it names no database", example) }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.database = database
        self.password =
            (components.password?.removingPercentEncoding ?? components.password) ?? environment["PGPASSWORD"]
        self.tls = .prefer
        self.poolSize = 8
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "disable", "allow": tls = .disable
                case "prefer": tls = .prefer
                case "require", "verify-ca", "verify-full": tls = .require
                default:
                    throw bad(
                        "sslmode “\(item.value ?? "")” is not one duban knows", "use sslmode=disable, prefer or require"
                    )
                }
            case "pool_max":
                guard let size = item.value.flatMap(Int.init), (1...256).contains(size) else {
                    throw bad("pool_max “\(item.value ?? "")” is not a number of connections", "use pool_max=1 … 256")
                }
                poolSize = size
            default:
                throw bad("the option “\(item.name)” is not one duban knows", "use sslmode= and pool_max= only")
            }
        }
    }

    /// The URL with its password masked.
    public var description: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// Where the server is, for messages: `127.0.0.1:5432`.
    var address: String { "\(host):\(port)" }

    /// `text` with whatever stands between `user:` and `@` replaced by `***`.
    static func masked(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].lastIndex(of: "@") else {
            return text
        }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// The password, for the connection only.
    func secret() -> String? { password }
}
