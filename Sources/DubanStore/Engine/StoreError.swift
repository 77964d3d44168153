/// Why the store could not be opened, read or written: what happened, where, and how to fix it.
/// Callers match on `code`; the text never holds a password.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of store failure.
    public enum Code: String, Hashable, Sendable {
        /// `--db` is neither a path nor a `postgres://` URL that can be read.
        case badLocation
        /// The database server did not answer (down, wrong host or port).
        case unreachable
        /// The server refused the user or password.
        case authentication
        /// The server has no database of that name.
        case missingDatabase
        /// The store was migrated by a newer duban than this one.
        case newerSchema
        /// A copy's target already holds data.
        case targetNotEmpty
        /// A row read back lacks a column or holds a value this build cannot read.
        case unreadable
        /// A write broke a unique or foreign-key constraint.
        case constraint
        /// The engine failed a statement (the message says which).
        case statement
    }

    /// What kind of failure.
    public let code: Code
    /// What happened, naming the store (with any password masked).
    public let message: String
    /// How to fix it.
    public let fix: String

    /// Makes an error.
    public init(_ code: Code, _ message: String, fix: String) {
        self.code = code
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }

    static func missingColumn(_ name: String) -> StoreError {
        StoreError(.unreadable, "a row read back has no column \(name)", fix: "report this as a bug in duban")
    }

    static func unreadableValue(column: String, value: SQLValue, as type: String) -> StoreError {
        StoreError(
            .unreadable, "column \(column) holds \(value), which is not a \(type)",
            fix: "the store was written by another program or version; check it with `duban store info`")
    }
}
