import DubanCore
import DubanPlans

extension TaskSheet.RowReader {
    /// The row's schedule from 完成时限 with 类型, 开始, 截止, 每期次数 and the target's columns: a
    /// frequency makes a recurring duty, a deadline with a 目标值 a target, a deadline alone a milestone.
    mutating func schedule(_ row: ProgressSheet.Row) -> Schedule? {
        let before = issues.count
        var kind: TaskKind?
        if let (i, text) = columns.cell(.kind, of: row) {
            kind = TaskSheet.kind(text)
            if kind == nil {
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is not a kind of task",
                    fix: "write 节点任务 (a dated milestone), 常态任务 (a recurring duty) or 指标任务 (a numeric target), "
                        + "or leave the cell empty")
            }
        }
        var start: Day?
        if let (i, text) = columns.cell(.start, of: row) {
            start = TaskSheet.start(text)
            if start == nil {
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is not a start date",
                    fix: "write a day such as 2025-03-01 or 2025/3/1, or a phrase such as 自2025年3月起")
            }
        }
        guard let (dueIndex, dueText) = columns.cell(.due, of: row) else {
            report(
                row, columns.index[.due] ?? 0, "the \(TaskField.due.header) cell is empty",
                fix: "write a deadline such as 2025年6月底前 or 2025-06-30, or a frequency such as 每季度")
            return nil
        }
        if let frequency = TaskSheet.frequency(dueText) {
            if let kind, kind != .obligation {
                report(
                    row, dueIndex,
                    "“\(ProgressSheet.shown(dueText))” is a frequency, but the task is a \(TaskSheet.kindText(kind))",
                    fix: "write a deadline here, or 常态任务 in 类型")
            }
            for field in [TaskField.metric, .target, .unit] {
                if let (i, _) = columns.cell(field, of: row) {
                    report(
                        row, i, "a recurring duty (\(TaskSheet.frequencyText(obligationFor(frequency)))) has no target",
                        fix: "clear the cell, or make the target a row of its own with a deadline")
                }
            }
            return obligation(row, frequency: frequency, start: start, before: before)
        }
        for field in [TaskField.times, .until] {
            if let (i, _) = columns.cell(field, of: row) {
                report(
                    row, i, "\(field.header) is only for recurring duties",
                    fix: "clear the cell, or write a frequency such as 每季度 in \(columns.label(dueIndex))")
            }
        }
        let due: DeadlinePhrase
        do {
            due = try TaskSheet.deadline(
                dueText, planStart: self.start, year: self.start.year == end.year ? self.start.year : nil)
        } catch {
            let generic = error.fix.hasPrefix("write an ISO date")
            report(
                row, dueIndex,
                "“\(ProgressSheet.shown(dueText))” is not a deadline"
                    + (generic ? " duban can read" : ": \(error.reason)"),
                fix: generic
                    ? "write a deadline — \(DeadlinePhrase.acceptedForms), or 2025/6/30 — or, for a recurring duty, "
                        + "a frequency: 每月, 每季度, 每半年, 每年"
                    : error.fix)
            return nil
        }
        let isTarget =
            kind == .target || [TaskField.metric, .target, .unit].contains { columns.cell($0, of: row) != nil }
        if isTarget {
            if kind == .milestone {
                report(
                    row, columns.index[.kind] ?? dueIndex, "the task is a 节点任务 but has a target",
                    fix: "write 指标任务 in 类型, or clear 指标, 目标值 and 计量单位")
            }
            guard let threshold = threshold(row) else { return nil }
            return issues.count == before ? .target(start: start, due: due, threshold: threshold) : nil
        }
        if kind == .obligation {
            report(
                row, dueIndex, "the task is a 常态任务, but “\(ProgressSheet.shown(dueText))” is not a frequency",
                fix: "write how often it recurs: 每月, 每两月, 每季度, 每半年 or 每年")
            return nil
        }
        return issues.count == before ? .milestone(start: start, due: due) : nil
    }

    private func obligationFor(_ frequency: TaskSheet.FrequencyCell) -> Obligation {
        Obligation(every: frequency.every, highRiskEvery: frequency.highRiskEvery, start: start, end: end)
    }

    private mutating func obligation(
        _ row: ProgressSheet.Row, frequency: TaskSheet.FrequencyCell, start: Day?, before: Int
    ) -> Schedule? {
        if let high = frequency.highRiskEvery, high > frequency.every, let (i, _) = columns.cell(.due, of: row) {
            report(
                row, i, "the high-risk frequency is less often than the general one",
                fix: "high-risk sectors recur at least as often, e.g. 每季度（高危行业领域每月）")
        }
        var times = frequency.times ?? 1
        if let (i, text) = columns.cell(.times, of: row) {
            if let n = Int(ProgressSheet.halfWidth(text)), n >= 1 {
                if let written = frequency.times, written != n {
                    report(
                        row, i, "\(n) times a period, but 完成时限 says \(written)",
                        fix: "make the two agree, or clear this cell")
                }
                times = n
            } else {
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is not a whole number of at least 1",
                    fix: "write how many times per period, e.g. 1")
            }
        }
        var until = end
        if let (i, text) = columns.cell(.until, of: row) {
            if let phrase = try? TaskSheet.deadline(text, planStart: self.start) {
                until = phrase.due
            } else {
                report(
                    row, i, "“\(ProgressSheet.shown(text))” is not a date",
                    fix: "write the last day the duty recurs, e.g. 2025-12-31, or leave it empty for the plan's end")
            }
        }
        guard issues.count == before else { return nil }
        return .obligation(
            Obligation(
                every: frequency.every, highRiskEvery: frequency.highRiskEvery, times: times,
                start: start ?? self.start, end: until))
    }

    private mutating func threshold(_ row: ProgressSheet.Row) -> Threshold? {
        let anchor = columns.index[.target] ?? columns.index[.metric] ?? columns.index[.due] ?? 0
        guard let (valueIndex, valueText) = columns.cell(.target, of: row) else {
            report(
                row, anchor, "the target has no \(TaskField.target.header)",
                fix: "write the threshold in 目标值, e.g. ≥40 with % in 计量单位")
            return nil
        }
        guard let (comparison, value, percent) = TaskSheet.threshold(valueText) else {
            report(
                row, valueIndex, "“\(ProgressSheet.shown(valueText))” is not a threshold",
                fix: "write a number with an optional ≥ or ≤ before it, e.g. ≥40")
            return nil
        }
        let unit = columns.cell(.unit, of: row)?.text ?? (percent ? "%" : nil)
        guard let metric = columns.cell(.metric, of: row)?.text, let unit else {
            report(
                row, anchor, "the target needs \(TaskField.metric.header) and \(TaskField.unit.header)",
                fix: "write what is measured in 指标 (e.g. 四不演练占比) and its unit in 计量单位 (e.g. %)")
            return nil
        }
        if unit == "%", !(0...100).contains(value) {
            report(
                row, valueIndex, "a target of \(value.plainText)% is not a percentage",
                fix: "write a value from 0 to 100")
            return nil
        }
        return Threshold(metric: metric, comparison: comparison, value: value, unit: unit)
    }
}
