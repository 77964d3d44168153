import Foundation
import Testing

@testable import DubanCore

/// `JSONWriter` writing an array's runs on several threads writes the bytes one thread writes, in
/// order, handed on a run at a time; a copied writer writes to a buffer of its own.
@Suite struct JSONWriterLaneTests {
    struct Item: Encodable, Sendable {
        var id: String
        var n: Int
        var tags: [String]
    }

    static let items = (0..<41).map {
        Item(id: "t\($0)\($0 % 3 == 0 ? "\"引号\n" : "")", n: $0 - 20, tags: ["a", "\($0)"])
    }

    static func write(_ item: Item, _ json: inout JSONWriter) {
        json.object { object in
            object.key("id")
            object.string(item.id)
            object.key("n")
            object.number(item.n)
            object.key("tags")
            object.array(item.tags)
        }
    }

    /// `{"items":[…],"z":true}`, the items written by one thread or by `lanes` threads in runs of `chunk`.
    static func document(pretty: Bool, chunk: Int?, lanes: Int = 2) throws -> (whole: [UInt8], pieces: Int) {
        var pieces = 0
        var whole: [UInt8] = []
        var json = JSONWriter(pretty: pretty, capacity: 1)
        try json.object { document in
            document.key("items")
            if let chunk {
                try document.array(
                    Self.items, chunk: chunk, lanes: lanes,
                    write: { piece in
                        whole += piece
                        pieces += 1
                    }
                ) { json, item in Self.write(item, &json) }
            } else {
                document.array(Self.items) { json, item in Self.write(item, &json) }
            }
            document.key("z")
            document.bool(true)
        }
        whole += json.bytes
        return (whole, pieces)
    }

    @Test(arguments: [true, false]) func lanesWriteTheBytesOneThreadWrites(pretty: Bool) throws {
        let one = try Self.document(pretty: pretty, chunk: nil)
        struct Document: Encodable {
            var items: [Item]
            var z: Bool
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = JSONWriter.formatting(pretty: pretty)
        #expect(one.whole == [UInt8](try encoder.encode(Document(items: Self.items, z: true))))
        for (chunk, lanes) in [(1, 2), (3, 2), (4, 3), (20, 2), (10, 4)] {
            let laned = try Self.document(pretty: pretty, chunk: chunk, lanes: lanes)
            #expect(laned.whole == one.whole, "chunk \(chunk), \(lanes) lanes")
            // Each run is handed on by itself, after what the writer held before it.
            #expect(laned.pieces > Self.items.count / chunk, "chunk \(chunk), \(lanes) lanes")
        }
        // Fewer items than two runs, or one lane: written here, nothing handed on.
        #expect(try Self.document(pretty: pretty, chunk: 21) == (one.whole, 0))
        #expect(try Self.document(pretty: pretty, chunk: 3, lanes: 1) == (one.whole, 0))
    }

    @Test func anErrorInALaneIsThrownAndNothingOfItsRoundIsHandedOn() throws {
        struct Broken: Error {}
        var handed: [UInt8] = []
        var json = JSONWriter(pretty: false)
        #expect(throws: Broken.self) {
            try json.array(Array(0..<40), chunk: 4, lanes: 2, write: { handed += $0 }) { json, n in
                if n == 21 { throw Broken() }
                json.number(n)
            }
        }
        // Rounds of 8: the first two went out whole (with the bracket that opened the array);
        // the third, whose second lane failed, did not.
        #expect(String(decoding: handed, as: UTF8.self) == "[" + (0..<16).map(String.init).joined(separator: ","))
    }

    @Test func aCopiedWriterWritesToItsOwnBytes() {
        var first = JSONWriter(pretty: false, capacity: 1)
        first.string(String(repeating: "长", count: 100))  // past the first capacity: the buffer grew
        var second = first
        second.null()
        first.bool(true)
        let text = "\"" + String(repeating: "长", count: 100) + "\""
        #expect(String(decoding: first.bytes, as: UTF8.self) == text + "true")
        #expect(String(decoding: second.bytes, as: UTF8.self) == text + "null")
        #expect(first.count == first.bytes.count)
        var flushed: [UInt8] = []
        first.flush { flushed = $0 }
        #expect(first.count == 0 && second.count == text.utf8.count + 4)
        #expect(String(decoding: flushed, as: UTF8.self) == text + "true")
    }
}
