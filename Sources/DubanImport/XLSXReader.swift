import DubanCore
import DubanPlans
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first sheet of an Excel workbook (`.xlsx`) as rows of text: shared strings, inline
/// strings, numbers and booleans, each cell at its column however sparse the row.
///
/// Numbers are read as Excel stores them (a date is its serial number, e.g. 45838 for 2025-06-30);
/// formulas as their last computed value. A merged cell's value is in every cell it spans, as the
/// person reading the sheet sees it (a 牵头单位 merged down three rows leads all three).
package enum XLSXReader {
    /// The rows of the workbook's first sheet, numbered as Excel shows them, and the numbers of
    /// those hidden in Excel.
    ///
    /// - Throws: `PlanError` at `file` when the bytes are not a workbook duban can read.
    package static func read(data: Data, file: String) throws(PlanError) -> (rows: [ProgressSheet.Row], hidden: [Int]) {
        func fail(_ message: String) -> PlanError {
            PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), message,
                    fix: "open it in Excel or WPS and save it again as .xlsx, or as CSV UTF-8(逗号分隔)(*.csv)"))
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read, pathEncoding: nil)
        } catch {
            throw fail("the file is not a zip package, so not an .xlsx workbook")
        }
        func part(_ path: String) -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            guard (try? archive.extract(entry, consumer: { bytes.append($0) })) != nil else { return nil }
            return bytes
        }
        let sheetPath = firstSheetPath(
            workbook: part("xl/workbook.xml"), relationships: part("xl/_rels/workbook.xml.rels"))
        guard let sheet = part(sheetPath) else {
            throw fail("the workbook has no worksheet (\(sheetPath) is missing)")
        }
        var shared: [String] = []
        if let strings = part("xl/sharedStrings.xml") {
            let reader = SharedStringsReader()
            guard parse(strings, with: reader) else { throw fail("xl/sharedStrings.xml is not well-formed XML") }
            shared = reader.strings
        }
        let reader = SheetReader(shared: shared)
        guard parse(sheet, with: reader) else { throw fail("\(sheetPath) is not well-formed XML") }
        return (fillMerged(reader.rows, ranges: reader.merged), reader.hidden)
    }

    /// `rows` with each merged range's top-left value copied into the range's other cells.
    static func fillMerged(_ rows: [ProgressSheet.Row], ranges: [String]) -> [ProgressSheet.Row] {
        var rows = rows
        var byNumber: [Int: Int] = [:]
        for (i, row) in rows.enumerated() { byNumber[row.number] = i }
        for range in ranges {
            let corners = range.split(separator: ":").map(String.init)
            guard corners.count == 2, let from = cell(corners[0]), let to = cell(corners[1]),
                let top = byNumber[from.row], from.column < rows[top].cells.count
            else { continue }
            let value = rows[top].cells[from.column]
            for number in from.row...max(from.row, to.row) {
                guard let i = byNumber[number] else { continue }
                for column in from.column...max(from.column, to.column) {
                    while rows[i].cells.count <= column { rows[i].cells.append("") }
                    if rows[i].cells[column].isEmpty { rows[i].cells[column] = value }
                }
            }
        }
        return rows
    }

    /// The row number and column index of a reference such as `C12`.
    static func cell(_ reference: String) -> (row: Int, column: Int)? {
        guard let column = columnIndex(of: reference), let row = Int(reference.drop { $0.isLetter }) else {
            return nil
        }
        return (row, column)
    }

    /// The path of the workbook's first sheet: found through the workbook and its relationships,
    /// else `xl/worksheets/sheet1.xml`.
    static func firstSheetPath(workbook: Data?, relationships: Data?) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook, let relationships else { return fallback }
        let sheets = AttributeCollector(element: "sheet")
        let targets = AttributeCollector(element: "Relationship")
        guard parse(workbook, with: sheets), parse(relationships, with: targets),
            let id = sheets.found.first?.first(where: { $0.key == "r:id" || $0.key.hasSuffix(":id") })?.value,
            let target = targets.found.first(where: { $0["Id"] == id })?["Target"]
        else { return fallback }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    private static func parse(_ data: Data, with delegate: any XMLParserDelegate) -> Bool {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        return parser.parse()
    }

    /// Excel's column index, from 0, of a cell reference such as `AB12`.
    static func columnIndex(of reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}

/// `x:c` → `c`: some writers prefix SpreadsheetML's elements.
private func localName(_ element: String) -> Substring {
    element.split(separator: ":").last ?? Substring(element)
}

/// Collects the attributes of every element with a given name.
private final class AttributeCollector: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) {
        self.element = element
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
    }
}

/// Reads `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined, phonetic hints left out.
private final class SharedStringsReader: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current: String?
    private var inText = false
    private var inPhonetic = false

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch localName(element) {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !inPhonetic { current? += string }
    }
}

/// Reads a worksheet's `<sheetData>` into rows of cell text.
private final class SheetReader: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [ProgressSheet.Row] = []
    /// The `ref` of each `<mergeCell>`, e.g. `C2:C4`.
    var merged: [String] = []
    /// The numbers of the rows hidden in Excel.
    var hidden: [Int] = []
    private var row: (number: Int, cells: [String])?
    private var cell: (column: Int, type: String, text: String)?
    private var inValue = false
    private var inPhonetic = false

    init(shared: [String]) {
        self.shared = shared
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch localName(element) {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
            row = (number, [])
            if ["1", "true"].contains(attributes["hidden"]) { hidden.append(number) }
        case "mergeCell":
            if let reference = attributes["ref"] { merged.append(reference) }
        case "c":
            let column = attributes["r"].flatMap(XLSXReader.columnIndex(of:)) ?? (row?.cells.count ?? 0)
            cell = (column, attributes["t"] ?? "n", "")
        case "v", "t": inValue = cell != nil
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "row":
            if let row { rows.append(ProgressSheet.Row(number: row.number, cells: row.cells)) }
            row = nil
        case "c":
            guard let cell, row != nil else { break }
            var text = cell.text
            switch cell.type {
            case "s": text = Int(text).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
            case "b": text = text == "1" ? "TRUE" : "FALSE"
            default: break
            }
            while row!.cells.count < cell.column { row!.cells.append("") }
            if row!.cells.count == cell.column { row!.cells.append(text) } else { row!.cells[cell.column] = text }
            self.cell = nil
        case "v", "t": inValue = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue, !inPhonetic { cell?.text += string }
    }
}
