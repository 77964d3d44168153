/// Cuts a message that is too long for a channel into parts that each fit, counting UTF-8 bytes.
///
/// Parts end at line boundaries where they can; a line longer than a part is cut between characters
/// (grapheme clusters), its start filling the part before it, and a single character longer than a part (a very long emoji sequence) between
/// Unicode scalars: never inside a UTF-8 sequence. When there is more than one part, each begins with
/// `(i/n) `, counted in the limit. The parts, without their prefixes, are the text in order: the newline at
/// a cut between lines is dropped (with blank lines at the cut), and nothing else is.
public enum MessageSplitter {
    /// The smallest limit `split(_:limit:)` accepts: room for a prefix and a few characters.
    public static let minimumLimit = 32

    /// `text` in parts of at most `limit` UTF-8 bytes each, prefixes included.
    ///
    /// - Precondition: `limit >= minimumLimit`.
    public static func split(_ text: String, limit: Int) -> [String] {
        precondition(limit >= minimumLimit, "MessageSplitter.split: limit \(limit) < \(minimumLimit)")
        if text.utf8.count <= limit { return [text] }
        var digits = 1
        while true {
            // "(" + i + "/" + n + ") ", with i and n at most `digits` digits.
            let budget = max(limit - (2 * digits + 4), 4)
            let parts = chunks(of: text, budget: budget)
            if parts.count <= 1 { return parts.isEmpty ? [""] : parts }
            let needed = String(parts.count).count
            if needed > digits {
                digits = needed
                continue
            }
            return parts.enumerated().map { "(\($0.offset + 1)/\(parts.count)) " + $0.element }
        }
    }

    /// `text` cut to at most `maxBytes` UTF-8 bytes at a character boundary, ending in `…` when cut.
    public static func truncated(_ text: String, maxBytes: Int) -> String {
        if text.utf8.count <= maxBytes { return text }
        let ellipsis = "…"
        let room = maxBytes - ellipsis.utf8.count
        guard room > 0 else { return "" }
        var end = text.startIndex
        while end < text.endIndex {
            let next = text.index(after: end)
            if text.utf8.distance(from: text.startIndex, to: next) > room { break }
            end = next
        }
        return String(text[..<end]) + ellipsis
    }

    /// `text` packed greedily into pieces of at most `budget` bytes, without prefixes.
    private static func chunks(of text: String, budget: Int) -> [String] {
        func bytes(_ range: Range<String.Index>) -> Int {
            text.utf8.distance(from: range.lowerBound, to: range.upperBound)
        }
        var pieces: [Range<String.Index>] = []
        var open: Range<String.Index>?
        for line in lines(of: text) {
            if let current = open {
                let joined = current.lowerBound..<line.upperBound
                if bytes(joined) <= budget {
                    open = joined
                    continue
                }
                if bytes(line) <= budget {
                    pieces.append(current)
                    open = line
                    continue
                }
            } else if bytes(line) <= budget {
                open = line
                continue
            }
            // A line longer than a piece: cut between characters, filling the open piece first.
            var start = open?.lowerBound ?? line.lowerBound
            var index = line.lowerBound
            while index < line.upperBound {
                let next = text.index(after: index)
                if bytes(start..<next) <= budget {
                    index = next
                } else if start < index {
                    pieces.append(start..<index)
                    start = index
                } else {
                    // One character longer than a piece: cut between its scalars.
                    var scalar = index
                    while scalar < next {
                        let after = text.unicodeScalars.index(after: scalar)
                        if bytes(start..<after) > budget {
                            pieces.append(start..<scalar)
                            start = scalar
                        }
                        scalar = after
                    }
                    index = next
                }
            }
            open = start..<line.upperBound
        }
        if let open { pieces.append(open) }
        return pieces.compactMap { range in
            var piece = String(Substring(text.unicodeScalars[range]))
            while let first = piece.first, first == "\n" || first == "\r\n" { piece.removeFirst() }
            while let last = piece.last, last == "\n" || last == "\r\n" { piece.removeLast() }
            return piece.isEmpty ? nil : piece
        }
    }

    /// The ranges of `text`'s lines, without their line breaks (`\n` or `\r\n`).
    private static func lines(of text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            if character == "\n" || character == "\r\n" {
                result.append(start..<index)
                start = next
            }
            index = next
        }
        result.append(start..<text.endIndex)
        return result
    }
}
