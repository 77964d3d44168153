import DubanPlans
import Foundation

/// One line of a plan document, normalised for reading (ASCII digits and punctuation, no spaces),
/// with the way back to the text as written.
struct DocumentLine: Sendable {
    /// The line's number in the file, from 1.
    let number: Int
    /// The characters as written.
    let original: [Character]
    /// The characters normalised: full-width forms half-width, dashes and waves `-`, spaces dropped.
    let text: [Character]
    /// `origin[i]` is the index in `original` of `text[i]`.
    let origin: [Int]
    /// `inBookTitle[i]` tells whether `text[i]` stands inside 《》, where dates name a document.
    let inBookTitle: [Bool]

    init(number: Int, original line: String) {
        self.number = number
        original = Array(line)
        var text: [Character] = []
        var origin: [Int] = []
        for (index, character) in original.enumerated() {
            guard let normal = DocumentText.normalize(character) else { continue }
            text.append(normal)
            origin.append(index)
        }
        self.text = text
        self.origin = origin
        var depth = 0
        inBookTitle = text.map { c in
            if c == "《" { depth += 1 } else if c == "》" { depth = max(0, depth - 1) }
            return depth > 0
        }
    }

    /// The matches of `regex` in `range`, as ranges of the normalised text and the text matched.
    /// Positions are counted on from one match to the next, so a long line costs its length once.
    func matches(of regex: Regex<Substring>, in range: Range<Int>) -> [(range: Range<Int>, text: String)] {
        let string = normal(range)
        var found: [(range: Range<Int>, text: String)] = []
        var index = string.startIndex
        var offset = range.lowerBound
        for match in string.matches(of: regex) {
            offset += string.distance(from: index, to: match.range.lowerBound)
            let length = string.distance(from: match.range.lowerBound, to: match.range.upperBound)
            found.append((offset..<offset + length, String(string[match.range])))
            offset += length
            index = match.range.upperBound
        }
        return found
    }

    /// The text as written that `range` of the normalised text came from, trimmed.
    func written(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let slice = original[origin[range.lowerBound]...origin[range.upperBound - 1]]
        return String(slice).trimmingCharacters(in: .whitespaces)
    }

    /// The normalised text of `range`.
    func normal(_ range: Range<Int>) -> String {
        String(text[range])
    }
}

/// How the importer reads characters: normalisation and the splitting of sentences and clauses
/// that leaves quotations, book titles and parentheses whole.
enum DocumentText {
    /// The character as the importer reads it, or nil for whitespace, which Chinese text does not need.
    static func normalize(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return character }
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0xFEFF, 0x200B:
            return nil
        case 0x2014, 0x2013, 0x2012, 0x2015, 0x2212, 0x301C, 0xFF5E, 0xFF0D, 0x7E:
            return "-"
        case 0xFF01...0xFF5D:
            return Character(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0xFF61:  // half-width ideographic full stop
            return "。"
        case 0xFE50, 0xFE51:  // small comma, small ideographic comma
            return scalar.value == 0xFE50 ? "," : "、"
        default:
            return character
        }
    }

    /// The file's lines, numbered from 1 (CRLF, LF and CR end a line).
    static func lines(of text: String) -> [DocumentLine] {
        var lines: [DocumentLine] = []
        var number = 0
        text.enumerateLines { line, _ in
            number += 1
            lines.append(DocumentLine(number: number, original: line))
        }
        return lines
    }

    private static let opening: Set<Character> = ["(", "“", "《", "【", "「", "‘", "[", "〔"]
    private static let closing: Set<Character> = [")", "”", "》", "】", "」", "’", "]", "〕"]

    /// Splits `range` of `text` at the characters in `separators` that stand outside brackets and
    /// quotation marks. Each piece excludes its separator; empty pieces are dropped.
    static func split(_ text: [Character], _ range: Range<Int>, at separators: Set<Character>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for i in range {
            let c = text[i]
            if opening.contains(c) {
                depth += 1
            } else if closing.contains(c) {
                depth = max(0, depth - 1)
            } else if depth == 0, separators.contains(c) {
                if start < i { pieces.append(start..<i) }
                start = i + 1
            }
        }
        if start < range.upperBound { pieces.append(start..<range.upperBound) }
        return pieces
    }

    /// Clauses of a sentence part: split at commas and semicolons outside brackets.
    static func clauses(_ line: DocumentLine, _ range: Range<Int>) -> [Range<Int>] {
        split(line.text, range, at: [",", ";"])
    }

    /// The text without leading and trailing commas, colons and semicolons.
    static func stripped(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: ",;:、 ").union(.whitespaces))
    }
}

/// Turns a plan document's bytes into text.
public enum DocumentDecoding {
    /// GB18030, which Chinese Windows saves plain text in (GBK and GB2312 are subsets).
    static let gb18030 = ProgressSheet.gb18030

    /// The text of `data`: UTF-8 (with or without a byte order mark), UTF-16 with a byte order
    /// mark (Word's "Unicode text"), else GB18030. Nil when it is none of these.
    public static func text(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return String(validating: data.dropFirst(3), as: UTF8.self) }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return String(data: data, encoding: .utf16)
        }
        if let text = String(validating: data, as: UTF8.self) { return text }
        return String(data: data, encoding: gb18030)
    }
}
