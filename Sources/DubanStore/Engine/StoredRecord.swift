/// A record kept in one table: its columns in table order, read from a row and written as values.
/// Written out by hand per record: no reflection on the hot paths of a large load or evaluation.
protocol StoredRecord {
    /// The table.
    static var table: String { get }
    /// The columns, in table order; a record with a generated id lists `id` first.
    static var columns: [String] { get }
    /// The columns of the primary key.
    static var primaryKey: [String] { get }
    /// Whether the table makes the id (`id` first in `columns`, nil until inserted).
    static var generatesID: Bool { get }
    /// The record read from a row that has every column.
    init(row: SQLRow) throws
    /// The values, in `columns` order.
    var values: [(any SQLValueConvertible)?] { get }
    /// Appends the values, in `columns` order, to a statement's values: what a bulk insert calls, so
    /// a record written by hand makes no array of its own and boxes no value.
    func appendValues(to values: inout [SQLValue])
}

extension StoredRecord {
    static var primaryKey: [String] { ["id"] }
    static var generatesID: Bool { false }

    func appendValues(to values: inout [SQLValue]) {
        appendSQLValues(of: self.values, to: &values)
    }

    /// `SELECT` of every column.
    static var selection: String { "SELECT \(columns.joined(separator: ", ")) FROM \(table)" }
}

/// A record whose table gives it an id when inserted.
protocol IdentifiedRecord: StoredRecord {
    var id: Int64? { get set }
}

extension IdentifiedRecord {
    static var generatesID: Bool { true }
}

extension StoreConnection {
    /// Every record of `type` matching `filter` (SQL after `WHERE`, or nil for all), in `order`.
    func all<R: StoredRecord>(
        _ type: R.Type, where filter: String? = nil, _ arguments: [(any SQLValueConvertible)?] = [],
        order: String? = nil
    ) throws -> [R] {
        var sql = R.selection
        if let filter { sql += " WHERE " + filter }
        if let order { sql += " ORDER BY " + order }
        return try rows(sql, arguments).map(R.init(row:))
    }

    /// Every record of `type` matching `filter`, in `order`, handed to `body` one at a time as they
    /// are read: for results too large to hold as records and as what they become.
    func each<R: StoredRecord>(
        _ type: R.Type, where filter: String? = nil, _ arguments: [(any SQLValueConvertible)?] = [],
        order: String? = nil, _ body: (R) throws -> Void
    ) throws {
        var sql = R.selection
        if let filter { sql += " WHERE " + filter }
        if let order { sql += " ORDER BY " + order }
        try each(sql, arguments.map { $0?.sqlValue ?? .null }) { row in try body(R(row: row)) }
    }

    /// Every record of `type` whose columns equal the values given, in `order`; a nil value filters
    /// nothing (`escalations(task: nil, department: "fire")`).
    func all<R: StoredRecord>(
        _ type: R.Type, matching equalities: KeyValuePairs<String, (any SQLValueConvertible)?>, order: String
    ) throws -> [R] {
        let given = equalities.filter { $0.value != nil }
        return try all(
            type, where: given.isEmpty ? nil : given.map { "\($0.key) = ?" }.joined(separator: " AND "),
            given.map(\.value), order: order)
    }

    /// The first record of `type` matching `filter`, in `order`.
    func first<R: StoredRecord>(
        _ type: R.Type, where filter: String, _ arguments: [(any SQLValueConvertible)?] = [], order: String? = nil
    ) throws -> R? {
        var sql = R.selection + " WHERE " + filter
        if let order { sql += " ORDER BY " + order }
        return try rows(sql + " LIMIT 1", arguments).first.map(R.init(row:))
    }

    /// The record of `type` whose one-column primary key is `key`.
    func find<R: StoredRecord>(_ type: R.Type, key: any SQLValueConvertible) throws -> R? {
        try first(type, where: "\(R.primaryKey[0]) = ?", [key])
    }

    /// How many records of `type` match `filter`.
    func count<R: StoredRecord>(
        _ type: R.Type, where filter: String? = nil, _ arguments: [(any SQLValueConvertible)?] = []
    ) throws -> Int {
        try value(Int.self, "SELECT COUNT(*) FROM \(R.table)" + (filter.map { " WHERE " + $0 } ?? ""), arguments) ?? 0
    }

    /// Inserts `record`; with `ignoringConflicts`, a record that breaks a unique constraint is left
    /// out instead (and false returned).
    @discardableResult
    func insert<R: StoredRecord>(_ record: R, ignoringConflicts: Bool = false) throws -> Bool {
        var columns = R.columns
        var values = record.values
        if R.generatesID, values.first.map({ $0 == nil || $0!.sqlValue == .null }) ?? false {
            columns.removeFirst()
            values.removeFirst()
        }
        let sql =
            "INSERT INTO \(R.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))"
            + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : "")
        return try execute(sql, values) > 0
    }

    /// The first of `count` new ids for `table`.
    ///
    /// SQLite gives out ids one writer at a time and takes back those of a rolled-back transaction.
    /// PostgreSQL's identity would leave a gap for every rollback (a killed instance, a load that
    /// changed nothing), so there the store gives the ids itself, holding the table's id lock to the
    /// end of the transaction: both engines number the same history the same way.
    func newIDs(_ table: String, count: Int) throws -> Int64? {
        guard dialect == .postgres, count > 0 else { return nil }
        try hold(.ids(table))
        return try value(Int64.self, "SELECT COALESCE(MAX(id), 0) + 1 FROM \(table)") ?? 1
    }

    /// Inserts `record` and gives it the id the table made.
    func insert<R: IdentifiedRecord>(_ record: inout R, ignoringConflicts: Bool = false) throws {
        var columns = R.columns
        var values = record.values
        if record.id == nil {
            if let id = try newIDs(R.table, count: 1) {
                values[0] = id
            } else {
                columns.removeFirst()
                values.removeFirst()
            }
        }
        let sql =
            "INSERT INTO \(R.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))"
            + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : "") + " RETURNING id"
        if let id = try value(Int64.self, sql, values) { record.id = id }
    }

    /// Writes every column of `record` over the row with its primary key.
    func update<R: StoredRecord>(_ record: R) throws {
        let values = record.values
        var assignments: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        var keys: [(any SQLValueConvertible)?] = []
        for (column, value) in zip(R.columns, values) {
            if R.primaryKey.contains(column) {
                keys.append(value)
            } else {
                assignments.append("\(column) = ?")
                arguments.append(value)
            }
        }
        let filter = R.primaryKey.map { "\($0) = ?" }.joined(separator: " AND ")
        try execute("UPDATE \(R.table) SET \(assignments.joined(separator: ", ")) WHERE \(filter)", arguments + keys)
    }

    /// Inserts `record`, or writes it over the row with its primary key.
    func save<R: StoredRecord>(_ record: R) throws {
        let updates = R.columns.filter { !R.primaryKey.contains($0) }.map { "\($0) = excluded.\($0)" }
        try execute(
            "INSERT INTO \(R.table) (\(R.columns.joined(separator: ", "))) VALUES (\(placeholders(R.columns.count)))"
                + " ON CONFLICT (\(R.primaryKey.joined(separator: ", "))) DO UPDATE SET "
                + updates.joined(separator: ", "),
            record.values)
    }

    /// Inserts many rows of `columns` into `table`, whose ids the store gives (see `newIDs`).
    func insertManyWithNewIDs(table: String, columns: [String], rows: [[(any SQLValueConvertible)?]]) throws {
        try insertRowsWithNewIDs(table: table, columns: columns, count: rows.count) { index, values in
            appendSQLValues(of: rows[index], to: &values)
        }
    }

    /// Inserts `count` rows of `columns` into `table`, whose ids the store gives (see `newIDs`);
    /// `row(index, &values)` appends row `index`'s values without the id.
    func insertRowsWithNewIDs(
        table: String, columns: [String], count: Int, _ row: (Int, inout [SQLValue]) -> Void
    ) throws {
        guard let first = try newIDs(table, count: count) else {
            return try insertRows(table: table, columns: columns, count: count, row)
        }
        try insertRows(table: table, columns: ["id"] + columns, count: count) { index, values in
            values.append(.integer(first + Int64(index)))
            row(index, &values)
        }
    }

    /// Inserts many rows of `columns` into `table`, many rows a statement. `rows` may be lazy: each
    /// statement's rows are made as it is written, so a million rows are never all held as values
    /// (at a million tasks that was more memory than the tasks themselves).
    func insertMany<Rows: Collection<[(any SQLValueConvertible)?]>>(
        table: String, columns: [String], rows: Rows
    ) throws where Rows.Index == Int {
        try insertRows(table: table, columns: columns, count: rows.count) { index, values in
            appendSQLValues(of: rows[rows.startIndex + index], to: &values)
        }
    }

    /// Inserts `count` rows of `columns` into `table`, many rows a statement: `row(index, &values)`
    /// appends row `index`'s values in `columns` order. A statement's values are made as it is
    /// written, into one array used again for the next, so a million rows are never all held as
    /// values, and the statement's text is made once for every full statement.
    func insertRows(table: String, columns: [String], count: Int, _ row: (Int, inout [SQLValue]) -> Void) throws {
        guard count > 0 else { return }
        // Both engines take tens of thousands of parameters a statement; stay well under either's
        // limit (SQLite 32,766; PostgreSQL 65,535). PostgreSQL pays per statement, so it takes more.
        let perStatement =
            dialect == .postgres ? max(1, min(4_000, 60_000 / columns.count)) : max(1, min(500, 30_000 / columns.count))
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let tuple = "(" + placeholders(columns.count) + ")"
        func statement(rows: Int) -> String { head + Array(repeating: tuple, count: rows).joined(separator: ", ") }
        let full = count >= perStatement ? statement(rows: perStatement) : ""
        var arguments: [SQLValue] = []
        arguments.reserveCapacity(min(count, perStatement) * columns.count)
        var start = 0
        while start < count {
            let end = min(count, start + perStatement)
            arguments.removeAll(keepingCapacity: true)
            for index in start..<end { row(index, &arguments) }
            try execute(end - start == perStatement ? full : statement(rows: end - start), arguments)
            start = end
        }
    }

    /// Inserts `records` many a statement.
    func insertAll<R: StoredRecord>(_ records: [R]) throws {
        try insertRows(table: R.table, columns: R.columns, count: records.count) { records[$0].appendValues(to: &$1) }
    }

    /// Inserts new `records` whose ids nobody reads back (audit rows), many a statement, the ids
    /// given by the store. `R.columns` starts with `id`.
    func insertAllWithNewIDs<R: IdentifiedRecord>(_ records: [R]) throws {
        precondition(R.columns.first == "id", "\(R.table): the id is the first column")
        try insertManyWithNewIDs(
            table: R.table, columns: Array(R.columns.dropFirst()), rows: records.map { Array($0.values.dropFirst()) })
    }

    /// Inserts new `records` and gives each its id, the ids taken once and the rows sent many a
    /// statement: a statement per row (building its SQL, returning its id) was two thirds of a
    /// large monthly dispatch. On PostgreSQL the ids are taken under the table's lock; on SQLite,
    /// the one writer, they continue the table's own sequence, as its `AUTOINCREMENT` would.
    func insertAll<R: IdentifiedRecord>(_ records: inout [R]) throws {
        guard records.count > 1 else {
            for index in records.indices { try insert(&records[index]) }
            return
        }
        let first = try newIDs(R.table, count: records.count) ?? (try sqliteNextID(R.table))
        for index in records.indices { records[index].id = first + Int64(index) }
        try insertRows(table: R.table, columns: R.columns, count: records.count) { records[$0].appendValues(to: &$1) }
    }

    /// The id SQLite's `AUTOINCREMENT` would give the next row of `table`: past both the largest id
    /// there and the largest it ever gave (`sqlite_sequence`, which inserting with ids advances).
    private func sqliteNextID(_ table: String) throws -> Int64 {
        let largest = try value(Int64.self, "SELECT COALESCE(MAX(id), 0) FROM \(table)") ?? 0
        let given =
            try value(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = ?", [table]) ?? 0
        return max(largest, given) + 1
    }
}

/// Appends `row`'s values as the store writes them, nil as NULL.
func appendSQLValues(of row: [(any SQLValueConvertible)?], to values: inout [SQLValue]) {
    for value in row { values.append(value?.sqlValue ?? .null) }
}

/// `?, ?, ?` for `count` values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
