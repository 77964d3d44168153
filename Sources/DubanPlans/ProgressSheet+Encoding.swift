import DubanCore
import Foundation

/// How a sheet's bytes become rows of cells: the text encoding Excel saved it in, then RFC 4180 CSV.
extension ProgressSheet {
    /// One row of the sheet as Excel numbers it (a quoted cell may hold line breaks, so a row can
    /// span several lines of the file), with its cells as written.
    package struct Row: Hashable, Sendable {
        /// The row's number in the sheet, from 1; empty rows count.
        package var number: Int
        /// The cells, unquoted.
        package var cells: [String]

        /// Makes a row.
        package init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }

        /// Whether every cell is empty or blank.
        package var isBlank: Bool {
            cells.allSatisfy { ProgressSheet.trimmed($0).isEmpty }
        }
    }

    /// GB18030, which Excel's plain "CSV" uses on Chinese Windows (code page 936, GBK, is a subset).
    package static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The sheet's text: UTF-8 with or without a byte order mark, else GB18030.
    package static func decode(_ data: Data, file: String) throws(PlanError) -> String {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let saveAsCSV = "in Excel or WPS use 另存为 (Save As) → CSV UTF-8(逗号分隔)(*.csv)"
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw PlanError(
                PlanIssue(
                    .error, at: start, "the file is an Excel workbook (.xlsx/.xls), not a CSV sheet", fix: saveAsCSV))
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw PlanError(
                PlanIssue(
                    .error, at: start, "the file is UTF-16 text (Excel's “Unicode text”), not a CSV sheet",
                    fix: saveAsCSV))
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: data.dropFirst(3), as: UTF8.self) else {
                throw PlanError(
                    PlanIssue(
                        .error, at: start, "the file starts with a UTF-8 byte order mark but is not valid UTF-8",
                        fix: saveAsCSV))
            }
            return text
        }
        if let text = String(validating: data, as: UTF8.self) { return text }
        if let text = String(data: data, encoding: gb18030) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        throw PlanError(
            PlanIssue(.error, at: start, "the file is neither UTF-8 nor GB18030 text", fix: saveAsCSV))
    }

    /// The rows of `text` as RFC 4180 CSV: cells separated by commas, rows by CRLF, LF or CR; a cell
    /// in double quotes may hold commas, line breaks and doubled quotes (`""`). Line breaks inside a
    /// cell become LF.
    package static func rows(of text: String, file: String) throws(PlanError) -> [Row] {
        let scalars = Array(text.unicodeScalars)
        var rows: [Row] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var inQuotes = false
        var cellWasQuoted = false
        var quoteOpened = (row: 0, column: 0)
        var number = 1

        func endCell() {
            cells.append(String(cell))
            cell = String.UnicodeScalarView()
            cellWasQuoted = false
        }
        func endRow() {
            endCell()
            rows.append(Row(number: number, cells: cells))
            cells = []
            number += 1
        }

        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if inQuotes {
                switch c {
                case "\"" where next == "\"":
                    cell.append("\"")
                    i += 1
                case "\"":
                    inQuotes = false
                case "\r":
                    if next == "\n" { i += 1 }
                    cell.append("\n")
                default:
                    cell.append(c)
                }
            } else {
                switch c {
                case "\"" where cell.isEmpty && !cellWasQuoted:
                    inQuotes = true
                    cellWasQuoted = true
                    quoteOpened = (number, cells.count + 1)
                case ",":
                    endCell()
                case "\r", "\n":
                    if c == "\r", next == "\n" { i += 1 }
                    endRow()
                default:
                    cell.append(c)
                }
            }
            i += 1
        }
        if inQuotes {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: quoteOpened.row, column: quoteOpened.column),
                    "row \(quoteOpened.row), column \(columnLetter(quoteOpened.column - 1)): a quoted cell opens here and is never closed",
                    fix: "end the cell with a closing \"; a \" inside a quoted cell is written twice (\"\")"))
        }
        if !cell.isEmpty || !cells.isEmpty || cellWasQuoted { endRow() }
        return rows
    }

    /// Excel's name for the column at 0-based `index`: A, B, …, Z, AA, AB, ….
    package static func columnLetter(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(r))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }
}
