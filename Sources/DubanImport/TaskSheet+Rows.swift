import DubanCore
import DubanPlans

extension TaskSheet {
    /// Reads the rows under the header into tasks, collecting every problem rather than stopping at
    /// the first.
    struct RowReader {
        let file: String
        let columns: Columns
        let context: Context
        /// The plan period the sheet covers, where duties without a window recur.
        let start: Day
        let end: Day
        let matcher: DepartmentMatcher
        let measures: [Int: Measure]
        let actions: [Action]
        var issues: [PlanIssue] = []
        /// Department names no registry entry matches, with where each was written.
        var unknown: [(name: String, suggestion: String?, places: [SourceLocation])] = []

        init(file: String, columns: Columns, context: Context, start: Day, end: Day) {
            self.file = file
            self.columns = columns
            self.context = context
            self.start = start
            self.end = end
            matcher = DepartmentMatcher(departments: context.departments)
            var measures: [Int: Measure] = [:]
            for measure in context.family.flatMap(\.measures) where measures[measure.number] == nil {
                measures[measure.number] = measure
            }
            self.measures = measures
            actions = context.family.flatMap(\.actions)
        }

        mutating func report(_ row: ProgressSheet.Row, _ i: Int, _ message: String, fix: String) {
            issues.append(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: row.number, column: i + 1),
                    "row \(row.number), \(columns.label(i)): \(message)", fix: fix))
        }

        /// The task `row` describes (its id empty when the sheet gives none), or nil after adding its
        /// problems to `issues`.
        mutating func task(_ row: ProgressSheet.Row) -> PlanTask? {
            let before = issues.count
            let unknownBefore = unknown.map(\.places.count).reduce(0, +)
            for (i, text) in row.cells.enumerated() where i >= columns.headers.count || columns.headers[i].isEmpty {
                guard !ProgressSheet.trimmed(text).isEmpty else { continue }
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is in a column with no header",
                    fix: "name column \(ProgressSheet.columnLetter(i)) in the header row, or delete the value")
            }
            let id = columns.cell(.id, of: row).map { ProgressSheet.halfWidth($0.text) } ?? ""
            let title = required(.title, row, fix: "write what must be done")
            let lead = leadDepartment(row)
            let support = supportDepartments(row, lead: lead)
            let place = placement(row)
            let schedule = schedule(row)
            let dependencies = dependsOn(row)
            let source = columns.cell(.source, of: row)?.text
            let ledger = ledgerGoal(row)
            let unknownAfter = unknown.map(\.places.count).reduce(0, +)
            sortRowIssues(from: before)
            guard issues.count == before, unknownAfter == unknownBefore, let title, let lead, let place, let schedule
            else { return nil }
            return PlanTask(
                id: id, title: title, plan: context.plan, action: place.action, measure: place.measure, lead: lead,
                support: support, schedule: schedule, dependsOn: dependencies, source: source,
                location: SourceLocation(file: file, line: row.number, column: (columns.index[.id] ?? 0) + 1),
                ledger: ledger)
        }

        /// The 进度来源 cell: a goal measured on the hazard ledger, or nil for one that takes reports.
        private mutating func ledgerGoal(_ row: ProgressSheet.Row) -> LedgerGoal? {
            guard let (i, text) = columns.cell(.progress, of: row) else { return nil }
            switch LedgerGoal.parse(cell: ProgressSheet.halfWidth(text)) {
            case .success(let goal): return goal
            case .failure(let error):
                report(row, i, error.message, fix: error.fix + ", or leave it empty for a task that takes reports")
                return nil
            }
        }

        /// This row's problems in the order of its columns.
        private mutating func sortRowIssues(from before: Int) {
            let found = issues[before...].enumerated().sorted {
                ($0.element.location?.column ?? 0, $0.offset) < ($1.element.location?.column ?? 0, $1.offset)
            }
            issues.replaceSubrange(before..., with: found.map(\.element))
        }

        private mutating func required(_ field: TaskField, _ row: ProgressSheet.Row, fix: String) -> String? {
            if let (_, text) = columns.cell(field, of: row) { return text }
            report(row, columns.index[field] ?? 0, "the \(field.header) cell is empty", fix: fix)
            return nil
        }

        // MARK: Departments

        private mutating func leadDepartment(_ row: ProgressSheet.Row) -> String? {
            guard let (i, text) = columns.cell(.lead, of: row) else {
                _ = required(.lead, row, fix: "write the lead department's name, e.g. 区应急管理局")
                return nil
            }
            let names = DepartmentMatcher.names(in: text)
            guard names.count == 1 else {
                report(
                    row, i, "“\(ProgressSheet.shown(text))” names \(names.count) departments, and a task has one lead",
                    fix: "keep the lead in \(columns.label(i)) and move the others to 配合单位")
                return nil
            }
            let ids = department(names[0], row, i)
            guard ids.count <= 1 else {
                // 各街道 leads nothing alone: each subdistrict is its own department.
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is \(ids.count) departments, and a task has one lead",
                    fix: "write one task a subdistrict (兴仁街道, 兴城街道, …), or put 各街道 in 配合单位 under one lead")
                return nil
            }
            return ids.first
        }

        private mutating func supportDepartments(_ row: ProgressSheet.Row, lead: String?) -> [String] {
            guard let (i, text) = columns.cell(.support, of: row) else { return [] }
            var ids: [String] = []
            for name in DepartmentMatcher.names(in: text) {
                for id in department(name, row, i) where !ids.contains(id) && id != lead { ids.append(id) }
            }
            return ids
        }

        /// The ids `name` stands for: one department, or every subdistrict for 各街道.
        private mutating func department(_ name: String, _ row: ProgressSheet.Row, _ i: Int) -> [String] {
            if ["各街道", "各街道办事处"].contains(name) {
                return context.departments.filter { $0.kind == .subdistrict }.map(\.id)
            }
            switch matcher.match(name) {
            case .department(let id):
                return [id]
            case .ambiguous(let ids):
                let names = ids.compactMap { id in context.departments.first { $0.id == id } }.map {
                    "\($0.name) (\($0.id))"
                }
                report(
                    row, i, "“\(name)” could be any of \(names.joined(separator: ", "))",
                    fix: "write the full name or the id of the one meant")
            case .unknown(let suggestion):
                let place = SourceLocation(file: file, line: row.number, column: i + 1)
                if let k = unknown.firstIndex(where: { $0.name == name }) {
                    unknown[k].places.append(place)
                } else {
                    unknown.append((name, suggestion, [place]))
                }
            }
            return []
        }

        /// One problem listing every department name no registry entry matched, with its rows.
        mutating func reportUnknownDepartments() {
            guard let first = unknown.first?.places.first else { return }
            let listed = unknown.map { entry in
                let places = entry.places.map { "row \($0.line), \(columns.label($0.column - 1))" }
                return "“\(entry.name)” (\(places.joined(separator: "; ")))"
                    + (entry.suggestion.map { ", did you mean “\($0)”?" } ?? "")
            }
            issues.append(
                PlanIssue(
                    .error, at: first,
                    "\(unknown.count == 1 ? "a department is" : "\(unknown.count) departments are") not in the "
                        + "registry: \(listed.joined(separator: "; "))",
                    fix:
                        "write each as a registry name, alias or id (plans/departments.yaml), or add it there — as a "
                        + "department, or as an alias of the one it means"))
        }

        // MARK: Actions and measures

        private mutating func placement(_ row: ProgressSheet.Row) -> (action: String, measure: Int?)? {
            var measure: Measure?
            var failed = false
            if let (i, text) = columns.cell(.measure, of: row) {
                if let number = TaskSheet.measureNumber(text) {
                    measure = measures[number]
                    if measure == nil {
                        failed = true
                        let known = measures.keys.sorted()
                        report(
                            row, i, "measure \(number) is not in plan \(context.family.first?.id ?? "?")",
                            fix: "write a measure number the base plan has"
                                + (known.isEmpty ? "" : " (\(known.first!)–\(known.last!))")
                                + ", or leave the cell empty")
                    }
                } else {
                    failed = true
                    report(
                        row, i, "“\(ProgressSheet.shown(text))” is not a measure number",
                        fix: "write the measure's number as the plan numbers it, e.g. 26, or leave the cell empty")
                }
            }
            var action: String?
            if let (i, text) = columns.cell(.action, of: row) {
                action = self.action(named: text)
                if action == nil {
                    failed = true
                    report(
                        row, i,
                        "“\(ProgressSheet.shown(text))” is not an action of plan \(context.family.first?.id ?? "?")",
                        fix: "write an action id: " + actions.map(\.id).joined(separator: ", "))
                } else if let measure, measure.action != action {
                    failed = true
                    report(
                        row, i, "measure \(measure.number) belongs to action \(measure.action), not \(action!)",
                        fix: "write \(measure.action) here, or correct the measure number")
                }
            }
            if failed { return nil }
            if let measure { return (measure.action, measure.number) }
            if let action { return (action, nil) }
            if let defaultAction = context.defaultAction { return (defaultAction, nil) }
            report(
                row, columns.index[.measure] ?? columns.index[.action] ?? 0,
                "the row names no measure or action of the base plan",
                fix: "write a measure number in 措施 or an action id in 行动, or pass --action ID for such rows")
            return nil
        }

        /// The action an 行动 cell names: its id, its title, or the one title containing the cell.
        private func action(named text: String) -> String? {
            let cell = ProgressSheet.halfWidth(text)
            if let action = actions.first(where: { $0.id == cell || $0.title == cell }) { return action.id }
            let containing = actions.filter { $0.title.contains(cell) }
            return containing.count == 1 ? containing[0].id : nil
        }

        // MARK: Dependencies

        private mutating func dependsOn(_ row: ProgressSheet.Row) -> [Dependency] {
            guard let (i, text) = columns.cell(.dependsOn, of: row) else { return [] }
            guard let items = TaskSheet.dependencies(text) else {
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is not a list of task ids",
                    fix: "write the ids separated by 、, each with an optional lag in days: m16-2024-expert-pool、t2（30天）"
                )
                return []
            }
            let location = SourceLocation(file: file, line: row.number, column: i + 1)
            return items.map { Dependency(task: $0.task, lagDays: $0.lagDays, location: location) }
        }
    }
}
