import DubanCore
import DubanPlans
import Foundation

/// Writes plans as a task list (任务清单) with Chinese headers, one row per task, in the columns
/// `TaskSheet` reads back to the same tasks: CSV for any spreadsheet, or an `.xlsx` workbook.
public struct TaskSheetWriter: Sendable {
    /// The tasks' plans, in order.
    public var plans: [Plan]
    /// The registry, for the departments' Chinese names.
    public var departments: [Department]

    /// A writer for the tasks of `plans`; a 计划 column is written when there are several.
    public init(plans: [Plan], departments: [Department]) {
        self.plans = plans
        self.departments = departments
    }

    /// The columns written, in order.
    var fields: [TaskField] {
        (plans.count > 1 ? [.number, .plan] : [.number])
            + [
                .id, .action, .measure, .title, .lead, .support, .kind, .start, .due, .times, .until, .metric, .target,
                .unit, .dependsOn, .source,
            ] + (plans.contains { $0.tasks.contains { $0.ledger != nil } } ? [.progress] : [])
    }

    /// The header row.
    public var header: [String] { fields.map(\.header) }

    /// The rows under the header, one per task.
    public var rows: [[XLSXWorkbook.Cell]] {
        var rows: [[XLSXWorkbook.Cell]] = []
        for task in plans.flatMap(\.tasks) {
            rows.append(fields.map { cell($0, of: task, number: rows.count + 1) })
        }
        return rows
    }

    private func cell(_ field: TaskField, of task: PlanTask, number: Int) -> XLSXWorkbook.Cell {
        switch field {
        case .number: return .number(number)
        case .measure: return task.measure.map(XLSXWorkbook.Cell.number) ?? .text("")
        default: return .text(text(field, of: task))
        }
    }

    private func text(_ field: TaskField, of task: PlanTask) -> String {
        var threshold: Threshold?
        var obligation: Obligation?
        var start: Day?
        switch task.schedule {
        case .milestone(let explicit, _): start = explicit
        case .target(let explicit, _, let t):
            start = explicit
            threshold = t
        case .obligation(let o):
            obligation = o
            start = o.start
        }
        switch field {
        case .number, .measure, .ignore: return ""
        case .plan: return task.plan
        case .id: return task.id
        case .action: return task.action
        case .title: return task.title
        case .lead: return name(task.lead)
        case .support: return task.support.map(name).joined(separator: "、")
        case .kind: return TaskSheet.kindText(task.kind)
        case .start: return start?.description ?? ""
        case .due:
            switch task.schedule {
            case .milestone(_, let due), .target(_, let due, _): return due.text
            case .obligation(let o): return TaskSheet.frequencyText(o)
            }
        case .times: return obligation.map { String($0.times) } ?? ""
        case .until: return obligation?.end.description ?? ""
        case .metric: return threshold?.metric ?? ""
        case .target: return threshold.map(TaskSheet.thresholdText) ?? ""
        case .unit: return threshold?.unit ?? ""
        case .dependsOn: return TaskSheet.dependenciesText(task.dependsOn)
        case .source: return task.source ?? ""
        case .progress: return task.ledger?.cellText ?? ""
        }
    }

    /// The department's Chinese name, or its id when the registry does not have it.
    private func name(_ id: String) -> String {
        departments.first { $0.id == id }?.name ?? id
    }

    /// The list as CSV: UTF-8 with a byte order mark (so Excel reads the Chinese right), RFC 4180
    /// quoting, CRLF line ends.
    public func csv() -> Data {
        var out = "\u{FEFF}"
        for row in [header] + rows.map({ $0.map(\.text) }) {
            out += row.map(Self.quoted).joined(separator: ",") + "\r\n"
        }
        return Data(out.utf8)
    }

    /// The list as a workbook with one sheet, 任务清单.
    public func xlsx() throws -> Data {
        try XLSXWorkbook(sheetName: "任务清单", header: header, rows: rows).data()
    }

    /// A CSV cell, in double quotes when it holds a comma, a quote, a line break or edge spaces.
    static func quoted(_ cell: String) -> String {
        let needsQuotes =
            cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
