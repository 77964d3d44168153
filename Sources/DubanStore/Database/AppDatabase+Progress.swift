import DubanCore
import Foundation

/// Why a progress report was refused, and how to send it right.
public struct ProgressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal, so a caller answers without reading the message (HTTP 404, 422, 409).
    public enum Code: String, Hashable, Sendable {
        /// The task, step, message or department named does not exist.
        case notFound
        /// A value is wrong for what it names: a percent outside 0–100, a period the duty lacks.
        case invalid
        /// The request is well formed but the state does not allow it (a step already decided).
        case conflict
        /// The caller may not do this (a department changing another's hazard).
        case forbidden
    }

    public var code: Code
    /// The input field at fault (`task`, `department`, `percent`, `occurrence`, `value`, `step`…).
    public var field: String?
    /// What was wrong, naming the bad value (and the sheet row, for imports).
    public var message: String
    /// How to fix it.
    public var fix: String

    public init(_ code: Code = .invalid, field: String? = nil, message: String, fix: String) {
        self.code = code
        self.field = field
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }
}

extension AppDatabase {
    /// Records that `department` reports `task` at `percent` done as of `date`, and audits it.
    @discardableResult
    public func reportProgress(
        task id: String, percent: Double, by department: String, date: Day, note: String?, now: Date, actor: String
    ) throws -> ProgressReport {
        try record(
            [ProgressEntry(task: id, department: department, date: date, content: .percent(percent), note: note)],
            now: now, actor: actor
        )[0]
    }

    /// Records reports in one transaction, auditing each: all of them, or on any refusal none.
    ///
    /// - Throws: `ProgressError` for an unknown or archived task, an unknown department, a department
    ///   that neither leads nor supports the task (the plan's office may report on any), a report of the
    ///   wrong kind for the task (percent for milestones, occurrences for recurring duties, values for
    ///   targets), a percent outside 0–100, or an occurrence outside the duty's periods. Errors from a
    ///   sheet name the row.
    @discardableResult
    public func record(_ entries: [ProgressEntry], now: Date, actor: String) throws -> [ProgressReport] {
        try write { db in
            var reports: [ProgressReport] = []
            var problems: [ProgressError] = []
            for entry in entries {
                do {
                    reports.append(try Self.record(entry, now: now, actor: actor, db))
                } catch let error as ProgressError {
                    problems.append(error)
                }
            }
            if let first = problems.first {
                guard problems.count > 1 else { throw first }
                throw ProgressError(
                    first.code, field: first.field, message: problems.map(\.description).joined(separator: "\n"),
                    fix: "\(problems.count) rows were refused, so nothing was recorded; correct them and import again")
            }
            return reports
        }
    }

    /// Records each report in one transaction, each on its own: a refused report leaves the others
    /// recorded. This is how the server commits many concurrent reports at once (group commit).
    public func recordEach(
        _ items: [(entry: ProgressEntry, actor: String, now: Date)]
    ) throws -> [Result<
        ProgressReport, ProgressError
    >] {
        try write { db in
            try items.map { item in
                var result: Result<ProgressReport, ProgressError>!
                try db.savepoint {
                    do {
                        result = .success(try Self.record(item.entry, now: item.now, actor: item.actor, db))
                        return true
                    } catch let error as ProgressError {
                        result = .failure(error)
                        return false
                    }
                }
                return result
            }
        }
    }

    private static func record(
        _ entry: ProgressEntry, now: Date, actor: String, _ db: any StoreConnection
    ) throws -> ProgressReport {
        let at = entry.row.map { "row \($0): " } ?? ""
        func refuse(
            _ message: String, _ fix: String, _ code: ProgressError.Code = .invalid, field: String
        ) -> ProgressError {
            ProgressError(code, field: field, message: at + message, fix: fix)
        }
        let valueField =
            switch entry.content {
            case .percent: "percent"
            case .occurrence: "occurrence"
            case .value: "value"
            }
        guard let record = try db.find(TaskRecord.self, key: entry.task) else {
            throw refuse(
                "no task “\(entry.task)” is loaded", "check the id with `duban plan show`", .notFound, field: "task")
        }
        guard record.archivedAt == nil else {
            throw refuse(
                "task “\(entry.task)” was removed from its plan and is archived",
                "report on a current task, or put the task back in the plan and reload", .notFound, field: "task")
        }
        guard record.ledger == nil else {
            throw refuse(
                "task “\(entry.task)” takes its progress from the hazard ledger, not from reports",
                "record the hazards with `duban hazard …`; `duban evaluate` shows the computed value", .conflict,
                field: "task")
        }
        guard let reporter = try department(named: entry.department, db) else {
            throw refuse(
                "no department “\(entry.department)” is in the registry",
                "use a department id, name or alias from plans/departments.yaml", field: "department")
        }
        var entry = entry
        entry.department = reporter.id
        let office = try db.value(String.self, "SELECT office FROM plan WHERE id = ?", [record.planId])
        guard entry.department == record.lead || record.support.contains(entry.department) || entry.department == office
        else {
            throw refuse(
                "\(reporter.name) (\(entry.department)) neither leads nor supports task \(entry.task)",
                "report as the lead, \(record.lead)"
                    + (record.support.isEmpty
                        ? "" : ", or a supporting department: " + record.support.joined(separator: ", ")),
                field: "department")
        }
        let task = record.task(dependsOn: [])
        var report = ProgressReport(
            id: nil, taskId: entry.task, percent: nil, occurrence: nil, done: nil, value: nil,
            departmentId: entry.department, date: entry.date, note: entry.note, reportedAt: now)
        let said: String
        switch (entry.content, task.schedule) {
        case (.percent(let percent), .milestone):
            guard percent.isFinite, (0...100).contains(percent) else {
                throw refuse(
                    "percent \(percent.plainText) is outside 0–100", "give how much is done, from 0 to 100",
                    field: "percent")
            }
            report.percent = percent
            said = "\(percent.plainText)%"
        case (.occurrence(let key, let done), .obligation(let obligation)):
            let periods = obligation.every.periods(from: obligation.start, through: obligation.end)
            let keys = periods.map { obligation.every.key(of: $0) }
            guard keys.contains(key) else {
                throw refuse(
                    "occurrence “\(key)” is not a period of \(entry.task), which recurs every \(obligation.every.rawValue)",
                    "name a period such as \(keys.first ?? "?") … \(keys.last ?? "?")", field: "occurrence")
            }
            report.occurrence = key
            report.done = done
            said = "occurrence \(key) \(done ? "done" : "not done")"
        case (.value(let value), .target(_, _, let threshold)):
            guard value.isFinite else {
                throw refuse("value \(value) is not a number", "give the measured value", field: "value")
            }
            report.value = value
            said = "\(threshold.metric) \(value.plainText)\(threshold.unit)"
        case (_, .milestone):
            throw refuse("\(entry.task) is a milestone", "report how far it is done with --percent", field: valueField)
        case (_, .obligation(let obligation)):
            throw refuse(
                "\(entry.task) is a recurring duty (every \(obligation.every.rawValue))",
                "report one occurrence with --occurrence PERIOD (e.g. \(obligation.every.key(of: obligation.start...obligation.start)))",
                field: valueField)
        case (_, .target(_, _, let threshold)):
            throw refuse(
                "\(entry.task) is a target (\(threshold.metric) \(threshold.comparison.rawValue) \(threshold.value.plainText)\(threshold.unit))",
                "report the measured value with --value", field: valueField)
        }
        try db.insert(&report)
        var audit = AuditEntry(
            id: nil, at: now, actor: actor, action: "progress.report", subject: entry.task,
            detail: "\(entry.department) reported \(said) as of \(entry.date)"
                + (try previous(of: report, db).map { " (was \($0))" } ?? " (first report)")
                + (entry.note.map { ": \($0)" } ?? ""))
        try db.insert(&audit)
        return report
    }

    /// The current department whose id, name or (unique) alias is `text`: sheets write 应急局 for emergency.
    private static func department(named text: String, _ db: any StoreConnection) throws -> DepartmentRecord? {
        if let exact = try db.find(DepartmentRecord.self, key: text), exact.archivedAt == nil { return exact }
        let current = try db.all(DepartmentRecord.self, where: "archivedAt IS NULL")
        if let named = current.first(where: { $0.name == text }) { return named }
        let aliased = current.filter { $0.aliases.contains(text) }
        return aliased.count == 1 ? aliased[0] : nil
    }

    /// The report before `report` of the same kind, described.
    private static func previous(of report: ProgressReport, _ db: any StoreConnection) throws -> String? {
        // This runs for every report the server takes: the (taskId, date, id) index answers it.
        let previous =
            try report.occurrence.map {
                try db.first(
                    ProgressReport.self, where: "taskId = ? AND id <> ? AND occurrence = ?",
                    [report.taskId, report.id, $0],
                    order: "taskId DESC, date DESC, id DESC")
            }
            ?? db.first(
                ProgressReport.self, where: "taskId = ? AND id <> ?", [report.taskId, report.id],
                order: "taskId DESC, date DESC, id DESC")
        guard let previous else { return nil }
        if let percent = previous.percent { return "\(percent.plainText)% as of \(previous.date)" }
        if let value = previous.value { return "\(value.plainText) as of \(previous.date)" }
        if let done = previous.done { return "\(done ? "done" : "not done") as of \(previous.date)" }
        return nil
    }

    /// Every progress report on `task`, by date then entry order.
    public func progressReports(task id: String) throws -> [ProgressReport] {
        try read { db in
            try db.all(ProgressReport.self, where: "taskId = ?", [id], order: "date, id")
        }
    }

    /// What was reported of each task up to and including `day`: the evaluation's input.
    public func progress(asOf day: Day) throws -> [String: TaskProgress] {
        try read { db in try Self.progress(asOf: day, db) }
    }

    static func progress(asOf day: Day, _ db: any StoreConnection) throws -> [String: TaskProgress] {
        do {
            let reports = try db.all(ProgressReport.self, where: "date <= ?", [day], order: "date, id")
            var progress: [String: TaskProgress] = [:]
            var occurrences: [String: [String: Bool]] = [:]
            for report in reports {
                var item = progress[report.taskId] ?? TaskProgress()
                if let percent = report.percent {
                    item.percent = percent
                    item.reportedOn = report.date
                    item.doneOn = percent >= 100 ? (item.doneOn ?? report.date) : nil
                }
                if let value = report.value {
                    item.value = value
                    item.reportedOn = report.date
                }
                if let key = report.occurrence { occurrences[report.taskId, default: [:]][key] = report.done ?? true }
                progress[report.taskId] = item
            }
            for (task, keys) in occurrences {
                progress[task]?.occurrencesDone = Set(keys.filter(\.value).keys)
            }
            return progress
        }
    }

}
