import Foundation

/// Writes JSON byte for byte as Foundation's `JSONEncoder` does with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when `pretty`), without its cost: the encoder builds a tree of boxed values and
/// sorts every object's keys, which was most of a 100,000-task `evaluate --json`.
///
/// The caller writes each object's keys in sorted order; the writer indents, separates and escapes.
///
/// ```swift
/// var json = JSONWriter(pretty: true)
/// json.object { object in
///     object.key("id"); object.string("t1")
///     object.key("tags"); object.array(["a", "b"]) { $0.string($1) }
/// }
/// ```
public struct JSONWriter: Sendable {
    /// The UTF-8 written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether to write on indented lines, as `.prettyPrinted` does.
    public let pretty: Bool
    /// Members written in each open container, innermost last.
    private var members: [Int] = []

    public init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    /// An object whose members `body` writes with `key(_:)` and a value each.
    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// An array of `items`, each written by `body` as one value.
    public mutating func array<S: Sequence>(_ items: S, _ body: (inout JSONWriter, S.Element) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { json in
            for item in items {
                json.separate()
                try body(&json, item)
            }
        }
    }

    /// An array of strings.
    public mutating func array<S: Sequence<String>>(_ strings: S) {
        array(strings) { $0.string($1) }
    }

    /// An object of `pairs`, its keys sorted here.
    public mutating func object<V>(sorting pairs: [String: V], _ body: (inout JSONWriter, V) throws -> Void) rethrows {
        try object { json in
            for key in pairs.keys.sorted() {
                json.key(key)
                try body(&json, pairs[key]!)
            }
        }
    }

    /// The next member's key; its value follows.
    public mutating func key(_ name: String) {
        separate()
        string(name)
        if pretty { bytes += [0x20, UInt8(ascii: ":"), 0x20] } else { bytes.append(UInt8(ascii: ":")) }
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        bytes.append(open)
        members.append(0)
        try body(&self)
        let written = members.removeLast()
        if pretty {
            bytes.append(0x0A)
            if written == 0 { bytes.append(0x0A) }
            indent(members.count)
        }
        bytes.append(close)
    }

    /// Before a member or element: a comma after the previous one, a new line and the indent.
    private mutating func separate() {
        guard !members.isEmpty else { return }
        if members[members.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        members[members.count - 1] += 1
        guard pretty else { return }
        bytes.append(0x0A)
        indent(members.count)
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<depth { bytes += [0x20, 0x20] }
    }

    /// The encoder's formatting this writer matches.
    public static func formatting(pretty: Bool) -> JSONEncoder.OutputFormatting {
        pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    }

    // MARK: Values

    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes += utf8[start..<index]
                start = index + 1
                switch byte {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
                case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                    bytes += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            bytes += utf8[start...]
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    public mutating func number(_ value: Int) {
        bytes += String(value).utf8
    }

    /// A number as the encoder writes it: its description without a trailing ".0".
    ///
    /// - Precondition: `value` is finite (the encoder throws on others; no report holds one).
    public mutating func number(_ value: Double) {
        precondition(value.isFinite, "JSON holds no \(value)")
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += text.utf8
    }

    public mutating func bool(_ value: Bool) {
        bytes += (value ? "true" : "false").utf8
    }

    public mutating func null() {
        bytes += "null".utf8
    }

    /// Any `Encodable`, through `JSONEncoder` (dates as its default writes them), indented to where
    /// it is written: for the few and small values not worth writing by hand.
    public mutating func encoded<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = Self.formatting(pretty: pretty)
        let data = try encoder.encode(value)
        guard pretty else { return bytes += data }
        let depth = members.count
        for (index, byte) in data.enumerated() {
            bytes.append(byte)
            // A blank line (inside an empty container) stays blank, as the encoder writes it.
            if byte == 0x0A, index + 1 < data.count, data[data.startIndex + index + 1] != 0x0A { indent(depth) }
        }
    }
}
