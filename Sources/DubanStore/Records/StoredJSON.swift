import Foundation

/// Content kept as JSON text (documents, letters, a message's facts): sorted keys and unescaped
/// slashes, so the same content is always the same text on either engine.
enum StoredJSON {
    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
