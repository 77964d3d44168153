/// What `store copy` moved: each table's rows, counted on both sides.
public struct StoreCopyReport: Hashable, Sendable {
    /// One table's count.
    public struct Table: Hashable, Sendable {
        public var name: String
        public var rows: Int
    }

    /// Every table, in the order copied.
    public var tables: [Table]

    /// All rows copied.
    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// What `store info` prints: the engine, the schema, the size and each table's rows.
public struct StoreInfo: Hashable, Sendable {
    public var location: String
    public var engine: String
    /// The engine's own version (`SQLite 3.40.1`, `PostgreSQL 15.18`).
    public var server: String
    /// The migrations the store has run, in order.
    public var migrations: [String]
    /// The newest migration this duban knows, and whether the store has run it.
    public var current: Bool
    /// Bytes on disk (the file, or the database's size).
    public var bytes: Int64?
    /// Rows per table.
    public var tables: [StoreCopyReport.Table]
}

extension AppDatabase {
    /// Copies every table of this store into `target`, in one transaction on the target, and checks
    /// that each table's row count is the same on both sides.
    ///
    /// - Throws: `StoreError.targetNotEmpty` (and copies nothing) when any table of `target` holds a
    ///   row; `StoreError` when a count differs after the copy (the target's transaction is rolled back).
    public func copy(to target: AppDatabase) throws -> StoreCopyReport {
        try read { source in
            try target.write { destination in
                let occupied = try StoreSchema.tables.compactMap { table -> String? in
                    let rows = try destination.value(Int.self, "SELECT COUNT(*) FROM \(table.name)") ?? 0
                    return rows > 0 ? "\(table.name) (\(rows) rows)" : nil
                }
                guard occupied.isEmpty else {
                    throw StoreError(
                        .targetNotEmpty,
                        "the target store \(target.location) is not empty: \(occupied.prefix(5).joined(separator: ", "))",
                        fix: "copy into a new, empty database (createdb NAME), or a file that does not exist yet")
                }
                if destination.dialect == .sqlite { try destination.execute("PRAGMA defer_foreign_keys = ON") }
                var report = StoreCopyReport(tables: [])
                for table in StoreSchema.tables {
                    let columns = (table.generatedID ? ["id"] : []) + table.columns.map { StoreSchema.quoted($0.name) }
                    let key = table.generatedID ? ["id"] : table.primaryKey.isEmpty ? [columns[0]] : table.primaryKey
                    let rows = try source.rows(
                        "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(key.joined(separator: ", "))"
                    )
                    try destination.insertMany(
                        table: table.name, columns: columns, rows: rows.map { $0.values.map { $0 } })
                    let copied = try destination.value(Int.self, "SELECT COUNT(*) FROM \(table.name)") ?? 0
                    guard copied == rows.count else {
                        throw StoreError(
                            .statement, "\(table.name): \(rows.count) rows read but \(copied) written",
                            fix: "nothing was copied; report this as a bug in duban")
                    }
                    if table.generatedID, destination.dialect == .postgres {
                        // Explicit ids leave the identity behind: the next insert takes the id after the largest.
                        try destination.execute(
                            "SELECT setval(pg_get_serial_sequence('\(table.name.lowercased())', 'id'), "
                                + "COALESCE((SELECT MAX(id) FROM \(table.name)), 0) + 1, false)::text")
                    }
                    report.tables.append(.init(name: table.name, rows: rows.count))
                }
                return report
            }
        }
    }

    /// The engine, schema version, size and row counts of this store.
    public func info() throws -> StoreInfo {
        try read { db in
            let migrations = try StoreMigrator.appliedMigrations(db)
            let known = StoreMigrations.all.map(\.name)
            let server: String
            let bytes: Int64?
            switch db.dialect {
            case .sqlite:
                server = "SQLite " + (try db.value(String.self, "SELECT sqlite_version()") ?? "?")
                let pages = try db.value(Int64.self, "PRAGMA page_count") ?? 0
                let size = try db.value(Int64.self, "PRAGMA page_size") ?? 0
                bytes = pages * size
            case .postgres:
                server = "PostgreSQL " + (try db.value(String.self, "SHOW server_version") ?? "?")
                bytes = try db.value(Int64.self, "SELECT pg_database_size(current_database())")
            }
            let tables = try StoreSchema.tables.map { table in
                StoreCopyReport.Table(
                    name: table.name, rows: try db.value(Int.self, "SELECT COUNT(*) FROM \(table.name)") ?? 0)
            }
            return StoreInfo(
                location: location.description, engine: location.engine, server: server,
                migrations: known.filter(migrations.contains), current: Set(known).isSubset(of: migrations),
                bytes: bytes, tables: tables)
        }
    }
}
