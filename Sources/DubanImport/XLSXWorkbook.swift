import DubanPlans
import Foundation
import ZIPFoundation

/// A one-sheet Excel workbook (Office Open XML SpreadsheetML, `.xlsx`): a bold header row frozen at
/// the top, columns as wide as their text, every other cell an inline string or a whole number.
///
/// Every zip entry carries the same fixed date, so the same cells give the same bytes.
public struct XLSXWorkbook: Sendable {
    /// A cell's value.
    public enum Cell: Hashable, Sendable {
        /// Text, written as an inline string.
        case text(String)
        /// A whole number, written as a number so Excel sorts it as one.
        case number(Int)

        var text: String {
            switch self {
            case .text(let text): text
            case .number(let n): String(n)
            }
        }
    }

    /// The sheet's name, as Excel shows it on the tab.
    public var sheetName: String
    /// The header row.
    public var header: [String]
    /// The rows under it.
    public var rows: [[Cell]]

    /// The date every entry of the zip carries: 2024-01-01 12:00 UTC.
    static let entryDate = Date(timeIntervalSince1970: 1_704_110_400)

    /// Makes a workbook.
    public init(sheetName: String, header: [String], rows: [[Cell]]) {
        self.sheetName = sheetName
        self.header = header
        self.rows = rows
    }

    /// The `.xlsx` file's bytes.
    public func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.entryDate,
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// The package's parts, `[Content_Types].xml` first.
    var parts: [(String, String)] {
        [
            ("[Content_Types].xml", Self.contentTypes),
            ("_rels/.rels", Self.packageRelationships),
            ("xl/workbook.xml", workbookXML),
            ("xl/_rels/workbook.xml.rels", Self.workbookRelationships),
            ("xl/styles.xml", Self.styles),
            ("xl/worksheets/sheet1.xml", sheetXML),
        ]
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// Style 0: plain text at the top of its cell; style 1: the bold header.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
        <alignment vertical="top"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
        <alignment horizontal="center" vertical="center"/></xf></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    var workbookXML: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(Self.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets>\
        </workbook>
        """
    }

    /// `xl/worksheets/sheet1.xml`: the frozen header, the column widths and the cells.
    var sheetXML: String {
        let width = max(header.count, rows.map(\.count).max() ?? 0)
        let last = ProgressSheet.columnLetter(max(width, 1) - 1) + String(rows.count + 1)
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <dimension ref="A1:\(last)"/>\
            <sheetViews><sheetView workbookViewId="0">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/>
            """
        if width > 0 {
            out += "<cols>"
            for (index, columnWidth) in columnWidths(count: width).enumerated() {
                out += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(columnWidth)\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += row(1, header.map(Cell.text), style: 1)
        for (index, cells) in rows.enumerated() { out += row(index + 2, cells, style: 0) }
        return out + "</sheetData></worksheet>"
    }

    private func row(_ number: Int, _ cells: [Cell], style: Int) -> String {
        var out = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let reference = ProgressSheet.columnLetter(index) + String(number)
            switch cell {
            case .number(let n):
                out += "<c r=\"\(reference)\" s=\"\(style)\"><v>\(n)</v></c>"
            case .text(let text) where text.isEmpty:
                continue
            case .text(let text):
                out +=
                    "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    + Self.escape(text) + "</t></is></c>"
            }
        }
        return out + "</row>"
    }

    /// Each column as wide as its longest line (a CJK character counts two), from 6 to 60.
    private func columnWidths(count: Int) -> [Int] {
        (0..<count).map { index in
            let texts =
                [index < header.count ? header[index] : ""] + rows.map { index < $0.count ? $0[index].text : "" }
            let longest =
                texts.flatMap { $0.split(separator: "\n") }.map { line in
                    line.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) }
                }.max() ?? 0
            return min(60, max(6, longest + 2))
        }
    }

    /// `text` safe in XML content and attributes, without the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
