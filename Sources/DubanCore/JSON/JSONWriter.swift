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
    /// The UTF-8 written so far (a copy: ask `count` for how many).
    public var bytes: [UInt8] { buffer.bytes }
    /// How many bytes are written so far.
    public var count: Int { buffer.count }
    /// Whether to write on indented lines, as `.prettyPrinted` does.
    public let pretty: Bool
    /// Members written in the innermost open container.
    private var members = 0
    /// Members written in each enclosing container, outermost first (one per open container).
    private var enclosing: [Int] = []
    /// Where the bytes go: written in place, as many at a time as are known (an array's `append`
    /// cost more than the bytes it appended, which was most of writing a report).
    private var buffer: JSONBuffer

    public init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        buffer = JSONBuffer(capacity: capacity)
    }

    /// Hands the bytes written so far to `write`, then forgets them (what follows continues the
    /// same document, in the same buffer): a large document is written out in pieces instead of
    /// held whole.
    public mutating func flush(_ write: ([UInt8]) throws -> Void) rethrows {
        try write(bytes)
        unique().count = 0
    }

    /// The buffer, this writer's own (a copy of a writer copies it before writing).
    private mutating func unique() -> JSONBuffer {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy() }
        return buffer
    }

    /// Room for `count` more bytes: where they go. The caller writes them all, then counts them.
    private mutating func room(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        let buffer = unique()
        if buffer.capacity - buffer.count < count { buffer.grow(toHold: buffer.count + count) }
        return buffer.base + buffer.count
    }

    private mutating func put(_ byte: UInt8) {
        room(1).pointee = byte
        buffer.count += 1
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        room(bytes.count).update(from: start, count: bytes.count)
        buffer.count += bytes.count
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

    /// An array of `items`, the bytes `array(_:_:)` writes, with runs of `chunk` items written
    /// `lanes` at a time on as many threads, each in a writer of its own; what is written goes to
    /// `write` in order as each round ends (what this writer holds first), so the array is never
    /// held whole. Fewer than two chunks' items are written here, as `array(_:_:)` writes them.
    public mutating func array<C: RandomAccessCollection & Sendable>(
        _ items: C, chunk: Int, lanes: Int, write: ([UInt8]) throws -> Void,
        _ body: @escaping @Sendable (inout JSONWriter, C.Element) throws -> Void
    ) throws where C.Index == Int {
        guard lanes > 1, chunk > 0, items.count >= 2 * chunk else { return try array(items, body) }
        try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { json in
            var start = items.startIndex
            while start < items.endIndex {
                let first = start
                let bounds = (0..<lanes).map { lane in
                    min(first + lane * chunk, items.endIndex)..<min(first + (lane + 1) * chunk, items.endIndex)
                }
                let (pretty, enclosing, members) = (json.pretty, json.enclosing, json.members)
                var parts = [Result<JSONWriter, any Error>?](repeating: nil, count: lanes)
                parts.withUnsafeMutableBufferPointer { parts in
                    nonisolated(unsafe) let parts = parts  // each lane writes only its own slot
                    DispatchQueue.concurrentPerform(iterations: lanes) { index in
                        parts[index] = Result {
                            // As if this writer went on here: as deep, after the elements before.
                            var part = JSONWriter(
                                pretty: pretty, enclosing: enclosing,
                                members: members + bounds[index].lowerBound - first, capacity: 1 << 16)
                            for item in items[bounds[index]] {
                                part.separate()
                                try body(&part, item)
                            }
                            return part
                        }
                    }
                }
                let written = try parts.map { try $0!.get() }  // a lane's error, before any of its round goes
                try json.flush(write)
                for part in written { try write(part.bytes) }
                json.members += bounds[lanes - 1].upperBound - first
                start = bounds[lanes - 1].upperBound
            }
        }
    }

    private init(pretty: Bool, enclosing: [Int], members: Int, capacity: Int) {
        self.pretty = pretty
        self.enclosing = enclosing
        self.members = members
        buffer = JSONBuffer(capacity: capacity)
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
        // `withUTF8Buffer`, not `utf8Start`: a one-character literal may be held as a scalar.
        name.withUTF8Buffer { name in
            guard Self.plain(name) else {
                quoted(name)
                return colon()
            }
            // Quote, name, quote and colon in one go.
            let width = name.count + (pretty ? 5 : 3)
            let start = room(width)
            start.pointee = UInt8(ascii: "\"")
            (start + 1).update(from: name.baseAddress!, count: name.count)
            var end = start + 1 + name.count
            end.pointee = UInt8(ascii: "\"")
            end += 1
            if pretty {
                end.pointee = 0x20
                (end + 1).pointee = UInt8(ascii: ":")
                (end + 2).pointee = 0x20
            } else {
                end.pointee = UInt8(ascii: ":")
            }
            buffer.count += width
        }
    }

    /// The next member's key, from data; its value follows.
    public mutating func key(text name: String) {
        separate()
        string(name)
        colon()
    }

    private mutating func colon() {
        if pretty { literal(" : ") } else { put(UInt8(ascii: ":")) }
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        put(open)
        enclosing.append(members)
        members = 0
        try body(&self)
        let written = members
        members = enclosing.removeLast()
        if pretty {
            put(0x0A)
            if written == 0 { put(0x0A) }
            indent(enclosing.count)
        }
        put(close)
    }

    /// Before a member or element: a comma after the previous one, a new line and the indent.
    private mutating func separate() {
        guard !enclosing.isEmpty else { return }
        let comma = members > 0
        members += 1
        guard pretty else {
            if comma { put(UInt8(ascii: ",")) }
            return
        }
        // Comma, new line and indent in one go.
        let width = (comma ? 2 : 1) + 2 * enclosing.count
        var next = room(width)
        if comma {
            next.pointee = UInt8(ascii: ",")
            next += 1
        }
        next.pointee = 0x0A
        (next + 1).update(repeating: 0x20, count: 2 * enclosing.count)
        buffer.count += width
    }

    private mutating func indent(_ depth: Int) {
        room(2 * depth).update(repeating: 0x20, count: 2 * depth)
        buffer.count += 2 * depth
    }

    /// The encoder's formatting this writer matches.
    public static func formatting(pretty: Bool) -> JSONEncoder.OutputFormatting {
        pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    }

    // MARK: Values

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard Self.plain(utf8) else { return quoted(utf8) }
            let start = room(utf8.count + 2)
            start.pointee = UInt8(ascii: "\"")
            if let source = utf8.baseAddress { (start + 1).update(from: source, count: utf8.count) }
            (start + 1 + utf8.count).pointee = UInt8(ascii: "\"")
            buffer.count += utf8.count + 2
        }
    }

    /// Whether `utf8` can be written as it is between quotes: no quote, backslash or control character.
    private static func plain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
        return true
    }

    /// `utf8` between quotes, escaped where JSON needs it.
    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        var start = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            put(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            put(0x5C)
            switch byte {
            case 0x22, 0x5C: put(byte)
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0D: put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "t"))
            case 0x08: put(UInt8(ascii: "b"))
            case 0x0C: put(UInt8(ascii: "f"))
            default:
                let hex: StaticString = "0123456789abcdef"
                literal("u00")
                hex.withUTF8Buffer { hex in
                    put(hex[Int(byte >> 4)])
                    put(hex[Int(byte & 0xF)])
                }
            }
        }
        put(UnsafeBufferPointer(rebasing: utf8[start...]))
        put(UInt8(ascii: "\""))
    }

    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A day as its `Codable` conformance writes it, `"YYYY-MM-DD"`.
    public mutating func day(_ day: Day) {
        // `description` is ten bytes held inline (no allocation) and needs no escaping.
        string(day.description)
    }

    public mutating func day(_ day: Day?) {
        if let day { self.day(day) } else { null() }
    }

    public mutating func number(_ value: Int) {
        guard value >= 0 else { return literal(text: String(value)) }
        var width = 1
        var divisor = 1
        while divisor <= value / 10 {
            divisor *= 10
            width += 1
        }
        var next = room(width)
        while divisor > 0 {
            next.pointee = UInt8(48 + value / divisor % 10)
            next += 1
            divisor /= 10
        }
        buffer.count += width
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
            if whole < 0 { put(UInt8(ascii: "-")) }
            number(abs(whole) / 10)
            if abs(whole) % 10 != 0 {
                put(UInt8(ascii: "."))
                put(UInt8(48 + abs(whole) % 10))
            }
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        literal(text: text)
    }

    public mutating func bool(_ value: Bool) {
        literal(value ? "true" : "false")
    }

    public mutating func null() {
        literal("null")
    }

    private mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    /// `text` as it is, unquoted (a number's description).
    private mutating func literal(text: String) {
        var text = text
        text.withUTF8 { put($0) }
    }

    /// Any `Encodable`, through `JSONEncoder` (dates as its default writes them), indented to where
    /// it is written: for the few and small values not worth writing by hand.
    public mutating func encoded<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = Self.formatting(pretty: pretty)
        let data = [UInt8](try encoder.encode(value))
        guard pretty else { return data.withUnsafeBufferPointer { put($0) } }
        let depth = enclosing.count
        for (index, byte) in data.enumerated() {
            put(byte)
            // A blank line (inside an empty container) stays blank, as the encoder writes it.
            if byte == 0x0A, index + 1 < data.count, data[index + 1] != 0x0A { indent(depth) }
        }
    }
}

/// A writer's bytes: grown as they are written, copied when a copied writer writes.
private final class JSONBuffer: @unchecked Sendable {
    // A writer writes only to a buffer it alone holds (`JSONWriter.unique()`).
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }

    /// Room for `total` bytes in all, at least twice as many as before.
    func grow(toHold total: Int) {
        let grown = Swift.max(total, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    func copy() -> JSONBuffer {
        let copy = JSONBuffer(capacity: capacity)
        copy.base.update(from: base, count: count)
        copy.count = count
        return copy
    }
}
