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
    /// Members written in the innermost open container.
    private var members = 0
    /// Members written in each enclosing container, outermost first (one per open container).
    private var enclosing: [Int] = []

    public init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// Hands the bytes written so far to `write`, then forgets them (what follows continues the
    /// same document, in the same buffer): a large document is written out in pieces instead of
    /// held whole.
    public mutating func flush(_ write: ([UInt8]) throws -> Void) rethrows {
        try write(bytes)
        bytes.removeAll(keepingCapacity: true)
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
                json.key(text: key)
                try body(&json, pairs[key]!)
            }
        }
    }

    /// The next member's key, written by hand (a literal: its bytes are copied as they are,
    /// escaped if they must be); its value follows.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        // `withUTF8Buffer`, not `utf8Start`: a one-character literal may be held as a scalar.
        name.withUTF8Buffer { escaped($0) }
        bytes.append(UInt8(ascii: "\""))
        colon()
    }

    /// The next member's key, from data; its value follows.
    public mutating func key(text name: String) {
        separate()
        string(name)
        colon()
    }

    private mutating func colon() {
        // Byte by byte: an array literal here is an allocation per key.
        if pretty { bytes.append(0x20) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        bytes.append(open)
        enclosing.append(members)
        members = 0
        try body(&self)
        let written = members
        members = enclosing.removeLast()
        if pretty {
            bytes.append(0x0A)
            if written == 0 { bytes.append(0x0A) }
            indent(enclosing.count)
        }
        bytes.append(close)
    }

    /// Before a member or element: a comma after the previous one, a new line and the indent.
    private mutating func separate() {
        guard !enclosing.isEmpty else { return }
        if members > 0 { bytes.append(UInt8(ascii: ",")) }
        members += 1
        guard pretty else { return }
        bytes.append(0x0A)
        indent(enclosing.count)
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<(2 * depth) { bytes.append(0x20) }
    }

    /// The encoder's formatting this writer matches.
    public static func formatting(pretty: Bool) -> JSONEncoder.OutputFormatting {
        pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    }

    // MARK: Values

    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { escaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `utf8` as a string's contents, escaped where JSON needs it.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most strings need no escape: copied whole.
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            return bytes.append(contentsOf: utf8)
        }
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

    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A day as its `Codable` conformance writes it, `"YYYY-MM-DD"`.
    public mutating func day(_ day: Day) {
        // `description` is ten bytes held inline (no allocation) and needs no escaping.
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: day.description.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func day(_ day: Day?) {
        if let day { self.day(day) } else { null() }
    }

    public mutating func number(_ value: Int) {
        guard value >= 0 else { return bytes += String(value).utf8 }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(48 + value / divisor % 10))
            divisor /= 10
        }
    }

    /// A number as the encoder writes it: its description without a trailing ".0".
    ///
    /// - Throws: `EncodingError.invalidValue` for a value that is not finite, as the encoder does.
    public mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "JSON holds no \(value)"))
        }
        // Most numbers here are rounded to tenths: their description is the integer, a point and
        // the tenth, which needs no string made (under 1e14 there is no exponent and no shorter
        // decimal that reads back as the same double).
        let tenths = (value * 10).rounded()
        if abs(tenths) < 1e14, tenths / 10 == value, !(value == 0 && value.sign == .minus) {
            let whole = Int(tenths)
            if whole < 0 { bytes.append(UInt8(ascii: "-")) }
            number(abs(whole) / 10)
            if abs(whole) % 10 != 0 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(UInt8(48 + abs(whole) % 10))
            }
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes += text.utf8
    }

    public mutating func bool(_ value: Bool) {
        literal(value ? "true" : "false")
    }

    public mutating func null() {
        literal("null")
    }

    private mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Any `Encodable`, through `JSONEncoder` (dates as its default writes them), indented to where
    /// it is written: for the few and small values not worth writing by hand.
    public mutating func encoded<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = Self.formatting(pretty: pretty)
        let data = try encoder.encode(value)
        guard pretty else { return bytes += data }
        let depth = enclosing.count
        for (index, byte) in data.enumerated() {
            bytes.append(byte)
            // A blank line (inside an empty container) stays blank, as the encoder writes it.
            if byte == 0x0A, index + 1 < data.count, data[data.startIndex + index + 1] != 0x0A { indent(depth) }
        }
    }
}
