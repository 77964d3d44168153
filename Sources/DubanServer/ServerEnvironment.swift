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

    /// The valid token whose text hashes to `hash`.
    func token(hash: String, at now: Date) throws -> APIToken? {
        try tokens.value(hash, now: now) { try database.token(hash: hash, at: now) }.flatMap {
            $0.isValid(at: now) ? $0 : nil
        }
    }

    /// The current (not archived) task `id`.
    func task(_ id: String) throws -> PlanTask? {
        try tasks.value(id, now: now()) {
            guard let (task, archived) = try database.task(id), !archived else { return nil }
            return task
        }
    }

    /// Today in Asia/Shanghai.
    var today: Day { Day(now()) }

    /// A document writer over the loaded plan and registry.
    func writer() throws -> DocumentWriter {
        DocumentWriter(templates: documents, plans: try database.planSet(), policy: context.policy.documents)
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
