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

    /// JSON written in pieces straight to standard output as `body` hands them over, and a newline:
    /// a large report is never held whole, nor copied into a string.
    static func stream(_ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        fflush(nil)  // what `print` buffered goes first
        try body { piece in
            try FileHandle.standardOutput.write(contentsOf: piece)
        }
        try FileHandle.standardOutput.write(contentsOf: [0x0A])
    }

    /// The JSON of `value`, ending in a newline.
    static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }
}
