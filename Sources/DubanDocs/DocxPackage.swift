import DubanCore
import Foundation
import ZIPFoundation

/// A document as a Word file (Office Open XML, `.docx`) laid out as GB/T 9704 asks: A4 with
/// 37/35/28/26 mm margins, the issuing body in red 小标宋 over a red rule, the number in 仿宋,
/// the title in 小标宋 2号, the body in 仿宋_GB2312 3号 at 28 pt lines with a two-character indent,
/// headings in 黑体 and 楷体, and the page number in the footer as `— 1 —`.
///
/// Every entry is dated with the document's own date, so the same document gives the same bytes.
struct DocxPackage {
    let document: OfficialDocument

    static let red = "E60012"
    static let fangsong = "仿宋_GB2312"
    static let xiaobiaosong = "方正小标宋简体"
    static let heiti = "黑体"
    static let kaiti = "楷体_GB2312"

    /// The `.docx` file's bytes.
    func data() throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw DocumentError(message: "a docx package cannot be made: \(error)", fix: "report this as a bug")
        }
        let stamp = document.date.startDate.addingTimeInterval(12 * 3_600)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else {
            throw DocumentError(message: "the docx package came out empty", fix: "report this as a bug")
        }
        return data
    }

    /// The package's parts, `[Content_Types].xml` first.
    var parts: [(String, String)] {
        [
            ("[Content_Types].xml", Self.contentTypes),
            ("_rels/.rels", Self.packageRelationships),
            ("docProps/core.xml", coreProperties),
            ("word/_rels/document.xml.rels", Self.documentRelationships),
            ("word/styles.xml", DocxStyles.xml),
            ("word/footer1.xml", Self.footer),
            ("word/document.xml", documentXML),
        ]
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        </Relationships>
        """

    static let footer = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>\
        <w:r><w:t xml:space="preserve">— </w:t></w:r>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
        <w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>\
        </w:ftr>
        """

    var coreProperties: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(Self.escape(document.title))</dc:title>\
        <dc:creator>\(Self.escape(document.issuer))</dc:creator>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(document.date)T00:00:00Z</dcterms:created>\
        </cp:coreProperties>
        """
    }

    /// `word/document.xml`: head, title, addressee, body blocks, signature, section properties.
    var documentXML: String {
        var body: [String] = []
        body.append(Self.paragraph(style: "Issuer", runs: [TextRun(text: document.issuer, bold: false)]))
        body.append(
            Self.paragraph(
                style: "DocNumber", runs: document.number.map { [TextRun(text: $0, bold: false)] } ?? []))
        body.append(Self.paragraph(style: "DocTitle", runs: [TextRun(text: document.title, bold: false)]))
        if let addressee = document.addressee {
            body.append(Self.paragraph(style: "Addressee", runs: [TextRun(text: addressee, bold: false)]))
        }
        for block in MarkdownBlock.parse(document.body) {
            switch block {
            case .heading(let level, let text):
                body.append(Self.paragraph(style: level <= 2 ? "Heading2" : "Heading3", runs: TextRun.runs(text)))
            case .paragraph(let text):
                body.append(Self.paragraph(style: "BodyText", runs: TextRun.runs(text)))
            case .bullets(let items), .numbered(let items):
                for (index, item) in items.enumerated() {
                    let runs = [TextRun(text: "\(index + 1)．", bold: false)] + TextRun.runs(item)
                    body.append(Self.paragraph(style: "BodyText", runs: runs))
                }
            case .table(let header, let rows):
                body.append(Self.table(header: header, rows: rows))
            }
        }
        body.append(Self.paragraph(style: "Signature", runs: [TextRun(text: document.issuer, bold: false)]))
        body.append(Self.paragraph(style: "Signature", runs: [TextRun(text: document.dateText, bold: false)]))
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
            \(body.joined(separator: "\n"))
            <w:sectPr><w:footerReference w:type="default" r:id="rId2"/>\
            <w:pgSz w:w="11906" w:h="16838"/>\
            <w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>\
            <w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>
            </w:body></w:document>
            """
    }

    static func paragraph(style: String, runs: [TextRun]) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>" + runs.map(run).joined() + "</w:p>"
    }

    static func run(_ run: TextRun) -> String {
        (run.bold ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>")
            + "<w:t xml:space=\"preserve\">\(escape(run.text))</w:t></w:r>"
    }

    /// A table with single black borders, the header row repeated on each page.
    static func table(header: [String], rows: [[String]]) -> String {
        let width = 8844  // the text block: 210 mm − 28 mm − 26 mm, in twentieths of a point
        // Columns share the width by their longest text (a CJK character counts two), within limits,
        // so a title column is wide and a count column narrow.
        let lengths = header.indices.map { index in
            ([header] + rows).map {
                $0.indices.contains(index) ? $0[index].unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) } : 0
            }
            .max() ?? 1
        }
        let weights = lengths.map { Double(min(40, max(6, $0))) }
        let total = weights.reduce(0, +)
        var columns = weights.map { Int(Double(width) * $0 / total) }
        if !columns.isEmpty { columns[columns.count - 1] += width - columns.reduce(0, +) }
        func row(_ cells: [String], header: Bool) -> String {
            let properties =
                header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>"
            return "<w:tr>\(properties)"
                + cells.enumerated().map { index, cell in
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(columns[min(index, columns.count - 1)])\" w:type=\"dxa\"/>"
                        + "<w:vAlign w:val=\"center\"/></w:tcPr>"
                        + paragraph(style: header ? "TableHeader" : "TableText", runs: TextRun.runs(cell)) + "</w:tc>"
                }.joined() + "</w:tr>"
        }
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(border)/>" }.joined()
            + "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
            + columns.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + row(header, header: true) + rows.map { row($0, header: false) }.joined() + "</w:tbl>"
            // Word needs a paragraph between a table and what follows it.
            + paragraph(style: "TableGap", runs: [])
    }

    /// `text` safe in XML content and attributes.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
