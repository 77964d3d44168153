import DubanCore
import DubanNotify
import Foundation

@testable import DubanStore

/// The secrets and tokens the delivery tests configure; none may appear in what duban records or prints.
enum Secrets {
    static let dingtalkToken = "dtTOKEN7f3a9c1e5b2d4f6a8c0e2a4c"
    static let dingtalkSecret = "SECd1ngSecret8b7c6d5e4f3a2b1c0d9e8f7a6b"
    static let wecomKey = "wecomKEY-693a-4f2c-8e1d-b5a7c9e3f1d2"
    static let feishuToken = "feishuTOKEN-2c4e-6a8b-0d1f-3e5a7c9b"
    static let feishuSecret = "fsSECRETq8w7e6r5t4y3u2i1"
    /// The Standard Webhooks key, before Base64.
    static let webhookKey = "duban webhook signing key 0123"
    static let webhookKeyBase64 = Data(webhookKey.utf8).base64EncodedString()
    static let webhookSecret = "whsec_" + webhookKeyBase64
    static let webhookToken = "hookTOKEN5e6f7a8b9c0d1e2f3a4b"

    /// Every secret and token, and the parts of them that could leak on their own.
    static let all = [
        dingtalkToken, dingtalkSecret, wecomKey, feishuToken, feishuSecret, webhookKey, webhookKeyBase64, webhookSecret,
        webhookToken,
    ]
}

/// A clock for the dispatcher whose time moves only when the dispatcher sleeps.
///
/// A sleep shorter than `minimumSleep` moves the time by `minimumSleep`: a real sleep may always take
/// longer than asked, and it keeps a dispatcher that polls from taking thousands of steps. Every sleep
/// asked for is recorded in `sleeps`. With a `budget`, the sleep after that many cancels the task that
/// sleeps (the dispatcher stops at its next turn), so that a dispatcher that polls cannot run away.
final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var asked: [Double] = []
    /// The least a sleep moves the time.
    let minimumSleep: Double
    /// How many sleeps before the sleeping task is cancelled.
    let budget: Int?

    /// A clock at `start` (default: now, to the whole second, so that signatures are fresh for the receiver).
    init(
        start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
        minimumSleep: Double = 0.25,
        budget: Int? = nil
    ) {
        current = start
        self.minimumSleep = minimumSleep
        self.budget = budget
    }

    /// The current virtual time.
    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Every sleep the dispatcher asked for, in seconds.
    var sleeps: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return asked
    }

    /// Moves the time by `seconds`.
    func advance(_ seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }

    /// Records a sleep and moves the time; false when the budget is spent.
    private func sleep(_ seconds: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        asked.append(seconds)
        current = current.addingTimeInterval(max(seconds, minimumSleep))
        return budget.map { asked.count < $0 } ?? true
    }

    /// The dispatcher's view of this clock.
    var delivery: DeliveryClock {
        DeliveryClock(
            now: { [self] in now },
            sleep: { [self] seconds in
                if !sleep(seconds) { withUnsafeCurrentTask { $0?.cancel() } }
                await Task.yield()
            })
    }
}

/// Departments by id, with the names messages show.
let departmentNames = [
    "office": "区安委会办公室", "emergency": "区应急管理局", "fire": "区消防救援大队", "xingren": "兴仁街道", "water": "区水利局",
]

/// A test's folder and receiver, and the makings of its store, channels and dispatcher.
struct Scratch {
    /// The test's own temporary folder.
    let directory: URL
    /// The test's own receiver.
    let robots: FakeRobots
    /// The test's virtual clock.
    let clock = VirtualClock()

    /// The folder of the `file` channel.
    var noticesFolder: String { directory.appendingPathComponent("notices").path }

    func dingtalk(
        _ id: String, scenario: String = "ok", secret: String? = Secrets.dingtalkSecret, keywords: [String] = [],
        perMinute: Int? = nil
    ) -> Channel {
        Channel(
            id: id, kind: .dingtalk,
            url: Secret("\(robots.base)/dingtalk/\(scenario)?access_token=\(Secrets.dingtalkToken)"),
            secret: secret.map(Secret.init), keywords: keywords, perMinute: perMinute)
    }

    func wecom(_ id: String, scenario: String = "ok", format: String? = nil) -> Channel {
        Channel(
            id: id, kind: .wecom, url: Secret("\(robots.base)/wecom/\(scenario)?key=\(Secrets.wecomKey)"),
            format: format)
    }

    func feishu(_ id: String, scenario: String = "ok", secret: String? = Secrets.feishuSecret) -> Channel {
        Channel(
            id: id, kind: .feishu, url: Secret("\(robots.base)/feishu/\(scenario)/\(Secrets.feishuToken)"),
            secret: secret.map(Secret.init))
    }

    func webhook(
        _ id: String, scenario: String = "ok", secret: String? = Secrets.webhookSecret, url: String? = nil,
        perMinute: Int? = nil
    ) -> Channel {
        Channel(
            id: id, kind: .webhook,
            url: Secret(url ?? "\(robots.base)/webhook/\(scenario)?token=\(Secrets.webhookToken)"),
            secret: secret.map(Secret.init), perMinute: perMinute)
    }

    func file(_ id: String) -> Channel {
        Channel(id: id, kind: .file, folder: noticesFolder)
    }

    /// A file store in the test's folder with a small plan and the departments `channels` names (department
    /// id → its channel ids); `office` is always there.
    func store(_ channels: [String: [String]] = [:], file: String = "duban.sqlite") throws -> AppDatabase {
        let database = try AppDatabase.open(path: directory.appendingPathComponent(file).path)
        var ids = ["office"] + channels.keys.sorted().filter { $0 != "office" }
        ids = ids.filter { departmentNames[$0] != nil }
        let departments = ids.map {
            Department(
                id: $0, name: departmentNames[$0]!, kind: $0 == "xingren" ? .subdistrict : .department,
                channels: channels[$0] ?? [])
        }
        let plan = Plan(
            id: "small", title: "小计划", start: Day("2024-01-01")!, end: Day("2026-12-31")!, office: "office",
            actions: [Action(id: "a1", title: "第一项行动")],
            tasks: [
                PlanTask(
                    id: "t-census", title: "摸底排查", plan: "small", action: "a1", measure: nil, lead: ids.last!,
                    schedule: .milestone(
                        start: nil, due: DeadlinePhrase(text: "2024年6月底前", start: nil, due: Day("2024-06-30")!)))
            ])
        _ = try database.load(
            PlanSet(departments: departments, plans: [plan]), files: ["plans/small.yaml"], now: clock.now,
            actor: "tester")
        return database
    }

    /// A dispatcher over `database` and `channels` on the virtual clock, retrying after 1 s and 2 s without jitter.
    func dispatcher(
        _ database: AppDatabase, _ channels: ChannelSet,
        transport: any Transport = CurlTransport(timeout: 5, connectTimeout: 2)
    ) -> Dispatcher {
        var dispatcher = Dispatcher(
            database: database, channels: channels, transport: transport, builder: PayloadBuilder(), office: "office",
            departmentNames: departmentNames, clock: clock.delivery)
        dispatcher.schedule = RetrySchedule(delays: [1, 2], jitter: 0)
        return dispatcher
    }
}

/// Runs `body` with a fresh folder and receiver, stopping the receiver and removing the folder afterwards.
func withScratch<T>(
    dingtalkSecret: String? = Secrets.dingtalkSecret, feishuSecret: String? = Secrets.feishuSecret,
    webhookSecret: String? = Secrets.webhookSecret, keywords: [String] = [], clock: String = "real",
    _ body: (Scratch) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("duban-notify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer {
        // DUBAN_KEEP_SCRATCH=1 keeps the folder (store, receiver log) to look at after a failure.
        if ProcessInfo.processInfo.environment["DUBAN_KEEP_SCRATCH"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }
    let robots = try await FakeRobots.start(
        in: directory, dingtalkSecret: dingtalkSecret, feishuSecret: feishuSecret, webhookSecret: webhookSecret,
        keywords: keywords, clock: clock)
    defer { robots.stop() }
    return try await body(Scratch(directory: directory, robots: robots))
}

extension AppDatabase {
    /// Queues a message in the outbox, as a job run does.
    @discardableResult
    func queue(
        _ key: String, to department: String, subject: String = "督办提醒", body: String, kind: MessageKind = .reminders,
        at date: Date
    ) throws -> OutboxMessage {
        var message = OutboxMessage(
            id: nil, runId: nil, idempotencyKey: key, departmentId: department, kind: kind, subject: subject,
            body: body,
            state: .queued, createdAt: date)
        message = try write { db in
            try db.insert(&message)
            return message
        }
        return message
    }

    /// Every attempt with its delivery's channel, oldest first.
    func attemptsByChannel() throws -> [(channel: String, attempt: DeliveryAttempt)] {
        let channels = Dictionary(uniqueKeysWithValues: try allDeliveries().map { ($0.id!, $0.channelId) })
        return try deliveryAttempts().map { (channels[$0.deliveryId] ?? "?", $0) }
    }

    /// The delivery of message `key` to `channel`, with its attempts.
    func delivery(_ key: String, channel: String) throws -> (delivery: DeliveryRecord, attempts: [DeliveryAttempt])? {
        guard let message = try outbox().first(where: { $0.idempotencyKey == key }) else { return nil }
        return try deliveries(outbox: message.id!).first { $0.delivery.channelId == channel }
    }
}

/// The most entries of `times` (seconds) in any window [t, t + `window`).
func busiestWindow(_ times: [Double], window: Double = 60) -> Int {
    let sorted = times.sorted()
    var best = 0
    var start = 0
    for end in sorted.indices {
        while sorted[end] - sorted[start] >= window { start += 1 }
        best = max(best, end - start + 1)
    }
    return best
}

extension DrainReport {
    /// The counts in a line, for comparisons.
    var summary: String { "sent \(sent), retried \(retried), dead \(dead), paused \(paused), waiting \(waiting)" }
}
