/// A plain-text table whose columns line up in a terminal, counting Chinese characters as two
/// columns wide.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table, two spaces between columns, the last column unpadded.
    var rendered: String {
        var widths = header.map(Self.width)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], Self.width(cell))
            }
        }
        return ([header] + rows).map { row in
            var line = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - Self.width(cell))
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Display width: East Asian wide and full-width characters take two columns.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                sum + 2
            default:
                sum + 1
            }
        }
    }
}
