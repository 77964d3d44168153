import DubanCore
import Foundation
import GRDB

/// Why a progress report was refused, and how to send it right.
public struct ProgressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, naming the bad value.
    public var message: String
    /// How to fix it.
    public var fix: String

    public var description: String { "\(message); \(fix)" }
}

extension AppDatabase {
    /// Records that `department` reports `task` at `percent` done as of `date`, and audits it.
    ///
    /// - Throws: `ProgressError` for an unknown or archived task, an unknown department, a department
    ///   that neither leads nor supports the task (the plan's office may report on any), or a percent
    ///   outside 0–100.
    @discardableResult
    public func reportProgress(
        task id: String, percent: Double, by department: String, date: Day, note: String?, now: Date, actor: String
    ) throws -> ProgressReport {
        try writer.write { db in
            guard let task = try TaskRecord.fetchOne(db, key: id) else {
                throw ProgressError(message: "no task “\(id)” is loaded", fix: "check the id with `duban plan show`")
            }
            guard task.archivedAt == nil else {
                throw ProgressError(
                    message: "task “\(id)” was removed from its plan and is archived",
                    fix: "report on a current task, or put the task back in the plan and reload")
            }
            guard (0...100).contains(percent), percent.isFinite else {
                throw ProgressError(
                    message: "percent \(Self.format(percent)) is outside 0–100",
                    fix: "give how much is done, from 0 to 100")
            }
            guard let reporter = try DepartmentRecord.fetchOne(db, key: department), reporter.archivedAt == nil else {
                throw ProgressError(
                    message: "no department “\(department)” is in the registry",
                    fix: "use a department id from plans/departments.yaml")
            }
            let office = try PlanRecord.fetchOne(db, key: task.planId)?.office
            guard department == task.lead || task.support.contains(department) || department == office else {
                throw ProgressError(
                    message: "\(reporter.name) (\(department)) neither leads nor supports task \(id)",
                    fix: "report as the lead, \(task.lead)"
                        + (task.support.isEmpty
                            ? "" : ", or a supporting department: " + task.support.joined(separator: ", ")))
            }
            var report = ProgressReport(
                id: nil, taskId: id, percent: percent, departmentId: department, date: date, note: note, reportedAt: now
            )
            try report.insert(db)
            let previous = try ProgressReport.filter(
                ProgressReport.Columns.taskId == id && ProgressReport.Columns.id != report.id
            )
            .order(ProgressReport.Columns.date.desc, ProgressReport.Columns.id.desc).fetchOne(db)
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "progress.report", subject: id,
                detail: "\(department) reported \(Self.format(percent))% as of \(date)"
                    + (previous.map { " (was \(Self.format($0.percent))% as of \($0.date))" } ?? " (first report)")
                    + (note.map { ": \($0)" } ?? ""))
            try audit.insert(db)
            return report
        }
    }

    /// Every progress report on `task`, by date then entry order.
    public func progressReports(task id: String) throws -> [ProgressReport] {
        try writer.read { db in
            try ProgressReport.filter(ProgressReport.Columns.taskId == id)
                .order(ProgressReport.Columns.date, ProgressReport.Columns.id).fetchAll(db)
        }
    }

    static func format(_ percent: Double) -> String {
        percent.isFinite && percent == percent.rounded() && abs(percent) < 1e15 ? String(Int(percent)) : String(percent)
    }
}
