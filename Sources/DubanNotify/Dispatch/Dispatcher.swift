import DubanCore
import DubanStore
import Foundation

/// The time a dispatcher runs on: the real clock, or a virtual one in tests and simulations.
public struct DeliveryClock: Sendable {
    /// The current instant.
    public var now: @Sendable () -> Date
    /// Waits `seconds` (a virtual clock only moves its time).
    public var sleep: @Sendable (Double) async -> Void

    /// Makes a clock.
    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Double) async -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system clock.
    public static let system = DeliveryClock(
        now: { Date() }, sleep: { seconds in try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) })
}

/// What one drain did.
public struct DrainReport: Hashable, Sendable {
    /// Deliveries that reached their channel.
    public var sent = 0
    /// Attempts that failed and will be retried.
    public var retried = 0
    /// Deliveries given up on (dead letters).
    public var dead = 0
    /// Channels paused because the vendor rate-limited them.
    public var paused = 0
    /// Deliveries still queued when the drain stopped (waiting for a retry time or a rate slot).
    public var waiting = 0
}

/// Drains the outbox: every message to each of its department's channels, within each channel's
/// rate limit, judged by the vendor's answer, retried with backoff, dead-lettered with the office told.
///
/// At least once: a process that dies between sending and recording sends again, with the same
/// idempotency key (`webhook-id`), so receivers can drop the duplicate; nothing is lost.
public struct Dispatcher: Sendable {
    /// The store.
    public var database: AppDatabase
    /// The channels.
    public var channels: ChannelSet
    /// How requests go out.
    public var transport: any Transport
    /// How notices become requests.
    public var builder: PayloadBuilder
    /// The office's department id, addressee of dead letters.
    public var office: String?
    /// Department names, for message bodies.
    public var departmentNames: [String: String]
    /// When to retry.
    public var schedule = RetrySchedule()
    /// The clock.
    public var clock: DeliveryClock
    /// Deliveries in flight at once, across channels.
    public var concurrency = 16
    /// Seed of the retry jitter.
    public var seed: UInt64 = 1

    /// Makes a dispatcher.
    public init(
        database: AppDatabase, channels: ChannelSet, transport: any Transport, builder: PayloadBuilder, office: String?,
        departmentNames: [String: String], clock: DeliveryClock = .system
    ) {
        self.database = database
        self.channels = channels
        self.transport = transport
        self.builder = builder
        self.office = office
        self.departmentNames = departmentNames
        self.clock = clock
    }

    /// Delivers what is due. With `untilEmpty`, keeps going — waiting for retry times and rate
    /// slots on the clock — until nothing is queued; otherwise stops when nothing more can go now.
    public func drain(untilEmpty: Bool = false) async throws -> DrainReport {
        var report = DrainReport()
        var limiter = RateLimiter()
        var random = SeededRandom(seed: seed)
        while !Task.isCancelled {
            let now = clock.now()
            try database.prepareDeliveries(channels: channels, now: now)
            let due = try database.dueDeliveries(now: now)
            var batch: [(DueDelivery, Channel)] = []
            var blockedUntil: Date?
            for item in due {
                guard let channel = channels.channel(item.delivery.channelId) else {
                    try database.record(
                        result(item, outcome: nil, verdict: .dead(reason: "channel \(item.delivery.channelId) is no longer configured"), now: now, random: &random),
                        for: item, office: office)
                    report.dead += 1
                    continue
                }
                let slot = limiter.nextSlot(for: channel, now: now)
                if slot <= now, batch.count < concurrency * 4 {
                    limiter.record(channel, at: now)
                    batch.append((item, channel))
                } else {
                    blockedUntil = min(blockedUntil ?? slot, slot)
                }
            }
            if batch.isEmpty {
                let next = [blockedUntil, try database.nextDeliveryTime()].compactMap { $0 }.min()
                guard untilEmpty, let next else {
                    report.waiting = try database.allDeliveries().count { $0.state == "queued" }
                    return report
                }
                await clock.sleep(max(0.001, next.timeIntervalSince(clock.now())))
                continue
            }
            let outcomes = await send(batch)
            var results: [(DeliveryResult, DueDelivery)] = []
            for (item, _, outcome, verdict) in outcomes {
                let result = result(item, outcome: outcome, verdict: verdict, now: clock.now(), random: &random)
                results.append((result, item))
                switch result.state {
                case "sent": report.sent += 1
                case "dead": report.dead += 1
                default:
                    report.retried += 1
                    if result.pauseChannelUntil != nil { report.paused += 1 }
                }
            }
            try database.record(results, office: office)  // one transaction per batch
        }
        return report
    }

    /// Sends a batch, `concurrency` at a time.
    private func send(_ batch: [(DueDelivery, Channel)]) async -> [(DueDelivery, Channel, HTTPOutcome?, Verdict)] {
        await withTaskGroup(of: (Int, HTTPOutcome?, Verdict).self) { group in
            var results = [(HTTPOutcome?, Verdict)?](repeating: nil, count: batch.count)
            var next = 0
            func start(_ index: Int) {
                let (item, channel) = batch[index]
                group.addTask { [self] in
                    let (outcome, verdict) = await attempt(item, channel: channel)
                    return (index, outcome, verdict)
                }
            }
            while next < min(concurrency, batch.count) {
                start(next)
                next += 1
            }
            for await (index, outcome, verdict) in group {
                results[index] = (outcome, verdict)
                if next < batch.count {
                    start(next)
                    next += 1
                }
            }
            return batch.indices.map { (batch[$0].0, batch[$0].1, results[$0]!.0, results[$0]!.1) }
        }
    }

    /// One attempt: every part of the message, in order, until one fails.
    func attempt(_ item: DueDelivery, channel: Channel) async -> (HTTPOutcome?, Verdict) {
        let message = item.message
        let notice = Notice(
            key: message.idempotencyKey, department: message.departmentId,
            departmentName: departmentNames[message.departmentId] ?? message.departmentId, kind: message.kind,
            subject: message.subject, body: message.body, createdAt: message.createdAt)
        if channel.kind == .file {
            do {
                try FileSink.write(notice, channel: channel, into: channel.folder ?? "var/notices")
                return (nil, .sent)
            } catch {
                return (nil, .retry(reason: "could not write into \(channel.folder ?? "?"): \(error.localizedDescription)", after: nil))
            }
        }
        let requests: [HTTPRequest]
        do {
            requests = try builder.requests(for: notice, channel: channel, now: clock.now())
        } catch {
            return (nil, .dead(reason: "\(error)"))
        }
        var last: HTTPOutcome?
        for request in requests {
            let outcome = await transport.send(request)
            last = outcome
            let verdict = Verdict.judge(outcome, kind: channel.kind)
            guard verdict == .sent else { return (outcome, verdict) }
        }
        return (last, .sent)
    }

    /// What to record for one attempt.
    func result(
        _ item: DueDelivery, outcome: HTTPOutcome?, verdict: Verdict, now: Date, random: inout SeededRandom
    ) -> DeliveryResult {
        var status: Int?
        var code: String?
        if case .response(let s, _, let body, _)? = outcome {
            status = s
            code = Verdict.vendorCode(body)
        }
        let latency = Int(((outcome?.latency ?? 0) * 1000).rounded())
        func attempt(_ outcome: String, _ detail: String) -> DeliveryAttempt {
            DeliveryAttempt(
                deliveryId: item.delivery.id!, at: now, httpStatus: status, vendorCode: code, latencyMs: latency,
                outcome: outcome, detail: detail)
        }
        let attempts = item.delivery.attempts + 1
        switch verdict {
        case .sent:
            return DeliveryResult(attempt: attempt("sent", "delivered"), state: "sent")
        case .dead(let reason):
            return DeliveryResult(attempt: attempt("dead", reason), state: "dead", error: reason)
        case .pause(let reason, let seconds):
            let until = now.addingTimeInterval(seconds)
            return DeliveryResult(
                attempt: attempt("paused", reason), state: "queued", nextAttemptAt: until, error: reason,
                pauseChannelUntil: until)
        case .retry(let reason, let after):
            let unit = Double(random.next() % 1_000_000) / 1_000_000
            guard let delay = schedule.delay(afterAttempts: attempts, retryAfter: after, unit: unit) else {
                let final = "gave up after \(attempts) attempts: \(reason)"
                return DeliveryResult(attempt: attempt("dead", final), state: "dead", error: final)
            }
            return DeliveryResult(
                attempt: attempt("retry", reason), state: "queued", nextAttemptAt: now.addingTimeInterval(delay), error: reason)
        }
    }
}
