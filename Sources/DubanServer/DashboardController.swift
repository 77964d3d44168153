import DubanCore
import DubanDocs
import DubanStore
import Foundation
import Hummingbird

/// The office's dashboard and the departments' pages: server-rendered HTML, forms with CSRF
/// tokens, a session cookie from the login form. Nothing is fetched from outside.
struct DashboardController {
    let environment: ServerEnvironment

    func register(on router: Router<DubanRequestContext>) {
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("/", use: overview)
        router.get("departments/:id", use: departmentPage)
        router.get("departments/:id/hazards", use: departmentHazardsPage)
        router.get("hazards", use: hazardsPage)
        router.post("departments/:id/progress", use: reportForm)
        router.post("escalations/:id/acknowledge", use: acknowledgeForm)
        router.get("approvals", use: approvalsPage)
        router.post("approvals/:id", use: decideForm)
        router.get("outbox", use: outboxPage)
        router.post("outbox/:id/retry", use: retryForm)
        router.get("gantt.svg", use: gantt)
        router.get("bulletins/:file", use: document)
        router.get("agendas/:file", use: document)
        router.get("letters/:file", use: document)
    }

    // MARK: - Pages and helpers

    func page(
        _ name: String, title: String, _ context: [String: Any], identity: Identity?, status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        let html = environment.dashboard.render(name, title: title, context: context, identity: identity)
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline' 'self'; img-src 'self' data:",
                .init("X-Frame-Options")!: "DENY",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func message(_ text: String, identity: Identity?, status: HTTPResponse.Status) -> Response {
        page("message", title: "提示", ["message": text], identity: identity, status: status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The identity behind the session, or a redirect to the login page.
    func browser(_ context: DubanRequestContext) -> Identity? { context.identity }

    /// Reads a form and checks its CSRF token against the session's.
    func form(_ request: Request, _ context: DubanRequestContext) async throws -> (Identity, RequestBody)? {
        guard let identity = context.identity else { return nil }
        let body = try await RequestBody.read(request, context: context, form: true)
        guard let expected = identity.csrf, let sent = try body.string("csrf"), TokenText.equal(expected, sent) else {
            throw APIError(
                .forbidden, "csrf", "the form's security token is missing or stale",
                fix: "reload the page and submit it again")
        }
        return (identity, body)
    }

    // MARK: - Login

    @Sendable func loginPage(_ request: Request, context: DubanRequestContext) async throws -> Response {
        page("login", title: "登录", [:], identity: nil)
    }

    @Sendable func login(_ request: Request, context: DubanRequestContext) async throws -> Response {
        // The client: the peer itself, or the address nginx passes when the peer is a proxy on this machine.
        let forwarded = request.headers[.init("X-Real-IP")!]
        let client =
            context.peer.map { peer in
                (peer == "127.0.0.1" || peer == "::1") ? (forwarded ?? peer) : peer
            } ?? forwarded ?? "direct"
        let now = environment.now()
        guard
            await environment.loginLimiter.allows(
                client, now: now, attempts: environment.loginAttempts, window: environment.loginWindow)
        else {
            return page(
                "login", title: "登录", ["error": "登录失败次数过多，请一分钟后再试。"], identity: nil, status: .tooManyRequests)
        }
        let body = try await RequestBody.read(request, context: context, form: true)
        guard let text = try body.string("token")?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
            let token = try await environment.store({ try $0.token(hash: TokenText.hash(text), at: now) })
        else {
            await environment.loginLimiter.failed(client, at: now)
            return page("login", title: "登录", ["error": "令牌无效、已吊销或已过期。"], identity: nil, status: .unauthorized)
        }
        await environment.loginLimiter.succeeded(client)
        let session = TokenText.generate(prefix: "")
        let expires = now.addingTimeInterval(environment.sessionSeconds)
        try await environment.store {
            try $0.createSession(
                hash: TokenText.hash(session), token: token, csrf: TokenText.generate(prefix: ""), now: now,
                expires: expires)
        }
        var response = Self.redirect(token.role == .department ? "/departments/\(token.departmentId!)" : "/")
        response.setCookie(
            Cookie(
                name: Authenticator.cookie, value: session, maxAge: Int(environment.sessionSeconds), path: "/",
                secure: environment.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func logout(_ request: Request, context: DubanRequestContext) async throws -> Response {
        if try await form(request, context) != nil, let value = request.cookies[Authenticator.cookie]?.value {
            try await environment.store { try $0.endSession(hash: TokenText.hash(value)) }
        }
        var response = Self.redirect("/login")
        response.setCookie(
            Cookie(
                name: Authenticator.cookie, value: "", maxAge: 0, path: "/", secure: environment.secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: - Office overview

    @Sendable func overview(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = browser(context) else { return Self.redirect("/login") }
        if identity.role == .department { return Self.redirect("/departments/\(identity.department!)") }
        let (today, lights) = (environment.today, environment.context.policy.lights)
        let (evaluation, set, previousDocument, received, steps) = try await environment.store { database in
            let (evaluation, set) = try database.evaluate(asOf: today, lights: lights)
            return (
                evaluation, set, try database.document(kind: "bulletin"),
                try database.escalationsReceived(through: today), try database.escalations()
            )
        }
        let office = set.plans.first { $0.extends == nil }?.office
        let previous = previousDocument.flatMap {
            try? JSONDecoder().decode(MonthlyBulletin.self, from: Data($0.content.utf8))
        }
        let ranking = DepartmentRanking(
            evaluation: evaluation, registry: set.departments,
            escalations: received,
            previousRanks: Dictionary(
                (previous?.ranking ?? []).map { ($0.department, $0.rank) }, uniquingKeysWith: { first, _ in first }),
            office: office, weights: environment.context.policy.ranking)
        let rollups = Dictionary(
            evaluation.departments(set.departments).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let counts = Dictionary(grouping: evaluation.tasks, by: \.light).mapValues(\.count)
        let pending = steps.filter {
            $0.kind == .rung && ($0.state == .proposed || $0.state == .held)
        }
        let titles = Dictionary(set.tasks.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let goals = evaluation.computed.values.sorted { $0.task < $1.task }.map { goal -> [String: Any] in
            [
                "task": goal.task, "title": titles[goal.task] ?? goal.task,
                "percent": TaskEvaluation.published(goal.percent).plainText, "met": goal.met,
                "explanation": goal.explanation,
            ]
        }
        let context: [String: Any] = [
            "today": environment.today.description,
            "goals": goals, "hasGoals": !goals.isEmpty,
            "red": counts[.red] ?? 0, "yellow": counts[.yellow] ?? 0, "blue": counts[.blue] ?? 0,
            "green": counts[.green] ?? 0,
            "overdue": evaluation.tasks.filter { $0.status == .overdue }.count,
            "pending": pending.count,
            "cards": ranking.standings.map { standing in
                [
                    "rank": standing.rank, "department": standing.department, "name": standing.name,
                    "score": standing.score.plainText, "tasks": standing.tasks,
                    "red": rollups[standing.department]?.lights[.red] ?? 0,
                    "yellow": rollups[standing.department]?.lights[.yellow] ?? 0,
                    "overdue": standing.overdue,
                    "reported": TaskEvaluation.published(rollups[standing.department]?.reported ?? 0).plainText,
                    "expected": TaskEvaluation.published(rollups[standing.department]?.expected ?? 0).plainText,
                    "change": standing.change.map { $0 > 0 ? "↑\($0)" : $0 < 0 ? "↓\(-$0)" : "—" } ?? "新",
                ] as [String: Any]
            },
        ]
        return page("office", title: "总览", context, identity: identity)
    }

    @Sendable func gantt(_ request: Request, context: DubanRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let (today, lights) = (environment.today, environment.context.policy.lights)
        let (evaluation, set) = try await environment.store { try $0.evaluate(asOf: today, lights: lights) }
        guard let chart = GanttChart(plans: set, evaluation: evaluation, today: environment.today) else {
            throw APIError.notFound("no plan is loaded")
        }
        return JSONResponse.data(Data(chart.svg.utf8), contentType: "image/svg+xml; charset=utf-8")
    }

    /// `/bulletins/2025-06.html`, `/agendas/2025Q3.docx`, `/letters/2025-12.md`: what chat digests link to.
    @Sendable func document(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = context.identity else { return Self.redirect("/login") }
        let file = try context.parameters.require("file")
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let format = DocumentFormat(rawValue: parts[1]) else {
            return message("没有这个文件：\(file)", identity: identity, status: .notFound)
        }
        let writer = try await environment.writer()
        let document: OfficialDocument
        let kind = request.uri.path.split(separator: "/").first.map(String.init) ?? ""
        switch kind {
        case "bulletins":
            guard let record = try await environment.store({ try $0.document(kind: "bulletin", period: parts[0]) })
            else {
                return message("没有 \(parts[0]) 的月通报。", identity: identity, status: .notFound)
            }
            document = writer.bulletin(try JSONDecoder().decode(MonthlyBulletin.self, from: Data(record.content.utf8)))
        case "agendas":
            guard let record = try await environment.store({ try $0.document(kind: "agenda", period: parts[0]) })
            else {
                return message("没有 \(parts[0]) 的会商研判议程。", identity: identity, status: .notFound)
            }
            document = writer.agenda(try JSONDecoder().decode(ConsultationAgenda.self, from: Data(record.content.utf8)))
        default:
            guard let (year, sequence) = Query.letterNumber(parts[0]),
                let record = try await environment.store({ try $0.letters(year: year) }).first(where: {
                    $0.sequence == sequence
                })
            else { return message("没有这份督办函。", identity: identity, status: .notFound) }
            if identity.role == .department, identity.department != record.departmentId {
                return message("这份督办函发给其他单位。", identity: identity, status: .forbidden)
            }
            document = writer.letter(try record.letter())
        }
        return APIController.rendered(try writer.render(document, as: format), format, name: document.name)
    }
}
