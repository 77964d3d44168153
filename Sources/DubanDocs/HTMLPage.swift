/// A document as one self-contained HTML page: the body's Markdown turned into HTML and set in
/// `page.html.mustache` (inline CSS, system fonts only, A4 print rules).
struct HTMLPage {
    let document: OfficialDocument
    let templates: DocumentTemplates

    var rendered: String {
        var context: [String: Any] = [
            "issuer": Self.escape(document.issuer),
            "title": Self.escape(document.title),
            "body": Self.html(MarkdownBlock.parse(document.body)),
            "date": Self.escape(document.dateText),
        ]
        // An absent key, not an empty string, is what hides a Mustache section.
        if let number = document.number { context["number"] = Self.escape(number) }
        if let addressee = document.addressee { context["addressee"] = Self.escape(addressee) }
        return templates.render("page.html", context)
    }

    /// The blocks as HTML elements, one per line.
    static func html(_ blocks: [MarkdownBlock]) -> String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let tag = "h\(min(6, level + 1))"
                lines.append("<\(tag)>\(inline(text))</\(tag)>")
            case .paragraph(let text):
                lines.append("<p>\(inline(text))</p>")
            case .bullets(let items):
                lines.append("<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>")
            case .numbered(let items):
                lines.append("<ol>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ol>")
            case .table(let header, let rows):
                lines.append("<table>")
                lines.append("<thead><tr>" + header.map { "<th>\(inline($0))</th>" }.joined() + "</tr></thead>")
                lines.append("<tbody>")
                for row in rows {
                    lines.append("<tr>" + row.map { "<td>\(inline($0))</td>" }.joined() + "</tr>")
                }
                lines.append("</tbody></table>")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Escaped text with `**bold**` as `<strong>`.
    static func inline(_ text: String) -> String {
        TextRun.runs(text).map { $0.bold ? "<strong>\(escape($0.text))</strong>" : escape($0.text) }.joined()
    }

    /// `text` safe inside HTML elements and attributes.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
