import Foundation

/// Brings a store's schema up to date with the named migrations, remembering which ran.
enum StoreMigrator {
    /// Applies the migrations this store has not run; refuses a store migrated by a newer duban.
    ///
    /// A store that is up to date is only read, so opening it to read writes nothing.
    static func migrate(_ engine: any StoreEngine, location: String) throws {
        let known = StoreMigrations.all.map(\.name)
        let applied = try engine.read { try appliedMigrations($0) }
        try refuseNewer(applied, known: known, location: location)
        if Set(known).isSubset(of: applied) { return }
        try engine.write { connection in
            // Several instances starting on one new database: one migrates, the others then see it done.
            try connection.hold(.migrations)
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS duban_migration (identifier TEXT NOT NULL PRIMARY KEY)", [SQLValue]())
            if connection.dialect == .sqlite, try tableExists("grdb_migrations", connection) {
                // Stores made before the second engine were migrated by GRDB under these same names.
                try connection.execute(
                    "INSERT INTO duban_migration (identifier) SELECT identifier FROM grdb_migrations"
                        + " ON CONFLICT DO NOTHING", [SQLValue]())
            }
            let applied = try connection.values(String.self, "SELECT identifier FROM duban_migration")
            try refuseNewer(applied, known: known, location: location)
            for migration in StoreMigrations.all where !applied.contains(migration.name) {
                for statement in migration.statements(connection.dialect) {
                    try connection.execute(statement, [SQLValue]())
                }
                for case .dropReference(let table, let column) in migration.changes {
                    try dropReference(table: table, column: column, connection)
                }
                try connection.execute("INSERT INTO duban_migration (identifier) VALUES (?)", [migration.name])
            }
        }
    }

    /// Drops the foreign key of `table.column`. PostgreSQL drops the named constraint. SQLite cannot
    /// alter a constraint, so the table's definition is rewritten without it, the way SQLite's own
    /// documentation gives for removing a FOREIGN KEY constraint (it does not change the stored rows),
    /// and the schema version is raised so every connection reads the new definition.
    static func dropReference(table: String, column: String, _ connection: any StoreConnection) throws {
        if connection.dialect == .postgres {
            try connection.execute(
                "ALTER TABLE \(table) DROP CONSTRAINT IF EXISTS \(table.lowercased())_\(column.lowercased())_fkey",
                [SQLValue]())
            return
        }
        guard
            let sql = try connection.value(
                String.self, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]),
            let reference = sql.range(
                of: #"\#(column) [A-Z]+( NOT NULL)? REFERENCES [A-Za-z_]+"#, options: .regularExpression)
        else { return }
        let definition = String(sql[reference])
        let kept = definition.replacingOccurrences(
            of: #" REFERENCES [A-Za-z_]+"#, with: "", options: .regularExpression)
        let version = try connection.value(Int.self, "PRAGMA schema_version") ?? 0
        try connection.execute("PRAGMA writable_schema = ON", [SQLValue]())
        try connection.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
            [sql.replacingCharacters(in: reference, with: kept), table])
        try connection.execute("PRAGMA schema_version = \(version + 1)", [SQLValue]())
        try connection.execute("PRAGMA writable_schema = OFF", [SQLValue]())
    }

    /// The migrations the store remembers (none for a new store).
    static func appliedMigrations(_ connection: any StoreConnection) throws -> [String] {
        if try tableExists("duban_migration", connection) {
            return try connection.values(String.self, "SELECT identifier FROM duban_migration ORDER BY identifier")
        }
        if connection.dialect == .sqlite, try tableExists("grdb_migrations", connection) {
            return try connection.values(String.self, "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        return []
    }

    static func tableExists(_ name: String, _ connection: any StoreConnection) throws -> Bool {
        let sql =
            connection.dialect == .postgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
        return try connection.value(Int.self, sql, [name.lowercased()]) ?? 0 > 0
    }

    private static func refuseNewer(_ applied: [String], known: [String], location: String) throws {
        let unknown = Set(applied).subtracting(known)
        guard unknown.isEmpty else {
            throw StoreError(
                .newerSchema,
                "the store at \(location) was migrated by a newer duban (\(unknown.sorted().joined(separator: ", ")))",
                fix: "run the duban that wrote it, or upgrade this one; nothing was changed")
        }
    }
}
