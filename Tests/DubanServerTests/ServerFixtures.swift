import DubanCore
import DubanDocs
import DubanPlans
import DubanServer
import DubanStoreTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DubanStore

/// What the route tests share: the shipped plans, policy, calendar and templates read once, and a
/// fresh in-memory store per test with the scheduler run from 2024-01-01 to 2024-07-10 and a token
/// per role.
enum ServerFixtures {
    /// The package's root folder, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// When the plans are loaded: as the tick window opens, before any job is due (09:00).
    static let loadedAt = date("2024-01-01T00:00:00+08:00")
    /// The server's fixed clock: 2024-07-10 10:00 in Asia/Shanghai.
    static let now = date("2024-07-10T10:00:00+08:00")
    static let today = "2024-07-10"

    static let shipped: PlanFiles.Contents = {
        do { return try PlanFiles.read(paths: [path("plans")]) } catch { fatalError("plans/ does not read: \(error)") }
    }()

    static let context: SchedulerContext = {
        do {
            return SchedulerContext(
                policy: try PolicyFile.read(path: path("plans/policy.yaml")),
                calendar: try CalendarFiles.read(folder: path("plans/calendar")))
        } catch { fatalError("policy or calendar does not read: \(error)") }
    }()

    static let documents: DocumentTemplates = {
        do { return try DocumentTemplates(directory: path("notifiers/templates/documents")) } catch {
            fatalError("document templates: \(error)")
        }
    }()

    static let dashboard: DashboardTemplates = {
        do { return try DashboardTemplates(directory: path("notifiers/templates/dashboard")) } catch {
            fatalError("dashboard templates: \(error)")
        }
    }()

    // Tasks of the shipped plan the tests write on.
    /// A milestone led by emergency (due 2024-06-30).
    static let emergencyMilestone = "m10-2024-institution-review"
    /// A quarterly duty led by emergency.
    static let emergencyDuty = "m03-leader-led-inspections"
    /// A target led by emergency.
    static let emergencyTarget = "m07-2024-metal-dust-monitoring"
    /// A milestone led by fire, which emergency neither leads nor supports.
    static let fireMilestone = "m07-2025-smart-fire-prevention"
}

/// Who asks: one token per role, plus none, a revoked, an expired and a made-up one.
enum Role: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case office, emergency, fire, viewer, none, revoked, expired, garbage

    var testDescription: String { rawValue }

    /// The bearer text of this role's token.
    var token: String? {
        switch self {
        case .none: nil
        case .garbage: "duban_this-token-was-never-issued"
        default: "duban_test_\(rawValue)_token"
        }
    }

    var headers: HTTPFields {
        guard let token else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }
}

/// The server's clock: fixed, moved on only when a test says so.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ date: Date) { self.date = date }

    var now: Date { lock.withLock { date } }

    func advance(seconds: Double) { lock.withLock { date = date.addingTimeInterval(seconds) } }
}

/// A server over a fresh store.
struct TestServer {
    let db: AppDatabase
    let environment: ServerEnvironment
    /// The clock `environment.now` reads.
    let clock: TestClock
    /// The tokens, by role, for the audit's actor.
    var tokens: [Role: APIToken] { TestServer.template.tokens }

    /// The shipped plans loaded on 2024-01-01, the scheduler run to the end of 2024-07-10, and the
    /// tokens: built once (the tick takes seconds), then copied for each test.
    static let template: (db: AppDatabase, tokens: [Role: APIToken]) = {
        do { return try TestServer.build(ticked: true) } catch { fatalError("the template store: \(error)") }
    }()

    /// Builds a store from nothing, as `duban load`, `duban tick` and `duban token create` would.
    static func build(ticked: Bool) throws -> (db: AppDatabase, tokens: [Role: APIToken]) {
        let db = try TestStore.make()
        let shipped = ServerFixtures.shipped
        _ = try db.load(
            shipped.set, contextPlans: shipped.contextPlans, files: shipped.files, now: ServerFixtures.loadedAt,
            actor: "tester")
        if ticked {
            _ = try db.tick(
                since: LocalTime(day: Day("2024-01-01")!, minute: 0),
                now: LocalTime(day: Day("2024-07-10")!, minute: 23 * 60 + 59), context: ServerFixtures.context,
                ranAt: ServerFixtures.now)
        }
        let now = ServerFixtures.now
        var tokens: [Role: APIToken] = [:]
        func make(_ role: Role, _ access: AccessRole, _ department: String? = nil, expires: Date? = nil) throws {
            tokens[role] = try db.createToken(
                hash: TokenText.hash(role.token!), role: access, department: department, label: "\(role.rawValue) 测试",
                expires: expires, now: now.addingTimeInterval(-86400), actor: "tester")
        }
        try make(.office, .office)
        try make(.emergency, .department, "emergency")
        try make(.fire, .department, "fire")
        try make(.viewer, .viewer)
        try make(.revoked, .department, "emergency")
        try db.revokeToken(id: tokens[.revoked]!.id!, now: now.addingTimeInterval(-3600), actor: "tester")
        try make(.expired, .office, expires: now.addingTimeInterval(-60))
        return (db, tokens)
    }

    /// A copy of the template store (or, when `ticked` is false, plans and tokens without a tick).
    init(ticked: Bool = true) throws {
        let clock = TestClock(ServerFixtures.now)
        self.clock = clock
        if ticked {
            db = try TestStore.make()
            _ = try TestServer.template.db.copy(to: db)
        } else {
            db = try TestServer.build(ticked: false).db
        }
        environment = ServerEnvironment(
            database: db, context: ServerFixtures.context, documents: ServerFixtures.documents,
            dashboard: ServerFixtures.dashboard, metrics: ServerMetrics(), now: { clock.now })
    }

    /// Runs `body` against the router, in process.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: try DubanServer.router(environment: environment))
        return try await app.test(.router) { client in try await body(client) }
    }

    // MARK: - Store reads

    /// The escalation rungs addressed to `department` in `states`.
    func steps(to department: String, _ states: Set<StepState>) throws -> [EscalationStep] {
        try db.escalations(department: department).filter { $0.kind == .rung && states.contains($0.state) }
    }

    /// What a refused write must leave as it was: row counts, and every step's state.
    struct Counts: Equatable, CustomTestStringConvertible {
        var reports: Int
        var acknowledgements: Int
        var steps: [String]
        var letters: Int
        var outbox: Int
        var audit: Int

        var testDescription: String {
            let states = Dictionary(grouping: steps, by: { $0.split(separator: " ").last ?? "" }).mapValues(\.count)
            return
                "reports \(reports), acknowledgements \(acknowledgements), steps \(states.sorted { $0.key < $1.key }), "
                + "letters \(letters), outbox \(outbox), audit \(audit)"
        }
    }

    func counts() throws -> Counts {
        try db.read { db in
            Counts(
                reports: try db.count(ProgressReport.self), acknowledgements: try db.count(Acknowledgement.self),
                steps: try db.values(String.self, "SELECT id || ' ' || state FROM escalationStep ORDER BY id"),
                letters: try db.count(LetterRecord.self), outbox: try db.count(OutboxMessage.self),
                audit: try db.count(AuditEntry.self))
        }
    }

    /// The newest audit entry.
    func lastAudit() throws -> AuditEntry? {
        try db.read { db in try db.all(AuditEntry.self, order: "id DESC").first }
    }
}

// MARK: - Requests and responses

extension TestClientProtocol {
    /// Sends `method uri` as `role`, with `json` (a string, sent as is) as the body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as role: Role = .office, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = role.headers
        if json != nil { headers[.contentType] = "application/json" }
        headers.append(contentsOf: extra)
        return try await execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        ) { $0 }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any], "\(text)")
    }

    /// The body as a JSON array of objects.
    func array() throws -> [[String: Any]] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]], "\(text)")
    }

    /// The `error` object of an error body, checked for the stable shape (any code when `code` is nil).
    func error(
        _ status: HTTPResponse.Status, _ code: String?, field: String? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        #expect(
            headers[.contentType]?.hasPrefix("application/json") == true, "\(headers)", sourceLocation: sourceLocation)
        let error = try #require(try object()["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(Set(try object().keys) == ["error"], sourceLocation: sourceLocation)
        // A hazard refused for several reasons lists them all under `problems`.
        #expect(
            Set(error.keys).subtracting(["problems"]) == ["status", "code", "message", "field", "fix"],
            sourceLocation: sourceLocation)
        #expect(error["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        if let code {
            #expect(error["code"] as? String == code, "\(text)", sourceLocation: sourceLocation)
        } else {
            #expect((error["code"] as? String)?.isEmpty == false, "\(text)", sourceLocation: sourceLocation)
        }
        #expect((error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        if let field {
            #expect(error["field"] as? String == field, "\(text)", sourceLocation: sourceLocation)
        } else {
            #expect(error["field"] is NSNull, "\(text)", sourceLocation: sourceLocation)
        }
        return error
    }
}
