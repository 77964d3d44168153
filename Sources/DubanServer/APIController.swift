import DubanCore
import DubanStore
import Foundation
import Hummingbird

/// The JSON API under `/api`, described by `/openapi.yaml`.
struct APIController {
    let environment: ServerEnvironment

    func register(on router: Router<DubanRequestContext>) {
        let api = router.group("api")
        api.get("tasks", use: tasks)
        api.get("tasks/:id", use: task)
        api.post("tasks/:id/progress", use: report)
        api.post("tasks/:id/escalate", use: force)
        api.get("escalations", use: escalations)
        api.post("escalations/:id/acknowledge", use: acknowledge)
        api.post("escalations/:id/:action", use: decide)
        api.get("evaluation", use: evaluation)
        api.get("bulletins/:month", use: bulletin)
        api.get("agendas/:quarter", use: agenda)
        api.get("letters", use: letters)
        api.get("letters/:number", use: letter)
        api.get("calendars/:file", use: calendar)
        registerHazards(on: api)
    }

    // MARK: - Tasks

    struct TaskList: Encodable {
        var asOf: Day
        var tasks: [TaskView]
        enum CodingKeys: String, CodingKey {
            case asOf = "as_of"
            case tasks
        }
    }

    @Sendable func tasks(_ request: Request, context: DubanRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let query = Query(request)
        let (today, lights) = (environment.today, environment.context.policy.lights)
        let (evaluation, set) = try await environment.store { try $0.evaluate(asOf: today, lights: lights) }
        if let light = query["light"], Light(rawValue: light) == nil {
            throw APIError.invalid("light", "light “\(light)” is not a light", fix: "use green, blue, yellow or red")
        }
        if let status = query["status"], TaskStatus(rawValue: status) == nil {
            throw APIError.invalid(
                "status", "status “\(status)” is not a status",
                fix: "use " + TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let department = query["department"], set.department(department) == nil {
            throw APIError.invalid("department", "no department “\(department)” is loaded")
        }
        let views = set.tasks.compactMap { task -> TaskView? in
            let view = TaskView(task, evaluation.task(task.id))
            if let department = query["department"], view.lead != department { return nil }
            if let action = query["action"], view.action != action { return nil }
            if let light = query["light"], view.light != light { return nil }
            if let status = query["status"], view.status != status { return nil }
            return view
        }
        return try JSONResponse.make(TaskList(asOf: evaluation.asOf, tasks: views))
    }

    struct TaskDetail: Encodable {
        var task: TaskView
        var source: String?
        var progress: [ReportView]
        var escalations: [StepView]
    }

    @Sendable func task(_ request: Request, context: DubanRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let id = try context.parameters.require("id")
        let (today, lights) = (environment.today, environment.context.policy.lights)
        let detail = try await environment.store { database in
            guard let (task, archived) = try database.task(id), !archived else {
                throw APIError.notFound("no task “\(id)” is loaded")
            }
            let (evaluation, _) = try database.evaluate(asOf: today, lights: lights)
            return TaskDetail(
                task: TaskView(task, evaluation.task(id)), source: task.source,
                progress: try database.progressReports(task: id).map(ReportView.init),
                escalations: try Self.stepViews(try database.escalations(task: id), in: database))
        }
        return try JSONResponse.make(detail)
    }

    /// `POST /api/tasks/{id}/progress`: `{"percent": 60}`, `{"occurrence": "2025Q2", "done": true}` or
    /// `{"value": 42}`, with optional `date`, `note` and (for the office) `department`.
    @Sendable func report(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("id")
        let body = try await RequestBody.read(request, context: context)
        try body.only(["percent", "occurrence", "done", "value", "date", "note", "department"])
        let report = try await Progress.take(
            body, task: id, identity: identity, environment: environment)
        environment.metrics.reported()
        return try JSONResponse.make(ReportView(report), status: .created)
    }

    // MARK: - Escalations

    /// The steps as the API shows them, with their letters' numbers and acknowledgements.
    static func stepViews(_ steps: [EscalationStep], in database: AppDatabase) throws -> [StepView] {
        let ids = steps.compactMap(\.id)
        let acknowledgements = try database.acknowledgements(steps: ids)
        let letters = try database.letterNumbers(steps: ids)
        return steps.map { step in
            StepView(
                step, letter: step.id.flatMap { letters[$0] }, acknowledgement: step.id.flatMap { acknowledgements[$0] }
            )
        }
    }

    @Sendable func escalations(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = Query(request)
        if let state = query["state"], StepState(rawValue: state) == nil {
            throw APIError.invalid(
                "state", "state “\(state)” is not a step state",
                fix: "use " + StepState.allCases.map(\.rawValue).joined(separator: ", "))
        }
        // A department sees the steps addressed to it; the office and viewers see all.
        let department = identity.role == .department ? identity.department : query["department"]
        let (task, state) = (query["task"], query["state"])
        let views = try await environment.store { database in
            var steps = try database.escalations(task: task, department: department)
            if let state { steps = steps.filter { $0.state.rawValue == state } }
            return try Self.stepViews(steps, in: database)
        }
        return try JSONResponse.make(views)
    }

    func step(_ context: DubanRequestContext) async throws -> EscalationStep {
        let text = try context.parameters.require("id")
        guard let id = Int64(text) else { throw APIError.notFound("no escalation step “\(text)”") }
        guard let step = try await environment.store({ try $0.escalation(id: id) }), step.kind == .rung else {
            throw APIError.notFound("no escalation step \(id)")
        }
        return step
    }

    @Sendable func acknowledge(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let step = try await step(context)
        guard AccessRules.allows(identity, .acknowledge(department: step.department)) else {
            throw APIError.forbidden(AccessRules.refusal(identity, .acknowledge(department: step.department)))
        }
        let body = try await RequestBody.read(request, context: context)
        try body.only(["note"])
        let (note, now) = (try body.string("note"), environment.now())
        do {
            let view = try await environment.store { database in
                try database.acknowledge(
                    step: step.id!, department: step.department, note: note, now: now, actor: identity.actor)
                return try Self.stepViews([step], in: database)[0]
            }
            return try JSONResponse.make(view)
        } catch let error as ProgressError {
            throw APIError(error)
        }
    }

    /// `POST /api/escalations/{id}/approve|hold|skip` with `{"reason": "…"}`: the office's decisions.
    @Sendable func decide(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let name = try context.parameters.require("action")
        guard let action = EscalationAction(rawValue: name) else {
            throw APIError.notFound("no action “\(name)”; use approve, hold, skip or acknowledge")
        }
        // The role first: a department learns nothing about which steps exist.
        guard AccessRules.allows(identity, .decide) else {
            throw APIError.forbidden(AccessRules.refusal(identity, .decide))
        }
        let step = try await step(context)
        let body = try await RequestBody.read(request, context: context)
        try body.only(["reason"])
        let reason = try body.string("reason", required: true)!
        let (today, scheduler, now) = (environment.today, environment.context, environment.now())
        do {
            let view = try await environment.store { database in
                let decided = try database.decide(
                    step: step.id!, action, reason: reason, on: today, context: scheduler, now: now,
                    actor: identity.actor)
                return try Self.stepViews([decided], in: database)[0]
            }
            return try JSONResponse.make(view)
        } catch let error as ProgressError {
            throw APIError(error)
        }
    }

    /// `POST /api/tasks/{id}/escalate` with `{"reason": "…"}`: the next rung now.
    @Sendable func force(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("id")
        guard try await environment.task(id) != nil else {
            throw APIError.notFound("no task “\(id)” is loaded")
        }
        guard AccessRules.allows(identity, .decide) else {
            throw APIError.forbidden(AccessRules.refusal(identity, .decide))
        }
        let body = try await RequestBody.read(request, context: context)
        try body.only(["reason"])
        let reason = try body.string("reason", required: true)!
        let (today, scheduler, now) = (environment.today, environment.context, environment.now())
        do {
            let view = try await environment.store { database in
                let step = try database.force(
                    task: id, reason: reason, on: today, context: scheduler, now: now, actor: identity.actor)
                return try Self.stepViews([step], in: database)[0]
            }
            return try JSONResponse.make(view, status: .created)
        } catch let error as ProgressError {
            throw APIError(error)
        }
    }

    // MARK: - Evaluation

    @Sendable func evaluation(_ request: Request, context: DubanRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        var day = environment.today
        if let text = Query(request)["as_of"] {
            guard let parsed = Day(text) else {
                throw APIError.invalid("as_of", "as_of “\(text)” is not a day", fix: "write YYYY-MM-DD")
            }
            day = parsed
        }
        let lights = environment.context.policy.lights
        let report = try await environment.store { [day] database in
            let (evaluation, registry) = try database.evaluation(asOf: day, lights: lights)
            return EvaluationReport(
                asOf: day, tasks: evaluation.tasks, departments: evaluation.departments(registry),
                escalations: try database.escalationsReceived(through: day),
                goals: Array(evaluation.computed.values))
        }
        return JSONResponse.bytes(try report.json(pretty: false))
    }
}
