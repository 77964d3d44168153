import DubanCore
import DubanStore
import Foundation

/// A progress report from the API or the dashboard's form: checked against who is asking, then recorded.
enum Progress {
    static func take(
        _ body: RequestBody, task id: String, identity: Identity, environment: ServerEnvironment
    ) async throws -> ProgressReport {
        guard let task = try await environment.task(id) else { throw APIError.notFound("no task “\(id)” is loaded") }
        let write = AccessRules.Write.report(lead: task.lead, support: task.support)
        guard AccessRules.allows(identity, write) else {
            throw APIError.forbidden(AccessRules.refusal(identity, write))
        }
        let department: String
        if identity.role == .office {
            department = try body.string("department").flatMap { $0.isEmpty ? nil : $0 } ?? task.lead
            let office = try await environment.store { try $0.office() }
            guard department == task.lead || task.support.contains(department) || department == office else {
                throw APIError.invalid(
                    "department", "\(department) neither leads nor supports \(id)",
                    fix: "report as \(([task.lead] + task.support).joined(separator: ", ")), or leave department out")
            }
        } else {
            department = identity.department!
            if let named = try body.string("department"), !named.isEmpty, named != department {
                throw APIError.forbidden("a \(department) token reports for \(department), not \(named)")
            }
        }
        // Every field that is present must have its type, whichever the task's kind reads.
        _ = try body.number("percent")
        _ = try body.number("value")
        _ = try body.bool("done")
        _ = try body.string("occurrence")
        let content: ProgressEntry.Content
        switch task.kind {
        case .milestone:
            guard let percent = try body.number("percent") else {
                throw APIError.invalid("percent", "percent is required for a milestone", fix: "send a number 0–100")
            }
            guard (0...100).contains(percent) else {
                throw APIError.invalid("percent", "percent \(percent.plainText) is not between 0 and 100")
            }
            content = .percent(percent)
        case .obligation:
            guard let occurrence = try body.string("occurrence"), !occurrence.isEmpty else {
                throw APIError.invalid(
                    "occurrence", "occurrence is required for a recurring duty",
                    fix: "send the period, e.g. 2025Q2, 2025-06, 2025H1 or 2025")
            }
            // A form's unticked box sends nothing: not done. JSON without `done` means done.
            content = .occurrence(occurrence, done: try body.bool("done") ?? !body.isForm)
        case .target:
            guard let value = try body.number("value") else {
                throw APIError.invalid("value", "value is required for a target", fix: "send the measured value")
            }
            content = .value(value)
        }
        let date = try body.day("date") ?? environment.today
        guard date <= environment.today else {
            throw APIError.invalid("date", "date \(date) is in the future", fix: "report what is true by today")
        }
        let note = try body.string("note").flatMap { $0.isEmpty ? nil : $0 }
        do {
            return try await environment.reports.record(
                ProgressEntry(task: id, department: department, date: date, content: content, note: note),
                actor: identity.actor, now: environment.now())
        } catch let error as ProgressError {
            throw APIError(error)
        }
    }
}
