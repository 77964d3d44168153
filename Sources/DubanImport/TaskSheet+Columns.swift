import DubanCore
import DubanPlans

extension TaskSheet {
    /// Which column of the sheet holds which field, from its header row.
    struct Columns {
        /// The 0-based index of each field's column.
        var index: [TaskField: Int] = [:]
        /// The header cells as written, trimmed.
        var headers: [String]
        /// The columns read past (备注, 完成情况, or mapped to `ignore`).
        var ignored: [Int] = []

        init(header row: ProgressSheet.Row, file: String, map: ColumnMap) throws(PlanError) {
            headers = row.cells.map(ProgressSheet.trimmed)
            var issues: [PlanIssue] = []
            func location(_ column: Int) -> SourceLocation {
                SourceLocation(file: file, line: row.number, column: column + 1)
            }
            let known = TaskField.allCases.flatMap(\.headers)
            for (i, header) in headers.enumerated() where !header.isEmpty {
                guard let field = map.field(of: header) else {
                    let suggestion =
                        ProgressSheet.nearestName(to: header, among: known).map { "did you mean “\($0)”? " } ?? ""
                    issues.append(
                        PlanIssue(
                            .error, at: location(i),
                            "row \(row.number), column \(ProgressSheet.columnLetter(i)): unknown column “\(header)”",
                            fix:
                                "\(suggestion)name it one of: \(TaskField.accepted); or say which field it holds in a "
                                + "--map file (`\(header): due`, a field's English name, or `\(header): ignore` to read "
                                + "past it), or delete the column"))
                    continue
                }
                if field == .ignore {
                    ignored.append(i)
                    continue
                }
                if let first = index[field] {
                    issues.append(
                        PlanIssue(
                            .error, at: location(i),
                            "row \(row.number), column \(ProgressSheet.columnLetter(i)): “\(header)” is a second "
                                + "\(field.header) column (column \(ProgressSheet.columnLetter(first)) is “\(headers[first])”)",
                            fix:
                                "keep one, or map the other to another field with --map columns.yaml (e.g. `\(header): source`)"
                        ))
                    continue
                }
                index[field] = i
            }
            for field in [TaskField.title, .lead, .due] where index[field] == nil {
                issues.append(
                    PlanIssue(
                        .error, at: location(0), "row \(row.number): the header has no \(field.header) column",
                        fix: "add a column named \(field.headers.dropLast().joined(separator: " or ")), "
                            + "or map yours with --map columns.yaml"))
            }
            if !issues.isEmpty { throw PlanError(issues: issues) }
        }

        /// The non-empty cell of `field` in `row`, trimmed.
        func cell(_ field: TaskField, of row: ProgressSheet.Row) -> (index: Int, text: String)? {
            guard let i = index[field], i < row.cells.count else { return nil }
            let text = ProgressSheet.trimmed(row.cells[i])
            return text.isEmpty ? nil : (i, text)
        }

        /// `column C “完成时限”`, or `column F` under an empty header.
        func label(_ i: Int) -> String {
            let header = i < headers.count ? headers[i] : ""
            return "column \(ProgressSheet.columnLetter(i))" + (header.isEmpty ? "" : " “\(header)”")
        }
    }
}
