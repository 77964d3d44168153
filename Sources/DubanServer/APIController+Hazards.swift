import DubanCore
import DubanStore
import Foundation
import Hummingbird

/// The hazard ledger (重大事故隐患台账) under `/api/hazards`: the office sees and changes every
/// hazard and a 群众举报's reporter; a department sees and changes only the hazards it supervises,
/// never a reporter; a viewer reads every hazard, without reporters.
extension APIController {
    func registerHazards(on api: RouterGroup<DubanRequestContext>) {
        api.get("hazards", use: hazardList)
        api.post("hazards", use: hazardAdd)
        api.get("hazards/stats", use: hazardStats)
        api.get("hazards/:id", use: hazardDetail)
        api.patch("hazards/:id", use: hazardUpdate)
        api.post("hazards/:id/list", use: hazardListing)
        api.post("hazards/:id/rectify", use: hazardRectify)
        api.post("hazards/:id/verify", use: hazardVerify)
        api.post("hazards/:id/close", use: hazardClose)
        api.post("hazards/:id/reopen", use: hazardReopen)
        api.post("hazards/:id/wait", use: hazardWait)
    }

    /// Runs `body` on the store, answering its refusals in the API's shape.
    func hazardStore<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        do {
            return try await environment.store(body)
        } catch let refusal as HazardProblems {
            throw APIError(refusal)
        } catch let refusal as ProgressError {
            throw APIError(refusal)
        }
    }

    /// `hazard` as the API shows it to `identity`, with its light as of today.
    func hazardView(_ hazard: Hazard, for identity: Identity) -> HazardView {
        let evaluation = HazardSupervision.evaluate(
            [hazard], asOf: environment.today, lights: environment.context.policy.lights)
        return HazardView(
            hazard, showsReporter: identity.seesReporters, today: environment.today,
            evaluation: evaluation.task(hazard.id))
    }

    // MARK: - Reads

    struct HazardList: Encodable {
        var asOf: Day
        var hazards: [HazardView]
        enum CodingKeys: String, CodingKey {
            case asOf = "as_of"
            case hazards
        }
    }

    /// `GET /api/hazards?state=&department=&subdistrict=&sector=&listed=&overdue=`.
    @Sendable func hazardList(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = Query(request)
        let today = environment.today
        var filter = HazardFilter(
            department: query["department"], subdistrict: query["subdistrict"], sector: query["sector"])
        if let text = query["state"] {
            guard let state = HazardState(rawValue: text) else {
                throw APIError.invalid(
                    "state", "state “\(text)” is not a hazard state",
                    fix: "use " + HazardState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            filter.state = state
        }
        filter.listedOnly = try Self.flag(query, "listed") ?? false
        let overdue = try Self.flag(query, "overdue")
        if overdue == true { filter.overdueOn = today }
        let (viewer, lights) = (identity.hazardViewer, environment.context.policy.lights)
        let (hazards, evaluation) = try await hazardStore { [filter] database in
            try Self.checkUnits(filter, in: database)
            return (
                try database.hazards(filter, as: viewer), try database.hazardEvaluation(asOf: today, lights: lights)
            )
        }
        let views = hazards.filter { overdue != false || !$0.isOverdue(on: today) }.map {
            HazardView(
                $0, showsReporter: identity.seesReporters, today: today, evaluation: evaluation.task($0.id))
        }
        return try JSONResponse.make(HazardList(asOf: today, hazards: views))
    }

    /// A `true`/`false` query parameter.
    static func flag(_ query: Query, _ name: String) throws -> Bool? {
        guard let text = query[name] else { return nil }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.invalid(name, "\(name) “\(text)” is not true or false", fix: "use true or false")
        }
    }

    /// Refuses a filter naming a department, subdistrict or sector the registry does not have.
    static func checkUnits(_ filter: HazardFilter, in database: AppDatabase) throws {
        guard filter.department != nil || filter.subdistrict != nil || filter.sector != nil else { return }
        let registry = try database.hazardRegistry()
        for (name, id, kind) in [
            ("department", filter.department, DepartmentKind.department),
            ("subdistrict", filter.subdistrict, .subdistrict),
        ] {
            if let id, !registry.departments.contains(where: { $0.id == id && $0.kind == kind }) {
                throw APIError.invalid(
                    name, "no \(name) “\(id)” is in the registry", fix: "use an id of plans/departments.yaml")
            }
        }
        if let sector = filter.sector, !registry.sectors.contains(where: { $0.id == sector }) {
            throw APIError.invalid(
                "sector", "no sector “\(sector)” is in the registry",
                fix: "use one of " + registry.sectors.map(\.id).joined(separator: ", "))
        }
    }

    struct HazardDetail: Encodable {
        var hazard: HazardView
        var audit: [HazardAuditView]
    }

    /// `GET /api/hazards/{id}`: the hazard and its audit trail.
    @Sendable func hazardDetail(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("id")
        let viewer = identity.hazardViewer
        let (hazard, trail) = try await hazardStore { database in
            (try database.hazard(id, as: viewer), try database.hazardAudit(id, as: viewer))
        }
        let audit = trail.filter { identity.seesReporters || $0.field != HazardField.reporter.rawValue }
        return try JSONResponse.make(
            HazardDetail(hazard: hazardView(hazard, for: identity), audit: audit.map(HazardAuditView.init)))
    }

    /// `GET /api/hazards/stats?by=subdistrict,sector&as_of=`: a department counts its own hazards.
    @Sendable func hazardStats(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = Query(request)
        let dimensions: [HazardStatistics.Dimension]
        switch HazardStatistics.dimensions(query["by"] ?? "subdistrict,sector") {
        case .success(let given): dimensions = given
        case .failure(let problem): throw APIError(HazardProblems([problem]))
        }
        var day = environment.today
        if let text = query["as_of"] {
            guard let parsed = Day(text) else {
                throw APIError.invalid("as_of", "as_of “\(text)” is not a day", fix: "write YYYY-MM-DD")
            }
            day = parsed
        }
        let viewer = identity.hazardViewer
        let statistics = try await hazardStore { [day] in
            try $0.hazardStatistics(by: dimensions, asOf: day, as: viewer)
        }
        return try JSONResponse.make(HazardStatisticsView(statistics))
    }

    // MARK: - Writes

    /// Refuses a viewer, and anyone but the office when `officeOnly`, before anything is read.
    static func requireHazardWriter(_ identity: Identity, officeOnly: String? = nil) throws {
        if identity.role == .viewer { throw APIError.forbidden("a viewer token is read-only") }
        if let officeOnly, identity.role != .office { throw APIError.forbidden(officeOnly) }
    }

    /// The hazard fields of `body`, by their JSON names (every value a string).
    static func hazardFields(_ body: RequestBody) throws -> [HazardField: String] {
        var fields: [HazardField: String] = [:]
        for field in HazardField.allCases {
            if let text = try body.string(field.rawValue) { fields[field] = text }
        }
        return fields
    }

    /// `POST /api/hazards`: the office records a hazard, as reported (201).
    @Sendable func hazardAdd(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireHazardWriter(identity, officeOnly: "only the office records hazards in the ledger")
        let body = try await RequestBody.read(request, context: context)
        try body.only(Set(HazardField.allCases.map(\.rawValue) + ["id"]))
        let (id, fields, now) = (try body.string("id"), try Self.hazardFields(body), environment.now())
        let added = try await hazardStore { database in
            try database.addHazards([(id: id, fields: fields, origin: nil)], actor: identity.actor, now: now)[0]
        }
        return try JSONResponse.make(hazardView(added, for: identity), status: .created)
    }

    /// `PATCH /api/hazards/{id}`: changes fields, each change audited; a department may not change
    /// the supervising department or the reporter.
    @Sendable func hazardUpdate(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireHazardWriter(identity)
        let id = try context.parameters.require("id")
        let body = try await RequestBody.read(request, context: context)
        try body.only(Set(HazardField.allCases.map(\.rawValue)))
        let fields = try Self.hazardFields(body)
        if fields.isEmpty {
            throw APIError.invalid(
                "body", "no field to change", fix: "send the fields to change, e.g. {\"deadline\": \"2025-09-30\"}")
        }
        let (viewer, now) = (identity.hazardViewer, environment.now())
        let hazard = try await hazardStore {
            try $0.updateHazard(id, fields: fields, as: viewer, actor: identity.actor, now: now)
        }
        return try JSONResponse.make(hazardView(hazard, for: identity))
    }

    /// Applies the change `make` reads from the body (which may hold `date` besides `fields`).
    func changeHazard(
        _ request: Request, _ context: DubanRequestContext, fields: Set<String>, officeOnly: String? = nil,
        _ make: (RequestBody, Data) throws -> HazardChange
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireHazardWriter(identity, officeOnly: officeOnly)
        let id = try context.parameters.require("id")
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var copy = request
        copy.body = .init(buffer: buffer)
        let body = try await RequestBody.read(copy, context: context)
        try body.only(fields.union(["date"]))
        let today = environment.today
        let day = try body.day("date") ?? today
        if day > today {
            throw APIError.invalid("date", "\(day) is after today (\(today))", fix: "give today or an earlier day")
        }
        let change = try make(body, Data(buffer.readableBytesView))
        let (viewer, policy, now) = (identity.hazardViewer, environment.context.policy, environment.now())
        let hazard = try await hazardStore {
            try $0.changeHazard(id, change, on: day, as: viewer, policy: policy, actor: identity.actor, now: now)
        }
        return try JSONResponse.make(hazardView(hazard, for: identity))
    }

    /// `POST /api/hazards/{id}/list` `{"level": "district"}`: 挂牌督办, the office's alone.
    @Sendable func hazardListing(_ request: Request, context: DubanRequestContext) async throws -> Response {
        try await changeHazard(
            request, context, fields: ["level"], officeOnly: "only the office lists hazards for supervision (挂牌督办)"
        ) { body, _ in
            let text = try body.string("level") ?? ListingLevel.district.rawValue
            guard let level = ListingLevel(rawValue: text) else {
                throw APIError.invalid("level", "level “\(text)” is not a level", fix: "use district, city or province")
            }
            return .list(level: level, number: "")
        }
    }

    /// `POST /api/hazards/{id}/rectify` `{"percent": 60}` or `{"done": true}`.
    @Sendable func hazardRectify(_ request: Request, context: DubanRequestContext) async throws -> Response {
        try await changeHazard(request, context, fields: ["percent", "done"]) { body, _ in
            let (percent, done) = (try body.number("percent"), try body.bool("done") ?? false)
            if (percent == nil) == !done {
                throw APIError.invalid(
                    "percent", "give either percent (0–99) or done: true",
                    fix: "send {\"percent\": 60}, or {\"done\": true} when the rectification is complete")
            }
            return done ? .rectified : .progress(percent!)
        }
    }

    /// `POST /api/hazards/{id}/verify` `{"signoffs": [{"role", "name", "date", "opinion"}, …]}`: 三方确认.
    @Sendable func hazardVerify(_ request: Request, context: DubanRequestContext) async throws -> Response {
        try await changeHazard(request, context, fields: ["signoffs"]) { body, data in
            guard body.has("signoffs") else { return .verify([]) }
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            guard let items = object?["signoffs"] as? [Any] else {
                throw APIError.invalid(
                    "signoffs", "signoffs must be a list of sign-offs",
                    fix: "send [{\"role\": \"supervisor\", \"name\": …, \"date\": …, \"opinion\": …}, …]")
            }
            return .verify(try items.enumerated().map { try Self.signOff($1, at: $0) })
        }
    }

    /// One sign-off of a verify body.
    static func signOff(_ item: Any, at index: Int) throws -> SignOff {
        let path = "signoffs.\(index)"
        guard let object = item as? [String: Any] else {
            throw APIError.invalid(path, "sign-off \(index) is not an object", fix: "send {role, name, date, opinion}")
        }
        if let unknown = object.keys.sorted().first(where: { !["role", "name", "date", "opinion"].contains($0) }) {
            throw APIError.invalid(
                "\(path).\(unknown)", "unknown field “\(unknown)”", fix: "the fields are date, name, opinion, role")
        }
        func text(_ key: String) throws -> String {
            guard let value = object[key] as? String else {
                throw APIError.invalid("\(path).\(key)", "sign-off \(index) needs \(key) as a string")
            }
            return value
        }
        let role = try text("role")
        guard let known = SignOffRole(rawValue: role) else {
            throw APIError.invalid(
                "\(path).role", "“\(role)” is not a party of 三方确认", fix: "use supervisor, expert or enterprise")
        }
        let date = try text("date")
        guard let day = Day(date) else {
            throw APIError.invalid("\(path).date", "“\(date)” is not a day", fix: "write YYYY-MM-DD")
        }
        return SignOff(role: known, name: try text("name"), date: day, opinion: try text("opinion"))
    }

    /// `POST /api/hazards/{id}/close`: 销号, refused without the three sign-offs.
    @Sendable func hazardClose(_ request: Request, context: DubanRequestContext) async throws -> Response {
        try await changeHazard(request, context, fields: []) { _, _ in .close }
    }

    /// `POST /api/hazards/{id}/reopen` `{"reason": "复查发现整改不到位"}`.
    @Sendable func hazardReopen(_ request: Request, context: DubanRequestContext) async throws -> Response {
        try await changeHazard(request, context, fields: ["reason"]) { body, _ in
            .reopen(reason: try body.string("reason", required: true)!)
        }
    }

    /// `POST /api/hazards/{id}/wait` `{"on": "等待用地审批"}` or `{"clear": true}`.
    @Sendable func hazardWait(_ request: Request, context: DubanRequestContext) async throws -> Response {
        try await changeHazard(request, context, fields: ["on", "clear"]) { body, _ in
            let (on, clear) = (try body.string("on"), try body.bool("clear") ?? false)
            if (on == nil) == !clear {
                throw APIError.invalid(
                    "on", "give either on (what it waits on) or clear: true",
                    fix: "send {\"on\": \"等待区自然资源局用地审批\"} or {\"clear\": true}")
            }
            if let on, on.trimmingCharacters(in: .whitespaces).isEmpty {
                throw APIError.invalid(
                    "on", "on must not be empty", fix: "say what it waits on, or send {\"clear\": true}")
            }
            return .waiting(clear ? nil : on)
        }
    }
}

extension Identity {
    /// Whom the hazard ledger serves: a department its own hazards, the office and viewers all.
    var hazardViewer: HazardViewer { role == .department ? .department(department ?? "") : .office }
    /// Only the office sees who reported a 群众举报.
    var seesReporters: Bool { role == .office }
}

/// A hazard as the API shows it: its fields by their JSON names (`HazardField`), where it stands,
/// and, once listed, its light; the reporter only for the office.
struct HazardView: Encodable {
    var hazard: Hazard
    var showsReporter: Bool
    var today: Day
    var evaluation: TaskEvaluation?

    init(_ hazard: Hazard, showsReporter: Bool, today: Day, evaluation: TaskEvaluation?) {
        self.hazard = showsReporter ? hazard : hazard.withoutReporter
        self.showsReporter = showsReporter
        self.today = today
        self.evaluation = evaluation
    }

    struct SignOffView: Encodable {
        var role: String
        var name: String
        var date: Day
        var opinion: String
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(hazard.id, forKey: "id")
        for field in HazardField.allCases where field != .reporter || showsReporter {
            try container.encodeIfPresent(field.text(of: hazard), forKey: DynamicKey(field.rawValue))
        }
        try container.encode(hazard.state.rawValue, forKey: "state")
        try container.encode(hazard.progress, forKey: "progress")
        try container.encodeIfPresent(hazard.progressOn, forKey: "progress_on")
        try container.encodeIfPresent(hazard.listingNumber, forKey: "listing_number")
        try container.encodeIfPresent(hazard.listing?.level.rawValue, forKey: "listing_level")
        try container.encodeIfPresent(hazard.listing?.on, forKey: "listed_on")
        try container.encodeIfPresent(hazard.rectifiedOn, forKey: "rectified_on")
        try container.encode(
            hazard.signOffs.map {
                SignOffView(role: $0.role.rawValue, name: $0.name, date: $0.date, opinion: $0.opinion)
            },
            forKey: "signoffs")
        try container.encodeIfPresent(hazard.verifiedOn, forKey: "verified_on")
        try container.encodeIfPresent(hazard.closedOn, forKey: "closed_on")
        try container.encodeIfPresent(hazard.waitingOn, forKey: "waiting_on")
        try container.encodeIfPresent(hazard.reopenReason, forKey: "reopen_reason")
        try container.encode(hazard.isOverdue(on: today), forKey: "overdue")
        try container.encodeIfPresent(evaluation?.light.rawValue, forKey: "light")
        try container.encodeIfPresent(evaluation?.status.rawValue, forKey: "status")
    }
}

/// One entry of a hazard's audit trail.
struct HazardAuditView: Encodable {
    var at: Date
    var actor: String
    var action: String
    var field: String
    var old: String?
    var new: String?

    init(_ record: HazardAuditRecord) {
        (at, actor, action, field, old, new) =
            (record.at, record.actor, record.action, record.field, record.old, record.new)
    }
}

/// Hazard counts as the API shows them: each row names its group by dimension.
struct HazardStatisticsView: Encodable {
    var statistics: HazardStatistics

    init(_ statistics: HazardStatistics) { self.statistics = statistics }

    struct RowView: Encodable {
        var keys: [(String, String)]
        var row: HazardStatistics.Row

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            for (name, value) in keys { try container.encode(value, forKey: DynamicKey(name)) }
            try container.encode(row.found, forKey: "found")
            try container.encode(row.listed, forKey: "listed")
            try container.encode(row.closed, forKey: "closed")
            try container.encode(row.overdue, forKey: "overdue")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        let names = statistics.dimensions.map(\.rawValue)
        try container.encode(statistics.asOf, forKey: "as_of")
        try container.encode(names, forKey: "by")
        try container.encode(
            statistics.rows.map { RowView(keys: Array(zip(names, $0.keys)), row: $0) }, forKey: "rows")
        try container.encode(RowView(keys: [], row: statistics.total), forKey: "total")
    }
}

/// A JSON key chosen at run time.
struct DynamicKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringLiteral name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
