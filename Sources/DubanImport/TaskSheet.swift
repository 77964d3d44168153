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
        /// The plans in the store: rows without a 任务编号 keep the id of the written plan's loaded
        /// task of the same title, and new ids avoid every loaded task's.
        public var loaded: [Plan]
        /// Ids new tasks must not take besides the loaded ones: the store's archived tasks.
        public var reserved: Set<String>

        /// Makes a context.
        public init(
            departments: [Department], family: [Plan], plan: String, year: Int? = nil, defaultAction: String? = nil,
            columns: ColumnMap = ColumnMap(), loaded: [Plan] = [], reserved: Set<String> = []
        ) {
            self.departments = departments
            self.family = family
            self.plan = plan
            self.year = year
            self.defaultAction = defaultAction
            self.columns = columns
            self.loaded = loaded
            self.reserved = reserved
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
    /// What was read past that a person should know of: notes in 备注 that are not imported, rows
    /// hidden in Excel that were.
    public var warnings: [PlanIssue] = []

    /// Reads a sheet's bytes, CSV or `.xlsx`; `file` is the name problems are reported under.
    ///
    /// - Throws: `PlanError` with every problem found, each at `file`, the row and the column.
    public static func read(data: Data, file: String, context: Context) throws(PlanError) -> TaskSheet {
        let (rows, hidden) = try rows(of: data, file: file)
        var sheet = try read(rows: rows, file: file, context: context)
        let imported = Set(sheet.tasks.compactMap { $0.location?.line })
        let hiddenTasks = hidden.filter(imported.contains)
        if let first = hiddenTasks.first {
            sheet.warnings.append(
                PlanIssue(
                    .warning, at: SourceLocation(file: file, line: first, column: 1),
                    "\(hiddenTasks.count == 1 ? "row" : "rows") \(hiddenTasks.map(String.init).joined(separator: ", ")) "
                        + "\(hiddenTasks.count == 1 ? "is" : "are") hidden in Excel, and imported like the others",
                    fix: "delete the rows of cancelled tasks, or unhide them to check"))
        }
        return sheet
    }

    /// The rows of a sheet's bytes: an `.xlsx` workbook's first sheet (with the rows Excel hides),
    /// or CSV in UTF-8 or GB18030; an old `.xls` is refused with the fix.
    static func rows(of data: Data, file: String) throws(PlanError) -> (rows: [ProgressSheet.Row], hidden: [Int]) {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try XLSXReader.read(data: data, file: file) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1),
                    "the file is an old Excel 97–2003 workbook (.xls)",
                    fix: "open it in Excel or WPS and save it as .xlsx, or as CSV UTF-8(逗号分隔)(*.csv)"))
        }
        return (try ProgressSheet.rows(of: try ProgressSheet.decode(data, file: file), file: file), [])
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
        try checkOnePlan(body, columns: columns, file: file)
        guard let (first, last) = years(of: body, columns: columns, title: title, context: context) else {
            let yearless = body.lazy.compactMap { row in columns.cell(.due, of: row).map { (row.number, $0.text) } }
                .first
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: filled[headerIndex].number, column: 1),
                    "no cell says which year the tasks are for"
                        + (yearless.map { " (row \($0.0): “\(ProgressSheet.shown($0.1))”)" } ?? ""),
                    fix: "pass --year 2025, put the year in a title row above the header (2025年度任务清单), or "
                        + "write a year in some 完成时限 such as 2025年6月底前"))
        }
        var reader = RowReader(
            file: file, columns: columns, context: context, start: Day.firstDay(year: first, month: 1),
            end: Day.lastDay(year: last, month: 12))
        var tasks: [PlanTask] = []
        for row in body where !isGroupHeading(row, columns: columns) {
            if let task = reader.task(row) { tasks.append(task) }
        }
        reader.reportUnknownDepartments()
        if !reader.issues.isEmpty { throw PlanError(issues: reader.issues) }
        let target = context.plan.isEmpty ? defaultPlanID(base: context.family.last, year: first) : context.plan
        numberUnnamed(&tasks, year: first, plan: target, loaded: context.loaded, reserved: context.reserved)
        var sheet = TaskSheet(title: title, start: reader.start, end: reader.end, tasks: tasks)
        sheet.warnings = notesNotImported(body, columns: columns, file: file)
        return sheet
    }

    /// A row that groups the tasks under it, as most task lists have: no 牵头单位 or 完成时限, one
    /// cell besides 序号 at most, and a Chinese numeral heading it — in 序号 (`一,重大事故隐患整治`)
    /// or before its text (`一、重大事故隐患整治`, `（二）消防安全`). Such rows are read past; a row
    /// without the numeral is a task with empty cells, and an error.
    static func isGroupHeading(_ row: ProgressSheet.Row, columns: Columns) -> Bool {
        guard columns.cell(.lead, of: row) == nil, columns.cell(.due, of: row) == nil else { return false }
        let filled = row.cells.enumerated().filter { i, text in
            i != columns.index[.number] && !ProgressSheet.trimmed(text).isEmpty
        }
        guard filled.count <= 1 else { return false }
        if let number = columns.cell(.number, of: row)?.text {
            return ProgressSheet.halfWidth(number).contains(/^\(?[一二三四五六七八九十]+[)、.]?$/)
        }
        guard let text = filled.first.map({ ProgressSheet.halfWidth(ProgressSheet.trimmed($0.element)) }) else {
            return false
        }
        return text.contains(/^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.])/)
    }

    /// One warning for each column read past (备注, 完成情况) that has something written in it.
    static func notesNotImported(_ rows: [ProgressSheet.Row], columns: Columns, file: String) -> [PlanIssue] {
        columns.ignored.compactMap { i in
            let filled = rows.filter { i < $0.cells.count && !ProgressSheet.trimmed($0.cells[i]).isEmpty }
            guard let first = filled.first else { return nil }
            let shown = filled.prefix(3).map { "row \($0.number): “\(ProgressSheet.shown($0.cells[i]))”" }
            return PlanIssue(
                .warning, at: SourceLocation(file: file, line: first.number, column: i + 1),
                "\(columns.label(i)) is not imported, and \(filled.count == 1 ? "1 row has" : "\(filled.count) rows have") "
                    + "something in it (\(shown.joined(separator: "; "))\(filled.count > 3 ? "; …" : ""))",
                fix: "move what changes a task — a deadline, a department — into its column; notes may stay")
        }
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

    /// The id an annual plan gets when none is given: the base's id and the year.
    static func defaultPlanID(base: Plan?, year: Int) -> String {
        "\(base?.id ?? "plan")-y\(year)"
    }

    /// Gives tasks without an id one: the id of the task of the same title that `plan`, as loaded,
    /// already has (so an edited sheet imported again keeps each task's progress with it, however
    /// its rows moved); else, in row order, the first of `y2025-t01`, `y2025-t02`, … that no loaded
    /// plan, no archived task and no row uses. The same sheet on the same store gives the same ids.
    static func numberUnnamed(
        _ tasks: inout [PlanTask], year: Int, plan: String, loaded: [Plan], reserved: Set<String> = []
    ) {
        let named = Set(tasks.map(\.id))
        var kept = (loaded.first { $0.id == plan }?.tasks ?? []).filter { !named.contains($0.id) }
        for index in tasks.indices where tasks[index].id.isEmpty {
            if let same = kept.firstIndex(where: { $0.title == tasks[index].title }) {
                tasks[index].id = kept.remove(at: same).id
            }
        }
        var taken = Set(loaded.flatMap(\.tasks).map(\.id)).union(tasks.map(\.id)).union(reserved)
        let width = max(2, String(tasks.count).count)
        func id(_ number: Int) -> String {
            let digits = String(number)
            return "y\(year)-t" + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var number = 1
        for index in tasks.indices where tasks[index].id.isEmpty {
            while taken.contains(id(number)) { number += 1 }
            tasks[index].id = id(number)
            taken.insert(id(number))
        }
    }

    /// Rejects a sheet whose 计划 column names several plans (`plan export` of all the plans): one
    /// import writes one plan.
    private static func checkOnePlan(_ rows: [ProgressSheet.Row], columns: Columns, file: String) throws(PlanError) {
        guard let column = columns.index[.plan] else { return }
        var plans: [(id: String, rows: [Int])] = []
        for row in rows {
            guard let text = columns.cell(.plan, of: row)?.text else { continue }
            let id = ProgressSheet.trimmed(ProgressSheet.halfWidth(text))
            if let k = plans.firstIndex(where: { $0.id == id }) {
                plans[k].rows.append(row.number)
            } else {
                plans.append((id, [row.number]))
            }
        }
        guard plans.count > 1 else { return }
        let listed = plans.map { plan in
            let rows = plan.rows.count == 1 ? "row \(plan.rows[0])" : "rows \(plan.rows.first!)–\(plan.rows.last!)"
            return "\(plan.id) (\(rows))"
        }
        throw PlanError(
            PlanIssue(
                .error, at: SourceLocation(file: file, line: plans[1].rows[0], column: column + 1),
                "the sheet holds the tasks of \(plans.count) plans: \(listed.joined(separator: ", "))",
                fix: "import one plan's list: export it alone (duban plan export --plan ID), or delete the other "
                    + "plans' rows"))
    }
}
