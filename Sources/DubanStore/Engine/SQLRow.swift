/// The column names of one result, shared by its rows.
public final class SQLColumns: Sendable {
    /// The names, in select order.
    public let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

/// One row of a result, read by column name or position; a missing column or a value of the wrong
/// kind is an error, never a default.
public struct SQLRow: Sendable {
    /// The result's columns.
    public let columns: SQLColumns
    /// The values, in column order (a slice of the values of several rows read together).
    public let values: ArraySlice<SQLValue>

    init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values[...]
    }

    init(columns: SQLColumns, values: ArraySlice<SQLValue>) {
        self.columns = columns
        self.values = values
    }

    /// The value of column `name`.
    public subscript<T: SQLValueConvertible>(_ name: String) -> T {
        get throws {
            guard let position = columns.index[name] else { throw StoreError.missingColumn(name) }
            return try self[position, name]
        }
    }

    /// The value at `position`.
    public subscript<T: SQLValueConvertible>(_ position: Int) -> T {
        get throws { try self[position, nil] }
    }

    /// The value at `position`; the error names the column `name`, or its position when nil (the
    /// name is only written out on an error: reading a large result by position writes none).
    private subscript<T: SQLValueConvertible>(_ position: Int, _ name: String?) -> T {
        get throws {
            guard position < values.count else { throw StoreError.missingColumn(name ?? "#\(position)") }
            let value = values[values.startIndex + position]
            guard let converted = T.fromSQL(value) else {
                throw StoreError.unreadableValue(column: name ?? "#\(position)", value: value, as: "\(T.self)")
            }
            return converted
        }
    }

    /// Whether the row has a column `name`.
    public func has(_ name: String) -> Bool { columns.index[name] != nil }
}
