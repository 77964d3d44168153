import DubanCore
import DubanStore
import Foundation
import Hummingbird

extension DashboardController {
    /// A department's page: its tasks with a progress form each, and the letters it has received.
    @Sendable func departmentPage(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = browser(context) else { return Self.redirect("/login") }
        let id = try context.parameters.require("id")
        let lights = environment.context.policy.lights
        let today = environment.today
        let (evaluation, set, letters, acknowledgements) = try await environment.store { database in
            let (evaluation, set) = try database.evaluate(asOf: today, lights: lights)
            let letters = try database.letters(department: id)
            return (evaluation, set, letters, try database.acknowledgements(steps: letters.map(\.stepId)))
        }
        guard let department = set.department(id) else {
            return message("没有这个单位：\(id)", identity: identity, status: .notFound)
        }
        if identity.role == .department, identity.department != id {
            return message("只能查看本单位的页面。", identity: identity, status: .forbidden)
        }
        let canReport = identity.role == .office || identity.department == id
        let tasks = set.tasks.filter { $0.lead == id || $0.support.contains(id) }.map { task -> [String: Any] in
            let evaluated = evaluation.task(task.id)
            var line: [String: Any] = [
                "id": task.id, "title": task.title, "due": task.schedule.due.description,
                "light": (evaluated?.light ?? .green).rawValue, "lightName": (evaluated?.light ?? .green).chinese,
                "status": (evaluated?.status ?? .notStarted).chinese,
                "expected": TaskEvaluation.published(evaluated?.expected ?? 0).plainText,
                "reported": TaskEvaluation.published(evaluated?.reported ?? 0).plainText,
                "lead": task.lead == id,
            ]
            if canReport {
                switch task.schedule {
                case .milestone: line["milestone"] = true
                case .target(_, _, let threshold):
                    line["target"] = ["metric": threshold.metric, "unit": threshold.unit]
                case .obligation(let obligation):
                    let period =
                        obligation.every.periods(from: obligation.start, through: obligation.end)
                        .last { $0.lowerBound <= today } ?? (obligation.start...obligation.start)
                    line["obligation"] = ["occurrence": obligation.every.key(of: period)]
                }
            }
            return line
        }
        let context: [String: Any] = [
            // `department`, not `id`: inside {{#tasks}} `id` is the task's.
            "id": id, "department": id, "name": department.name, "today": today.description, "tasks": tasks,
            "canReport": canReport,
            "letters": try letters.reversed().map { record in
                let letter = try record.letter()
                var line: [String: Any] = [
                    "number": record.number, "step": record.stepId, "issued": record.issued.description,
                    "rung": EscalationRung(name: letter.rung)?.chinese ?? letter.rung, "task": record.taskId,
                    "title": letter.title, "link": "/letters/\(record.year)-\(record.sequence).html",
                    "replyBy": letter.replyBy.description,
                ]
                if let acknowledged = acknowledgements[record.stepId] {
                    line["acknowledged"] = Day(acknowledged.at).description
                } else if canReport {
                    line["canAcknowledge"] = true
                }
                return line
            },
            "ok": request.uri.queryParameters["ok"].flatMap { ok in set.tasks.first { $0.id == ok }?.title } as Any,
        ]
        return page(
            "department", title: department.name, context.compactMapValues { $0 is NSNull ? nil : $0 },
            identity: identity)
    }

    /// The progress form: the same checks as `POST /api/tasks/{id}/progress`.
    @Sendable func reportForm(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let (identity, body) = try await form(request, context) else { return Self.redirect("/login") }
        let id = try context.parameters.require("id")
        guard let task = try body.string("task", required: true) else { return Self.redirect("/departments/\(id)") }
        var fields = body.fields
        fields["csrf"] = nil
        fields["task"] = nil
        if identity.role == .office { fields["department"] = id }
        do {
            _ = try await Progress.take(
                RequestBody(fields: fields, isForm: true), task: task, identity: identity, environment: environment)
            environment.metrics.reported()
        } catch let error as APIError {
            return message(
                "未能报送：\(error.message)\(error.fix.map { "（\($0)）" } ?? "")", identity: identity, status: error.status)
        }
        return Self.redirect("/departments/\(id)?ok=\(task)")
    }

    @Sendable func acknowledgeForm(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let (identity, _) = try await form(request, context) else { return Self.redirect("/login") }
        let text = try context.parameters.require("id")
        guard let id = Int64(text), let step = try await environment.store({ try $0.escalation(id: id) }) else {
            return message("没有这个督办事项。", identity: identity, status: .notFound)
        }
        guard AccessRules.allows(identity, .acknowledge(department: step.department)) else {
            return message("这份督办函发给其他单位。", identity: identity, status: .forbidden)
        }
        let now = environment.now()
        do {
            _ = try await environment.store {
                try $0.acknowledge(step: id, department: step.department, note: nil, now: now, actor: identity.actor)
            }
        } catch let error as ProgressError {
            return message("未能签收：\(error.message)", identity: identity, status: .conflict)
        }
        return Self.redirect("/departments/\(step.department)")
    }

    // MARK: - The office's queues

    @Sendable func approvalsPage(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = browser(context) else { return Self.redirect("/login") }
        guard identity.role != .department else {
            return message("审批只对区安委会办公室开放。", identity: identity, status: .forbidden)
        }
        let (set, steps) = try await environment.store { (try $0.planSet(), try $0.escalations()) }
        let names = Dictionary(set.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let pending = steps.filter {
            $0.kind == .rung && ($0.state == .proposed || $0.state == .held)
        }
        let context: [String: Any] = [
            "steps": pending.map { step in
                [
                    "id": step.id ?? 0, "date": step.date.description, "task": step.task,
                    "department": names[step.department] ?? step.department, "rung": step.rung.chinese,
                    "state": step.state.chinese, "basis": step.basis,
                ] as [String: Any]
            },
            "canDecide": identity.role == .office,
        ]
        return page("approvals", title: "待审批", context, identity: identity)
    }

    @Sendable func decideForm(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let (identity, body) = try await form(request, context) else { return Self.redirect("/login") }
        guard AccessRules.allows(identity, .decide) else {
            return message("审批只对区安委会办公室开放。", identity: identity, status: .forbidden)
        }
        guard let id = Int64(try context.parameters.require("id")),
            let action = EscalationAction(rawValue: try body.string("action") ?? "")
        else { return message("无法识别的审批操作。", identity: identity, status: .badRequest) }
        let reason = (try body.string("reason") ?? "").trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { return message("请填写审批理由。", identity: identity, status: .unprocessableContent) }
        let (today, scheduler, now) = (environment.today, environment.context, environment.now())
        do {
            _ = try await environment.store {
                try $0.decide(
                    step: id, action, reason: reason, on: today, context: scheduler, now: now, actor: identity.actor)
            }
        } catch let error as ProgressError {
            return message("未能办理：\(error.message)", identity: identity, status: .conflict)
        }
        return Self.redirect("/approvals")
    }

    @Sendable func outboxPage(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = browser(context) else { return Self.redirect("/login") }
        guard identity.role != .department else {
            return message("发送记录只对区安委会办公室开放。", identity: identity, status: .forbidden)
        }
        let (outbox, set) = try await environment.store { (try $0.outbox(), try $0.planSet()) }
        let messages = outbox.suffix(200).reversed()
        let names = Dictionary(set.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func line(_ message: OutboxMessage) -> [String: Any] {
            [
                "id": message.id ?? 0, "department": names[message.departmentId] ?? message.departmentId,
                "kind": message.kind.chinese, "subject": message.subject,
                "state": message.state.chinese, "created": Day(message.createdAt).description,
            ]
        }
        let context: [String: Any] = [
            "dead": messages.filter { $0.state == .dead }.map(line),
            "messages": messages.filter { $0.state != .dead }.prefix(100).map(line),
            "canRetry": identity.role == .office,
        ]
        return page("outbox", title: "发送记录", context, identity: identity)
    }

    @Sendable func retryForm(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let (identity, _) = try await form(request, context) else { return Self.redirect("/login") }
        guard AccessRules.allows(identity, .retry) else {
            return message("只有区安委会办公室可以重发。", identity: identity, status: .forbidden)
        }
        guard let id = Int64(try context.parameters.require("id")) else {
            return message("没有这条消息。", identity: identity, status: .notFound)
        }
        let now = environment.now()
        do {
            try await environment.store { try $0.retry(outbox: id, now: now, actor: identity.actor) }
        } catch {
            return message("未能重发：\(error)", identity: identity, status: .conflict)
        }
        return Self.redirect("/outbox")
    }
}
