import Foundation

/// Prints values as JSON: pretty, keys sorted (so output diffs cleanly), Chinese and slashes unescaped.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        Swift.print(String(decoding: try data(value), as: UTF8.self), terminator: "")
    }

    /// JSON a `JSONWriter` wrote, and a newline.
    static func print(bytes: [UInt8]) {
        Swift.print(String(decoding: bytes, as: UTF8.self))
    }

    /// The JSON of `value`, ending in a newline.
    static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }
}
