import DubanCore
import DubanPlans
import Foundation

/// A task list (任务清单) as the office receives it, read into the tasks of an annual plan: a CSV
/// file as Excel or WPS saves it in China (UTF-8 with or without a byte order mark, or GB18030),
/// or an `.xlsx` workbook's first sheet.
///
/// The header names the columns in any order (`TaskField` lists the names; `ColumnMap` adds more);
/// 任务, 牵头单位 and 完成时限 are required. Title rows above the header holding one cell
/// ("2025年度任务清单") and empty rows are skipped. A sheet with any bad row is rejected whole, with
/// every problem at its row and column as Excel numbers them.
public struct TaskSheet: Hashable, Sendable {
    /// What a sheet is read against.
    public struct Context: Sendable {
        /// The department registry the 牵头单位 and 配合单位 cells are matched to.
        public var departments: [Department]
        /// The base plan and the plans it extends, whose actions and measures the tasks go under.
        public var family: [Plan]
        /// The id of the plan the tasks will belong to.
        public var plan: String
        /// The annual plan's year, when given; else it is read from the title row or the deadlines.
        public var year: Int?
        /// The action for rows that name neither a measure nor an action.
        public var defaultAction: String?
        /// Headers duban does not know, mapped to fields.
        public var columns: ColumnMap

        /// Makes a context.
        public init(
            departments: [Department], family: [Plan], plan: String, year: Int? = nil, defaultAction: String? = nil,
            columns: ColumnMap = ColumnMap()
        ) {
            self.departments = departments
            self.family = family
            self.plan = plan
            self.year = year
            self.defaultAction = defaultAction
            self.columns = columns
        }
    }

    /// The title row above the header, when there is one ("2025年度任务清单").
    public var title: String?
    /// The first day of the period the sheet covers: 1 January of its first year.
    public var start: Day
    /// The last day of the period: 31 December of its last year.
    public var end: Day
    /// The tasks, in row order, each located at its row.
    public var tasks: [PlanTask]

    /// Reads a sheet's bytes, CSV or `.xlsx`; `file` is the name problems are reported under.
    ///
    /// - Throws: `PlanError` with every problem found, each at `file`, the row and the column.
    public static func read(data: Data, file: String, context: Context) throws(PlanError) -> TaskSheet {
        let rows: [ProgressSheet.Row]
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            rows = try XLSXReader.rows(data: data, file: file)
        } else if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1),
                    "the file is an old Excel 97–2003 workbook (.xls)",
                    fix: "open it in Excel or WPS and save it as .xlsx, or as CSV UTF-8(逗号分隔)(*.csv)"))
        } else {
            rows = try ProgressSheet.rows(of: try ProgressSheet.decode(data, file: file), file: file)
        }
        return try read(rows: rows, file: file, context: context)
    }

    /// Reads a sheet's rows.
    static func read(rows: [ProgressSheet.Row], file: String, context: Context) throws(PlanError) -> TaskSheet {
        let filled = rows.filter { !$0.isBlank }
        var headerIndex = 0
        while headerIndex + 1 < filled.count, headerIndex < 3, isTitle(filled[headerIndex], context.columns) {
            headerIndex += 1
        }
        guard headerIndex < filled.count else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the sheet has no header row",
                    fix: "the first row names the columns: 序号, 任务, 牵头单位, 配合单位, 完成时限"))
        }
        let title = headerIndex > 0 ? ProgressSheet.trimmed(filled[0].cells.joined()) : nil
        let columns = try Columns(header: filled[headerIndex], file: file, map: context.columns)
        let body = Array(filled[(headerIndex + 1)...])
        guard !body.isEmpty else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: filled[headerIndex].number + 1, column: 1),
                    "the sheet has no tasks under its header", fix: "add one row per task under the header"))
        }
        guard let (first, last) = years(of: body, columns: columns, title: title, context: context) else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: filled[headerIndex].number, column: 1),
                    "no cell says which year the tasks are for",
                    fix: "pass --year 2025, or give some task a dated 完成时限 such as 2025年6月底前"))
        }
        var reader = RowReader(
            file: file, columns: columns, context: context, start: Day.firstDay(year: first, month: 1),
            end: Day.lastDay(year: last, month: 12))
        var tasks: [PlanTask] = []
        for row in body {
            if let task = reader.task(row) { tasks.append(task) }
        }
        reader.reportUnknownDepartments()
        if !reader.issues.isEmpty { throw PlanError(issues: reader.issues) }
        numberUnnamed(&tasks, year: first)
        return TaskSheet(title: title, start: reader.start, end: reader.end, tasks: tasks)
    }

    /// A row above the header holding one cell that names no column.
    private static func isTitle(_ row: ProgressSheet.Row, _ map: ColumnMap) -> Bool {
        let cells = row.cells.map(ProgressSheet.trimmed).filter { !$0.isEmpty }
        return cells.count == 1 && map.field(of: cells[0]) == nil
    }

    /// The years the plan covers: `--year`, else the years in the title row ("2025年度任务清单"), else
    /// from the first to the last year a dated cell names.
    private static func years(
        of rows: [ProgressSheet.Row], columns: Columns, title: String?, context: Context
    ) -> (Int, Int)? {
        if let year = context.year { return (year, year) }
        if let title, let years = years(in: ProgressSheet.halfWidth(title)) { return years }
        var years: [Int] = []
        for row in rows {
            for field in [TaskField.due, .start, .until] {
                guard let text = columns.cell(field, of: row)?.text else { continue }
                if let phrase = try? deadline(text, planStart: nil) {
                    years.append(phrase.due.year)
                    if let start = phrase.start { years.append(start.year) }
                } else if let day = start(text) {
                    years.append(day.year)
                }
            }
        }
        guard let first = years.min(), let last = years.max() else { return nil }
        return (first, last)
    }

    /// The years a title names, first and last: 2025 for “2025年度任务清单”, 2024 to 2026 for
    /// “2024—2026年任务清单”; nil when it names none.
    static func years(in title: String) -> (Int, Int)? {
        let years = title.unicodeScalars.split { !("0"..."9").contains($0) }.compactMap { digits in
            digits.count == 4 ? Int(String(String.UnicodeScalarView(digits))) : nil
        }.filter { (1900...2200).contains($0) }
        guard let first = years.min(), let last = years.max() else { return nil }
        return (first, last)
    }

    /// Gives tasks without an id `y2025-t01`, `y2025-t02`, … in row order, so the same sheet gives the
    /// same ids.
    private static func numberUnnamed(_ tasks: inout [PlanTask], year: Int) {
        let width = max(2, String(tasks.count).count)
        for index in tasks.indices where tasks[index].id.isEmpty {
            let number = String(index + 1)
            tasks[index].id = "y\(year)-t" + String(repeating: "0", count: width - number.count) + number
        }
    }
}
