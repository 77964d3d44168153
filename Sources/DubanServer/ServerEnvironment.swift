import DubanCore
import DubanDocs
import DubanNotify
import DubanStore
import Foundation

/// What the routes and services share: the store, the policy and calendar, templates, metrics, the clock.
public struct ServerEnvironment: Sendable {
    public var database: AppDatabase
    public var context: SchedulerContext
    public var documents: DocumentTemplates
    public var dashboard: DashboardTemplates
    public var metrics: ServerMetrics
    /// The current instant (a fixed one in tests).
    public var now: @Sendable () -> Date
    /// Session cookies carry `Secure` (leave on: browsers treat 127.0.0.1 as secure; behind nginx, TLS).
    public var secureCookies = true
    /// How long a browser session lasts.
    public var sessionSeconds: Double = 8 * 3600
    /// Failed logins allowed per client in `loginWindow` seconds.
    public var loginAttempts = 5
    public var loginWindow: Double = 60
    /// Remembers failed logins.
    public let loginLimiter = LoginLimiter()
    /// Commits progress reports in batches.
    let reports: ReportQueue
    /// Tokens by hash, for 5 seconds: a revocation takes effect within that.
    let tokens = ShortCache<APIToken>(seconds: 5)
    /// Tasks by id, for 5 seconds: a reloaded plan is seen within that.
    let tasks = ShortCache<PlanTask>(seconds: 5)

    /// Makes an environment.
    public init(
        database: AppDatabase, context: SchedulerContext, documents: DocumentTemplates,
        dashboard: DashboardTemplates, metrics: ServerMetrics, now: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.context = context
        self.documents = documents
        self.dashboard = dashboard
        self.metrics = metrics
        self.now = now
        reports = ReportQueue(database: database)
    }

    /// Runs `body` with the store on the store's own threads and waits without blocking: the store's
    /// calls are synchronous (a transaction waits on the disk or on PostgreSQL), and a request task
    /// must not hold one of the few cooperative threads meanwhile. Every route reaches the store here.
    func store<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        try await StoreThreads.run(database, body)
    }

    /// The valid token whose text hashes to `hash`.
    func token(hash: String, at now: Date) async throws -> APIToken? {
        let token: APIToken?
        if let cached = tokens.cached(hash, now: now) {
            token = cached
        } else {
            token = try await store { try $0.token(hash: hash, at: now) }
            tokens.remember(token, for: hash, at: now)
        }
        return token.flatMap { $0.isValid(at: now) ? $0 : nil }
    }

    /// The current (not archived) task `id`.
    func task(_ id: String) async throws -> PlanTask? {
        let now = now()
        if let cached = tasks.cached(id, now: now) { return cached }
        let task = try await store { database -> PlanTask? in
            guard let (task, archived) = try database.task(id), !archived else { return nil }
            return task
        }
        tasks.remember(task, for: id, at: now)
        return task
    }

    /// Today in Asia/Shanghai.
    var today: Day { Day(now()) }

    /// A document writer over the loaded plan and registry.
    func writer() async throws -> DocumentWriter {
        DocumentWriter(
            templates: documents, plans: try await store { try $0.planSet() }, policy: context.policy.documents)
    }
}

/// The threads store calls run on. A concurrent queue: as many calls run at once as the engine
/// admits (SQLite's one writer and its readers; PostgreSQL's pool), the rest wait there, not on
/// the cooperative pool.
enum StoreThreads {
    static let queue = DispatchQueue(label: "duban.store", qos: .userInitiated, attributes: .concurrent)

    /// `body(database)` on the queue, awaited.
    static func run<T: Sendable>(
        _ database: AppDatabase, _ body: @escaping @Sendable (AppDatabase) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(database) }) }
        }
    }
}

/// Failed logins per client, so guessing tokens through the form is slow.
public actor LoginLimiter {
    private var failures: [String: [Date]] = [:]

    public init() {}

    /// Whether `client` may try again at `now`.
    func allows(_ client: String, now: Date, attempts: Int, window: Double) -> Bool {
        let recent = (failures[client] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[client] = recent
        return recent.count < attempts
    }

    func failed(_ client: String, at now: Date) {
        failures[client, default: []].append(now)
    }

    func succeeded(_ client: String) {
        failures[client] = nil
    }
}
