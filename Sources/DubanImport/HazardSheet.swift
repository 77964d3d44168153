import DubanCore
import DubanPlans
import Foundation

/// A hazard ledger (隐患台账) as offices keep it in Excel or WPS: one hazard a row under a header
/// row that names the columns (企业名称, 统一社会信用代码, 行业领域, 整改期限 …, or the fields' English
/// names), CSV in UTF-8 or GB18030 or an `.xlsx` workbook's first sheet. Cells are read as text and
/// checked by the ledger (`Hazard.make`), so a sheet, `hazard add` and the API refuse the same things.
public struct HazardSheet: Hashable, Sendable {
    /// One hazard of the sheet.
    public struct Row: Hashable, Sendable {
        /// The row's number in the sheet, from 1.
        public var line: Int
        /// Its id, when the sheet has an id column (编号) and the cell is filled.
        public var id: String?
        /// Its fields, by name; dates already in ISO form.
        public var fields: [HazardField: String]
    }

    /// A column map (`--map columns.yaml`): a header duban does not know, and the field it holds
    /// (a `HazardField` name, `id`, or `ignore`).
    public struct Columns: Hashable, Sendable {
        var targets: [String: Target] = [:]

        /// An empty map: only the headers duban knows are read.
        public init() {}

        /// Reads a map file's text; `file` is the name problems are reported under.
        ///
        /// - Throws: `PlanError` with every entry whose field is unknown, at its line and column.
        public static func read(yaml: String, file: String) throws(PlanError) -> Columns {
            var map = Columns()
            var issues: [PlanIssue] = []
            for entry in try FlatMappingFile.read(yaml: yaml, file: file) {
                guard let target = Target(entry.value) else {
                    issues.append(
                        PlanIssue(
                            .error, at: entry.location,
                            "header “\(entry.key)” is mapped to “\(entry.value)”, not a hazard field",
                            fix: "map it to one of: \(Target.names.joined(separator: ", "))"))
                    continue
                }
                map.targets[ProgressSheet.headerKeys(entry.key)[0]] = target
            }
            if !issues.isEmpty { throw PlanError(issues: issues) }
            return map
        }

        /// What `header` holds: the map's say first, then the headings ledgers use.
        func target(of header: String) -> Target? {
            let keys = ProgressSheet.headerKeys(header)
            for key in keys { if let target = targets[key] { return target } }
            for key in keys { if let target = Target.known[key] { return target } }
            return nil
        }
    }

    /// What a column holds.
    enum Target: Hashable, Sendable {
        case field(HazardField)
        case id
        case ignore

        init?(_ name: String) {
            switch name {
            case "id": self = .id
            case "ignore": self = .ignore
            default:
                guard let field = HazardField(rawValue: name) else { return nil }
                self = .field(field)
            }
        }

        static let names = HazardField.allCases.map(\.rawValue) + ["id", "ignore"]

        /// The headings ledgers use and the fields' own names, by lookup key.
        static let known: [String: Target] = {
            var known: [String: Target] = [:]
            for field in HazardField.allCases {
                for heading in [field.rawValue] + field.headings {
                    known[ProgressSheet.headerKeys(heading)[0]] = .field(field)
                }
            }
            for heading in ["id", "编号", "隐患编号"] { known[ProgressSheet.headerKeys(heading)[0]] = .id }
            for heading in ["序号", "备注"] { known[heading] = .ignore }
            return known
        }()
    }

    /// The hazards, in sheet order.
    public var rows: [Row]

    /// Reads a sheet's bytes; `file` is the name problems are reported under.
    ///
    /// - Throws: `PlanError` with every problem of the header and the cells, each at its row and
    ///   column: an unknown or repeated column, a missing required column, a date no form reads.
    public static func read(data: Data, file: String, columns map: Columns = Columns()) throws(PlanError) -> HazardSheet
    {
        let rows = try TaskSheet.rows(of: data, file: file).rows
        let filled = rows.filter { !$0.isBlank }
        // A title row (重大事故隐患台账) may stand above the header: the header is the first row
        // with at least two columns duban knows.
        guard
            let headerIndex = filled.prefix(3).firstIndex(where: { row in
                row.cells.count { map.target(of: $0) != nil } >= 2
            })
        else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: filled.first?.number ?? 1, column: 1),
                    "the sheet has no header row naming the ledger's columns",
                    fix: "the first row names the columns: 企业名称, 统一社会信用代码, 企业地址, 所属街道, 行业领域, "
                        + "隐患描述, 判定依据, 发现日期, 发现渠道, 发现人, 整改期限"))
        }
        let header = filled[headerIndex]
        let index = try columns(of: header, file: file, map: map)
        var issues: [PlanIssue] = []
        var hazards: [Row] = []
        hazards.reserveCapacity(filled.count - headerIndex)
        for row in filled[(headerIndex + 1)...] {
            var hazard = Row(line: row.number, id: nil, fields: [:])
            for (column, target) in index where column < row.cells.count {
                let text = ProgressSheet.trimmed(row.cells[column])
                if text.isEmpty { continue }
                switch target {
                case .id: hazard.id = text
                case .ignore: break
                case .field(let field) where field == .foundOn || field == .deadline:
                    guard let day = TaskSheet.day(text) else {
                        issues.append(
                            PlanIssue(
                                .error, at: SourceLocation(file: file, line: row.number, column: column + 1),
                                "row \(row.number), column \(ProgressSheet.columnLetter(column)) (\(field.headings[0])): "
                                    + "“\(ProgressSheet.shown(text))” is not a date",
                                fix: "write a day, e.g. 2025-03-15, 2025/3/15 or 2025年3月15日"))
                        continue
                    }
                    hazard.fields[field] = day.description
                case .field(let field): hazard.fields[field] = text
                }
            }
            hazards.append(hazard)
        }
        if hazards.isEmpty {
            issues.append(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: header.number + 1, column: 1),
                    "the sheet has no hazards under its header", fix: "add one row per hazard under the header"))
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return HazardSheet(rows: hazards)
    }

    /// What each column of `header` holds, by 0-based column.
    static func columns(
        of header: ProgressSheet.Row, file: String, map: Columns
    ) throws(PlanError) -> [(column: Int, target: Target)] {
        var index: [(column: Int, target: Target)] = []
        var issues: [PlanIssue] = []
        for (column, cell) in header.cells.enumerated() {
            let heading = ProgressSheet.trimmed(cell)
            if heading.isEmpty { continue }
            let location = SourceLocation(file: file, line: header.number, column: column + 1)
            let letter = ProgressSheet.columnLetter(column)
            guard let target = map.target(of: heading) else {
                let known = HazardField.allCases.flatMap(\.headings)
                let suggestion =
                    ProgressSheet.nearestName(to: heading, among: known).map { "did you mean “\($0)”? " } ?? ""
                issues.append(
                    PlanIssue(
                        .error, at: location, "row \(header.number), column \(letter): unknown column “\(heading)”",
                        fix:
                            "\(suggestion)name it as the ledger does (\(HazardField.allCases.map { $0.headings[0] }.joined(separator: ", "))), "
                            + "or say what it holds in a --map file (`\(heading): funds`, or `\(heading): ignore`)"))
                continue
            }
            if target != .ignore, let first = index.first(where: { $0.target == target }) {
                issues.append(
                    PlanIssue(
                        .error, at: location,
                        "row \(header.number), column \(letter): “\(heading)” is a second column for the same field "
                            + "(column \(ProgressSheet.columnLetter(first.column)) is “\(ProgressSheet.trimmed(header.cells[first.column]))”)",
                        fix: "keep one, or map the other with --map columns.yaml (`\(heading): ignore`)"))
                continue
            }
            index.append((column, target))
        }
        for field in HazardField.required where !index.contains(where: { $0.target == .field(field) }) {
            issues.append(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: header.number, column: 1),
                    "row \(header.number): the header has no \(field.headings[0]) (\(field.rawValue)) column",
                    fix:
                        "add a column named \(field.headings.prefix(2).joined(separator: " or ")), or map yours with --map columns.yaml"
                ))
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return index
    }

    /// A ledger of `hazards` as CSV with the ledger's headings — UTF-8 with a byte order mark (so
    /// Excel reads the Chinese right), RFC 4180 quoting, CRLF line ends — that `read` reads back.
    public static func csv(_ hazards: [(id: String?, fields: [HazardField: String])]) -> Data {
        let fields = HazardField.allCases
        var out = "\u{FEFF}" + (["编号"] + fields.map { $0.headings[0] }).joined(separator: ",") + "\r\n"
        for hazard in hazards {
            out +=
                ([hazard.id ?? ""] + fields.map { hazard.fields[$0] ?? "" }).map(TaskSheetWriter.quoted).joined(
                    separator: ",") + "\r\n"
        }
        return Data(out.utf8)
    }
}
