import Foundation
import Testing

@testable import DubanNotify

/// `MessageSplitter`: parts within a byte limit, cut at lines, then characters, never inside UTF-8.
@Suite struct MessageSplitterTests {
    /// 10,000 Chinese characters of 3 UTF-8 bytes each, on one line.
    static let chinese = String(repeating: "督办事项请按时完成各部门落实", count: 715).prefix(10_000).description

    /// The part without its `(i/n) ` prefix, checking the prefix numbers it `index + 1` of `count`.
    static func content(of part: String, index: Int, count: Int) -> String? {
        let prefix = "(\(index + 1)/\(count)) "
        // By scalars: a part may begin with a combining mark, which joins the prefix's space into one character.
        guard part.unicodeScalars.starts(with: prefix.unicodeScalars) else { return nil }
        return String(String.UnicodeScalarView(part.unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
    }

    /// Whether `parts` (without prefixes) are `text` in order, with only line breaks between them.
    static func reassemble(_ parts: [String], into text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var cursor = 0
        for part in parts {
            while cursor < scalars.count, scalars[cursor] == "\n" || scalars[cursor] == "\r" { cursor += 1 }
            let piece = Array(part.unicodeScalars)
            guard cursor + piece.count <= scalars.count, Array(scalars[cursor..<cursor + piece.count]) == piece else {
                return false
            }
            cursor += piece.count
        }
        return scalars[cursor...].allSatisfy { $0 == "\n" || $0 == "\r" }
    }

    /// Checks every property of `split(text, limit:)` and returns the parts without prefixes.
    @discardableResult
    static func check(_ text: String, limit: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String]
    {
        let parts = MessageSplitter.split(text, limit: limit)
        #expect(!parts.isEmpty, sourceLocation: sourceLocation)
        for part in parts {
            #expect(part.utf8.count <= limit, "\(part.utf8.count) > \(limit)", sourceLocation: sourceLocation)
            #expect(!part.unicodeScalars.contains("\u{FFFD}"), sourceLocation: sourceLocation)
        }
        if parts.count == 1 {
            #expect(text.utf8.count > limit || parts[0] == text, sourceLocation: sourceLocation)
            return parts
        }
        let contents = parts.enumerated().compactMap { content(of: $0.element, index: $0.offset, count: parts.count) }
        #expect(contents.count == parts.count, "every part is numbered", sourceLocation: sourceLocation)
        #expect(contents.allSatisfy { !$0.isEmpty }, sourceLocation: sourceLocation)
        #expect(reassemble(contents, into: text), "the parts are the text", sourceLocation: sourceLocation)
        return contents
    }

    @Test func shortTextIsOnePartUnchanged() {
        #expect(MessageSplitter.split("", limit: 100) == [""])
        #expect(MessageSplitter.split("督办\n\n第二行\n", limit: 100) == ["督办\n\n第二行\n"])
        let exact = String(repeating: "督", count: 20)
        #expect(MessageSplitter.split(exact, limit: 60) == [exact])
    }

    @Test(arguments: [2048, 4096, 20_000, 100, 33])
    func tenThousandChineseCharactersSplitWithinTheLimit(limit: Int) throws {
        let contents = Self.check(Self.chinese, limit: limit)
        #expect(contents.count > 1)
        #expect(contents.joined() == Self.chinese)
        // Every part is whole 3-byte characters: nothing was cut inside one.
        for content in contents {
            #expect(content.utf8.count % 3 == 0)
            #expect(content.unicodeScalars.allSatisfy { $0.utf8.count == 3 })
        }
    }

    @Test func partsFillUpToTheLimit() {
        let contents = Self.check(Self.chinese, limit: 2048)
        // "(10/15) " is 8 bytes: 2040 bytes left, 680 characters.
        #expect(contents.dropLast().allSatisfy { $0.count == 680 })
        #expect(contents.count == 15)
    }

    @Test func partsEndAtLineBreaks() {
        let lines = (1...200).map { "第\($0)项：请于本月底前报送进展情况。" }
        let text = lines.joined(separator: "\n")
        let contents = Self.check(text, limit: 500)
        for content in contents {
            for line in content.split(separator: "\n") {
                #expect(lines.contains(String(line)), "“\(line)” is a whole line")
            }
        }
        #expect(contents.joined(separator: "\n") == text)
    }

    @Test func aLongLineBetweenShortOnesIsCutAndTheRestKeepTheirLines() {
        let text = "标题\n" + String(repeating: "长", count: 300) + "\n尾行一\n尾行二"
        let contents = Self.check(text, limit: 200)
        // The long line's start fills the first part, after the title.
        #expect(contents.first == "标题\n" + String(repeating: "长", count: 62))
        #expect(contents.last?.hasSuffix("\n尾行一\n尾行二") == true)
    }

    @Test func blankLinesAtCutsAreDropped() {
        let text = String(repeating: "甲", count: 30) + "\n\n\n\n" + String(repeating: "乙", count: 30)
        let contents = Self.check(text, limit: 100)
        #expect(contents == [String(repeating: "甲", count: 30), String(repeating: "乙", count: 30)])
    }

    @Test func graphemeClustersStayWhole() {
        let family = "👨‍👩‍👧‍👦"  // 25 bytes, 7 scalars, one character
        let flag = "🇨🇳"  // 8 bytes, 2 scalars
        let accent = "e\u{301}"  // 3 bytes, 2 scalars
        for unit in [family, flag, accent] {
            let text = String(repeating: unit, count: 200)
            let contents = Self.check(text, limit: 64)
            for content in contents {
                #expect(content == String(repeating: unit, count: content.count), "only whole \(unit)")
            }
        }
    }

    @Test func aCharacterLongerThanAPartIsCutBetweenScalars() {
        let huge = "a" + String(repeating: "\u{301}", count: 100)  // one character, 201 bytes
        let text = "前" + huge + "后"
        #expect(text.count == 3)
        Self.check(text, limit: 64)
    }

    @Test func theNumberingWidthIsCountedInTheLimit() {
        // Hundreds and thousands of parts: "(1000/1200) " is 12 bytes.
        let text = (1...1200).map { _ in "督办督办督办" }.joined(separator: "\n")
        let contents = Self.check(text, limit: 32)
        #expect(contents.count == 1200)
        let parts = MessageSplitter.split(text, limit: 32)
        #expect(parts[999] == "(1000/1200) 督办督办督办")
        #expect(parts.allSatisfy { $0.utf8.count <= 32 })
    }

    @Test func windowsLineBreaksAreLineBreaks() {
        let text = (1...50).map { "第\($0)行" }.joined(separator: "\r\n")
        let contents = Self.check(text, limit: 64)
        #expect(contents.allSatisfy { !$0.hasPrefix("\n") && !$0.hasPrefix("\r") && !$0.hasSuffix("\r") })
        #expect(contents.joined(separator: "\r\n") == text)
    }

    @Test func randomTextsKeepEveryProperty() {
        let alphabet: [String] = [
            "a", "Z", " ", "\n", "\n", "督", "办", "€", "😀", "👨‍👩‍👧", "🇨🇳", "e\u{301}", "\r\n", "\"", "\\",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<200 {
            let length = next(600)
            var text = ""
            for _ in 0..<length { text += alphabet[next(alphabet.count)] }
            Self.check(text, limit: MessageSplitter.minimumLimit + next(200))
        }
    }

    @Test func truncatedCutsAtACharacterAndMarksIt() {
        #expect(MessageSplitter.truncated("短标题", maxBytes: 128) == "短标题")
        let cut = MessageSplitter.truncated(String(repeating: "督", count: 100), maxBytes: 20)
        #expect(cut == "督督督督督…")
        #expect(cut.utf8.count <= 20)
    }
}
