import Foundation

/// The small Markdown the document templates write, read into blocks for the HTML and docx
/// writers: `#`–`####` headings, paragraphs, `- ` and `1. ` lists, `|` tables and `**bold**`.
///
/// Templates are ours, so anything else is a paragraph: no raw HTML, links or code.
enum MarkdownBlock: Hashable, Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    case bullets([String])
    case numbered([String])
    case table(header: [String], rows: [[String]])

    /// The blocks of `markdown`, in order.
    static func parse(_ markdown: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var bullets: [String] = []
        var numbered: [String] = []
        var table: [[String]] = []

        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined())) }
            if !bullets.isEmpty { blocks.append(.bullets(bullets)) }
            if !numbered.isEmpty { blocks.append(.numbered(numbered)) }
            if let header = table.first {
                blocks.append(.table(header: header, rows: Array(table.dropFirst())))
            }
            paragraph = []
            bullets = []
            numbered = []
            table = []
        }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if let level = headingLevel(line) {
                flush()
                blocks.append(.heading(level: level, text: String(line.dropFirst(level + 1))))
            } else if line.hasPrefix("|") {
                if !table.isEmpty || paragraph.isEmpty && bullets.isEmpty && numbered.isEmpty {
                    let cells = cells(line)
                    // The separator row (|---|---|) only marks the header.
                    if !cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }) {
                        table.append(cells)
                    }
                } else {
                    flush()
                    table.append(cells(line))
                }
            } else if line.hasPrefix("- ") {
                if bullets.isEmpty { flush() }
                bullets.append(String(line.dropFirst(2)))
            } else if let item = numberedItem(line) {
                if numbered.isEmpty { flush() }
                numbered.append(item)
            } else {
                if !bullets.isEmpty || !numbered.isEmpty || !table.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...4).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func numberedItem(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(line.dropFirst(digits.count + 2))
    }

    private static func cells(_ line: String) -> [String] {
        var text = Substring(line)
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") { text = text.dropLast() }
        return text.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }
}

/// A run of text, bold or not, from `**bold**` marks.
struct TextRun: Hashable, Sendable {
    var text: String
    var bold: Bool

    /// The runs of `text`; an unclosed `**` is kept as written.
    static func runs(_ text: String) -> [TextRun] {
        let parts = text.components(separatedBy: "**")
        guard parts.count % 2 == 1 else { return [TextRun(text: text, bold: false)] }
        return parts.enumerated().compactMap { index, part in
            part.isEmpty ? nil : TextRun(text: part, bold: index % 2 == 1)
        }
    }
}
