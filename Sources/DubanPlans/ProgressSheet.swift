import DubanCore
import Foundation

/// Reads a department's progress sheet: a CSV file as Excel or WPS saves it in China, one progress
/// report per row under a header row.
///
/// The file is UTF-8 (with or without a byte order mark, Excel's “CSV UTF-8”) or GB18030 (Excel's
/// plain “CSV” on Chinese Windows), with CRLF or LF line ends and RFC 4180 quoting.
///
/// The header names the columns, in English or Chinese, in any order (case does not matter, and a
/// note in parentheses such as `完成进度（%）` is allowed):
///
/// | column | names | cells |
/// |---|---|---|
/// | task (required) | `task`, `任务编号`, `任务ID`, `编号` | the task's id |
/// | department (required) | `department`, `by`, `报送单位`, `责任单位`, `单位` | the reporting department |
/// | date (required) | `date`, `日期`, `报送日期` | `2024-03-20`, `2024/3/20`, `2024年3月20日` |
/// | percent | `percent`, `进度`, `完成进度`, `完成比例` | 0 to 100, `%` allowed |
/// | occurrence | `occurrence`, `期次`, `周期` | `2024Q1`, `2024-03`, `2024-03/04`, `2024H1`, `2024` (or `2024年第一季度`, `2024年3月`, `2024年上半年`) |
/// | done | `done`, `是否完成`, `完成情况` | yes/no, true/false, 1/0, 是/否, 已完成/未完成; empty = done |
/// | value | `value`, `数值`, `实际值` | a number |
/// | note | `note`, `evidence`, `说明`, `备注`, `佐证` | free text |
///
/// `序号` and `任务名称` (`title`) columns are allowed and ignored; so are title rows above the header
/// that hold a single cell. Each row fills exactly one of percent, occurrence and value. Empty rows
/// are skipped.
///
/// The reader does not know the plan: whether the task exists, whether the department may report on
/// it and whether an occurrence fits the task's frequency is for the store to check.
public enum ProgressSheet {
    /// Reads the sheet at `path`.
    /// - Throws: `PlanError` with every problem found, each at the file, sheet row and column.
    public static func read(path: String) throws(PlanError) -> [ProgressEntry] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw PlanError(
                PlanIssue(
                    .error, at: nil, subject: path, isFolder.boolValue ? "is a folder, not a sheet" : "no such file",
                    fix: "name the progress sheet, a .csv file"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanError(
                PlanIssue(
                    .error, at: nil, subject: path, "the file cannot be read", fix: "check the file's permissions"))
        }
        return try read(data: data, file: path)
    }

    /// Reads a sheet's bytes; `file` is the name problems are reported under.
    ///
    /// Each entry's `row` is its row number in the sheet as Excel shows it (the header is row 1 when
    /// nothing is above it). A sheet with any bad row is rejected whole.
    /// - Throws: `PlanError` with every problem found: each bad cell of every row, at `file`, the
    ///   row and the cell's column (from 1).
    public static func read(data: Data, file: String) throws(PlanError) -> [ProgressEntry] {
        let rows = try rows(of: try decode(data, file: file), file: file)
        let filled = rows.filter { !$0.isBlank }
        // Title rows above the header: one cell, and not a column name.
        var headerIndex = 0
        while headerIndex + 1 < filled.count, headerIndex < 3, isTitle(filled[headerIndex]) { headerIndex += 1 }
        guard headerIndex < filled.count else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the sheet has no header row",
                    fix:
                        "the first row names the columns: 任务编号 (task), 报送单位 (department), 日期 (date) and one of 进度 (percent), 期次 (occurrence) or 数值 (value)"
                ))
        }
        let columns = try Columns(header: filled[headerIndex], file: file)
        var entries: [ProgressEntry] = []
        var issues: [PlanIssue] = []
        for row in filled[(headerIndex + 1)...] {
            if let entry = entry(row, columns: columns, file: file, issues: &issues) { entries.append(entry) }
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return entries
    }

    private static func isTitle(_ row: Row) -> Bool {
        let cells = row.cells.map(trimmed).filter { !$0.isEmpty }
        return cells.count == 1 && Column.named(cells[0]) == nil
    }
}

// MARK: - Columns

extension ProgressSheet {
    /// What a column holds.
    enum Column: CaseIterable {
        case task, department, date, percent, occurrence, done, value, note
        /// Allowed and not read: `序号`, `任务名称`.
        case ignored

        /// The names a header may use, the English one first.
        var names: [String] {
            switch self {
            case .task: ["task", "任务编号", "任务ID", "编号"]
            case .department: ["department", "by", "报送单位", "责任单位", "单位"]
            case .date: ["date", "日期", "报送日期"]
            case .percent: ["percent", "进度", "完成进度", "完成比例"]
            case .occurrence: ["occurrence", "期次", "周期"]
            case .done: ["done", "是否完成", "完成情况"]
            case .value: ["value", "数值", "实际值"]
            case .note: ["note", "evidence", "说明", "备注", "佐证"]
            case .ignored: ["序号", "no.", "title", "任务名称"]
            }
        }

        private static let byName: [String: Column] = {
            var map: [String: Column] = [:]
            for column in allCases { for name in column.names { map[name.lowercased()] = column } }
            return map
        }()

        /// The column a header cell names: trimmed, case and full-width forms ignored, with or
        /// without a parenthesised note (`完成进度（%）`) or parentheses (`任务（ID）`).
        static func named(_ header: String) -> Column? {
            for key in keys(header) { if let column = byName[key] { return column } }
            return nil
        }

        /// The forms of `header` to look up.
        static func keys(_ header: String) -> [String] {
            ProgressSheet.headerKeys(header)
        }

        /// The known name closest to `header`, when it is close enough to be a typo.
        static func nearest(to header: String) -> String? {
            ProgressSheet.nearestName(to: header, among: allCases.flatMap(\.names))
        }

        /// The Chinese name a template would use.
        var preferred: String {
            switch self {
            case .task: "任务编号"
            case .department: "报送单位"
            case .date: "日期"
            default: names[1]
            }
        }

        /// `task (任务编号, 任务ID, 编号)`, for fixes.
        var listing: String {
            "\(names[0]) (\(names.dropFirst().joined(separator: ", ")))"
        }

        /// Every accepted name, for the fix of an unknown column.
        static var accepted: String {
            allCases.filter { $0 != .ignored }.map(\.listing).joined(separator: "; ")
                + "; and, not read, \(Column.ignored.names.joined(separator: ", "))"
        }
    }

    /// Which column of the sheet holds what, from its header row.
    struct Columns {
        /// The 0-based index of each column the header names.
        var index: [Column: Int] = [:]
        /// The header cells as written, trimmed.
        var headers: [String]

        init(header row: Row, file: String) throws(PlanError) {
            headers = row.cells.map(ProgressSheet.trimmed)
            var issues: [PlanIssue] = []
            var unknown = false
            func location(_ column: Int) -> SourceLocation {
                SourceLocation(file: file, line: row.number, column: column + 1)
            }
            for (i, header) in headers.enumerated() where !header.isEmpty {
                guard let column = Column.named(header) else {
                    unknown = true
                    let suggestion = Column.nearest(to: header).map { "did you mean “\($0)”? " } ?? ""
                    issues.append(
                        PlanIssue(
                            .error, at: location(i),
                            "row \(row.number), column \(columnLetter(i)): unknown column “\(header)”",
                            fix: "\(suggestion)name it one of: \(Column.accepted); or delete the column"))
                    continue
                }
                if column == .ignored { continue }
                if let first = index[column] {
                    let earlier = "column \(columnLetter(first)) is “\(headers[first])”"
                    issues.append(
                        PlanIssue(
                            .error, at: location(i),
                            "row \(row.number), column \(columnLetter(i)): “\(header)” is a second \(column.names[0]) column (\(earlier))",
                            fix: "keep one \(column.names[0]) column and delete the other"))
                    continue
                }
                index[column] = i
            }
            for column in [Column.task, .department, .date] where index[column] == nil {
                let others = column.names.dropFirst().filter { $0 != column.preferred }.joined(separator: ", ")
                issues.append(
                    PlanIssue(
                        .error, at: location(0),
                        "row \(row.number): the header has no \(column.names[0]) column",
                        fix:
                            "add a column named \(column.preferred) or \(column.names[0]) (also accepted: \(others))"
                    ))
            }
            // An unknown column is most likely the kind column misspelt: its issue says enough.
            if index[.percent] == nil, index[.occurrence] == nil, index[.value] == nil, !unknown {
                issues.append(
                    PlanIssue(
                        .error, at: location(0),
                        "row \(row.number): the header has no percent, occurrence or value column",
                        fix:
                            "add 进度 (percent, for milestones), 期次 (occurrence, for recurring duties) or 数值 (value, for targets)"
                    ))
            }
            if !issues.isEmpty { throw PlanError(issues: issues) }
        }

        /// `column C “日期”`, or `column F` under an empty header.
        func label(_ i: Int) -> String {
            let header = i < headers.count ? headers[i] : ""
            return "column \(columnLetter(i))" + (header.isEmpty ? "" : " “\(header)”")
        }

        /// The header of `column` as the sheet writes it.
        func name(_ column: Column) -> String {
            index[column].map { "“\(headers[$0])”" } ?? column.names[0]
        }
    }
}

// MARK: - Rows

extension ProgressSheet {
    /// The entry `row` reports, or nil after adding its problems to `issues`.
    static func entry(_ row: Row, columns: Columns, file: String, issues: inout [PlanIssue]) -> ProgressEntry? {
        let before = issues.count
        func report(_ i: Int, _ message: String, fix: String) {
            issues.append(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: row.number, column: i + 1),
                    "row \(row.number), \(columns.label(i)): \(message)", fix: fix))
        }
        func cell(_ column: Column) -> (index: Int, text: String)? {
            guard let i = columns.index[column], i < row.cells.count else { return nil }
            let text = trimmed(row.cells[i])
            return text.isEmpty ? nil : (i, text)
        }

        for (i, text) in row.cells.enumerated() where i >= columns.headers.count || columns.headers[i].isEmpty {
            guard !trimmed(text).isEmpty else { continue }
            report(
                i, "“\(shown(text))” is in a column with no header",
                fix: "name column \(columnLetter(i)) in the header row, or delete the value")
        }

        var required: [Column: String] = [:]
        for (column, fix) in [
            (Column.task, "write the task's id, e.g. m26-2024-confined-space-census (`duban plan show` lists them)"),
            (.department, "write the reporting department's id, e.g. emergency (see plans/departments.yaml)"),
            (.date, "write the day the report is true, e.g. 2024-03-20"),
        ] {
            guard let i = columns.index[column] else { continue }
            if let (_, text) = cell(column) {
                required[column] = text
            } else {
                report(i, "the \(column.names[0]) is empty", fix: fix)
            }
        }

        var day: Day?
        if let (i, text) = cell(.date) {
            switch parseDay(text) {
            case .day(let parsed): day = parsed
            case .noSuchDay(let year, let month):
                report(
                    i,
                    "“\(shown(text))” is not a day: \(year)年\(month)月 has \(Day.daysIn(month: month, year: year)) days",
                    fix: "write a day that exists, e.g. \(Day.lastDay(year: year, month: month))")
            case .unreadable:
                report(
                    i, "“\(shown(text))” is not a date",
                    fix: "write it as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日, e.g. 2024-03-20"
                        + (Int(text).map { (20_000...80_000).contains($0) } == true
                            ? " (a number like \(text) is an Excel date serial: format the column as a date)" : ""))
            }
        }

        var contents: [(index: Int, content: ProgressEntry.Content)] = []
        var kinds: [(index: Int, text: String)] = []
        if let (i, text) = cell(.percent) {
            kinds.append((i, text))
            switch number(text) {
            case let percent? where (0...100).contains(percent): contents.append((i, .percent(percent)))
            case let percent?:
                report(
                    i, "“\(shown(text))” is \(percent < 0 ? "below 0" : "over 100")",
                    fix: "write the percent done, from 0 to 100 (100 = done)")
            case nil:
                report(
                    i, "“\(shown(text))” is not a number",
                    fix: "write the percent done as a number from 0 to 100, e.g. 60 or 60%")
            }
        }
        var done: Bool?
        let doneCell = cell(.done)
        if let (i, text) = doneCell {
            done = parseDone(text)
            if done == nil {
                report(
                    i, "“\(shown(text))” is not yes or no",
                    fix:
                        "write 是 or 否 (also accepted: yes/no, true/false, 1/0, 已完成/未完成), or leave it empty for done")
            }
        }
        if let (i, text) = cell(.occurrence) {
            kinds.append((i, text))
            switch parsePeriod(text) {
            case .key(let key): contents.append((i, .occurrence(key, done: done ?? true)))
            case .invalid(let reason):
                report(i, "“\(shown(text))” is not a period: \(reason)", fix: periodFix)
            case .unreadable:
                report(i, "“\(shown(text))” is not a period", fix: periodFix)
            }
        }
        if let (i, text) = cell(.value) {
            kinds.append((i, text))
            if let value = number(text) {
                contents.append((i, .value(value)))
            } else {
                report(i, "“\(shown(text))” is not a number", fix: "write the measured value as a number, e.g. 42.5")
            }
        }

        let (percent, occurrence, value) = (columns.name(.percent), columns.name(.occurrence), columns.name(.value))
        let kindFix =
            "a row reports one thing: \(percent) (percent) for a milestone, \(occurrence) (occurrence) for a recurring duty, or \(value) (value) for a target"
        if kinds.count > 1 {
            let filled = kinds.map { "\(columns.label($0.index)) “\(shown($0.text))”" }
            report(
                kinds[1].index,
                "\(filled.dropLast().joined(separator: ", ")) and \(filled.last!) are \(kinds.count == 2 ? "both" : "all") filled",
                fix: kindFix + "; keep one and put the others on rows of their own")
        } else if kinds.isEmpty {
            let present = [Column.percent, .occurrence, .value].compactMap { columns.index[$0] }
            let labels = present.map { columns.label($0) }
            var message =
                labels.count == 1 ? "\(labels[0]) is empty" : "none of \(labels.joined(separator: ", ")) is filled"
            if let (_, text) = doneCell {
                message += " (\(columns.name(.done)) is “\(shown(text))”, but an occurrence names the period it is for)"
            }
            report(present.first ?? 0, message, fix: "fill one: " + kindFix)
        } else if let (i, text) = doneCell, done != nil, cell(.occurrence) == nil {
            report(
                i, "“\(shown(text))” is filled, but done only goes with an occurrence (\(columns.name(.occurrence)))",
                fix: "clear it; for a milestone, 100 in \(columns.name(.percent)) means done")
        }

        // This row's problems in the order of its columns.
        let found = issues[before...].enumerated().sorted {
            ($0.element.location?.column ?? 0, $0.offset) < ($1.element.location?.column ?? 0, $1.offset)
        }
        issues.replaceSubrange(before..., with: found.map(\.element))

        guard issues.count == before, let task = required[.task], let department = required[.department],
            let day, let content = contents.first?.content
        else { return nil }
        let note = cell(.note).map { $0.text }
        return ProgressEntry(
            task: halfWidth(task), department: halfWidth(department), date: day, content: content, note: note,
            row: row.number)
    }

    private static let periodFix =
        "write the period as 2024Q1 (quarter), 2024-03 (month), 2024-03/04 (two months), 2024H1 (half year) or 2024 (year)"
}

// MARK: - Values

extension ProgressSheet {
    /// `text` without surrounding spaces (full-width ones too) and line breaks.
    package static func trimmed(_ text: String) -> String {
        // Most cells have nothing to trim: answer them without Foundation's bridging.
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            CharacterSet.whitespacesAndNewlines.contains(first) || CharacterSet.whitespacesAndNewlines.contains(last)
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `text` with full-width ASCII forms (`６０％`, `（`, the ideographic space) as ASCII.
    package static func halfWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The forms of a header cell to look up: trimmed, lowercased and half-width; without a trailing
    /// parenthesised note (`完成进度（%）` → `完成进度`); without parentheses and spaces (`任务（ID）` →
    /// `任务id`); without a trailing `%`.
    package static func headerKeys(_ header: String) -> [String] {
        let base = halfWidth(header).lowercased().trimmingCharacters(
            in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "*")))
        var keys = [base]
        if base.hasSuffix(")"), let open = base.lastIndex(of: "(") {
            keys.append(base[..<open].trimmingCharacters(in: .whitespaces))
        }
        keys.append(base.filter { $0 != "(" && $0 != ")" && !$0.isWhitespace })
        keys += keys.filter { $0.hasSuffix("%") }.map { String($0.dropLast()).trimmingCharacters(in: .whitespaces) }
        return keys
    }

    /// The name among `names` closest to `header` by edit distance, when it is close enough to be a typo.
    package static func nearestName(to header: String, among names: [String]) -> String? {
        let key = Array(headerKeys(header)[0])
        var best: (name: String, distance: Int)?
        for name in names {
            let d = EditDistance.between(key, Array(name.lowercased()))
            if d <= max(1, key.count / 3), d < key.count, d < (best?.distance ?? .max) { best = (name, d) }
        }
        return best?.name
    }

    /// A cell value quoted in a message: on one line, and cut short when long.
    package static func shown(_ text: String) -> String {
        let line = trimmed(text).split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }

    /// A decimal number, with an optional sign, thousands separators (`1,234.5`) and trailing `%`.
    package static func number(_ text: String) -> Double? {
        var s = trimmed(halfWidth(text))
        if s.hasSuffix("%") { s = trimmed(String(s.dropLast())) }
        var negative = false
        if let sign = s.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            s.removeFirst()
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard integer.count + fraction.count > 0, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        if integer.contains(",") {
            let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
            integer = groups.joined()
        }
        guard integer.allSatisfy(\.isASCIIDigit) else { return nil }
        let value = Double(
            (negative ? "-" : "") + (integer.isEmpty ? "0" : integer) + "." + (fraction.isEmpty ? "0" : fraction))
        return value?.isFinite == true ? value : nil
    }

    /// Yes or no, in the forms people write in a sheet.
    static func parseDone(_ text: String) -> Bool? {
        switch trimmed(halfWidth(text)).lowercased() {
        case "yes", "true", "1", "是", "已完成": true
        case "no", "false", "0", "否", "未完成": false
        default: nil
        }
    }

    package enum DayReading {
        case day(Day)
        case noSuchDay(year: Int, month: Int)
        case unreadable
    }

    /// A day written `2024-03-20`, `2024-3-20`, `2024/3/20`, `2024.3.20` or `2024年3月20日`.
    package static func parseDay(_ text: String) -> DayReading {
        let p = Pieces(halfWidth(text).filter { !$0.isWhitespace })
        guard p.leading.isEmpty, p.numbers.count == 3, p.numbers[0].digits == 4, p.numbers[1].digits <= 2,
            p.numbers[2].digits <= 2
        else { return .unreadable }
        let form = p.separators + [p.trailing]
        guard [["-", "-", ""], ["/", "/", ""], [".", ".", ""], ["年", "月", "日"], ["年", "月", ""]].contains(form)
        else { return .unreadable }
        let (year, month, day) = (p.numbers[0].value, p.numbers[1].value, p.numbers[2].value)
        guard (1...12).contains(month) else { return .unreadable }
        guard let parsed = Day(year: year, month: month, day: day) else { return .noSuchDay(year: year, month: month) }
        return .day(parsed)
    }

    enum PeriodReading: Equatable {
        case key(String)
        case invalid(String)
        case unreadable
    }

    /// The period key of an occurrence: `2024Q1`, `2024-03`, `2024-03/04`, `2024H1` or `2024`, also
    /// read from `2024q1`, `2024年第一季度`, `2024年3月`, `2024年3-4月`, `2024年上半年`, `2024年度`.
    static func parsePeriod(_ text: String) -> PeriodReading {
        let numerals: [Character: Character] = ["一": "1", "二": "2", "三": "3", "四": "4"]
        let s = String(halfWidth(text).uppercased().filter { !$0.isWhitespace }.map { numerals[$0] ?? $0 })
        let p = Pieces(s)
        guard p.leading.isEmpty, let year = p.numbers.first, year.digits == 4 else { return .unreadable }
        let y = year.value
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch p.numbers.count {
        case 1:
            switch p.trailing {
            case "", "年", "年度", "全年", "年全年": return .key("\(y)")
            case "上半年", "年上半年": return .key("\(y)H1")
            case "下半年", "年下半年": return .key("\(y)H2")
            default: return .unreadable
            }
        case 2:
            let (n, digits, sep, tail) = (p.numbers[1].value, p.numbers[1].digits, p.separators[0], p.trailing)
            guard digits <= 2 else { return .unreadable }
            if (["Q", "-Q", "年Q"].contains(sep) && tail.isEmpty)
                || (["年第", "年"].contains(sep) && ["季度", "季"].contains(tail))
            {
                return (1...4).contains(n) ? .key("\(y)Q\(n)") : .invalid("a year has quarters 1 to 4")
            }
            if ["H", "-H", "年H"].contains(sep) && tail.isEmpty {
                return (1...2).contains(n) ? .key("\(y)H\(n)") : .invalid("a year has halves 1 and 2")
            }
            if (["-", "/", "."].contains(sep) && tail.isEmpty) || (sep == "年" && tail == "月") {
                return (1...12).contains(n) ? .key("\(y)-\(two(n))") : .invalid("a year has months 1 to 12")
            }
            return .unreadable
        case 3:
            let (first, second) = (p.numbers[1], p.numbers[2])
            guard first.digits <= 2, second.digits <= 2 else { return .unreadable }
            let dashes = ["-", "~", "—", "–", "至", "、"]
            let form = (p.separators[0], p.separators[1], p.trailing)
            guard
                (form.0 == "-" && form.1 == "/" && form.2.isEmpty)
                    || (form.0 == "年" && (dashes.contains(form.1) || dashes.map { "月" + $0 }.contains(form.1))
                        && form.2 == "月")
            else { return .unreadable }
            guard (1...12).contains(first.value), first.value % 2 == 1, second.value == first.value + 1 else {
                return .invalid("two-month periods are 01/02, 03/04, 05/06, 07/08, 09/10 and 11/12")
            }
            return .key("\(y)-\(two(first.value))/\(two(second.value))")
        default:
            return .unreadable
        }
    }

    /// A short text split into its runs of ASCII digits and the text between them.
    struct Pieces {
        /// The numbers, with how many digits each was written with.
        var numbers: [(value: Int, digits: Int)] = []
        /// The text between consecutive numbers.
        var separators: [String] = []
        /// The text before the first number.
        var leading = ""
        /// The text after the last number.
        var trailing = ""

        init(_ text: String) {
            var text = Substring(text)
            let lead = text.prefix { !$0.isASCIIDigit }
            leading = String(lead)
            text = text.dropFirst(lead.count)
            while !text.isEmpty {
                let digits = text.prefix(while: \.isASCIIDigit)
                text = text.dropFirst(digits.count)
                // Nine digits at most, so the value cannot overflow; longer numbers read as unreadable.
                numbers.append((Int(digits.prefix(9)) ?? 0, digits.count))
                let between = text.prefix { !$0.isASCIIDigit }
                text = text.dropFirst(between.count)
                if text.isEmpty { trailing = String(between) } else { separators.append(String(between)) }
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
