/// A document that cannot be made: what is missing or wrong, and how to fix it.
public struct DocumentError: Error, CustomStringConvertible, Sendable {
    /// What happened.
    public var message: String
    /// How to fix it.
    public var fix: String

    /// Makes an error.
    public init(message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }
}
