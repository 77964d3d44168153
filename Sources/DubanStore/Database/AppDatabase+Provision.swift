extension AppDatabase {
    /// Creates the empty database `name` on the PostgreSQL server that `server` reaches (connecting to
    /// the database `server` names, usually `postgres`), and returns its location. For set-up scripts
    /// and tests; duban migrates the new database when it first opens it.
    ///
    /// - Throws: `StoreError` when `server` is not PostgreSQL, `name` is not a plain lower-case name, or
    ///   the server refuses (the database exists, the user may not create databases).
    public static func createDatabase(named name: String, on server: StoreLocation) throws -> StoreLocation {
        guard case .postgres(var location) = server else {
            throw StoreError(
                .badLocation, "\(server) is an SQLite file", fix: "SQLite makes its file on first use; give a path")
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw StoreError(
                .badLocation, "“\(name)” is not a database name duban creates",
                fix: "use lower-case letters, digits and _")
        }
        let engine = try PostgresEngine(location)
        defer { engine.close() }
        try engine.executeAlone("CREATE DATABASE \(name)")
        location.database = name
        return .postgres(location)
    }
}
