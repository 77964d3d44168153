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
    /// How long a dispatcher holds the deliveries it is sending, in seconds.
    public var claimLease: Double = Dispatcher.defaultClaimLease
    /// Five minutes: longer than any batch takes, short enough that a dead process's work is soon taken over.
    public static let defaultClaimLease: Double = 300

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
        var random = SeededRandom(seed: seed)
        let pacer = ChannelPacer(
            recent: try database.recentRequests(since: clock.now().addingTimeInterval(-60)).compactMap { item in
                channels.channel(item.channel).map { ($0, item.at, item.count) }
            })
        // What the last batch did, recorded in the same transaction that claims the next: a batch
        // costs one read and one write. The results are written before anything more is sent.
        var unrecorded: [(DeliveryResult, DueDelivery)] = []
        try database.prepareDeliveries(channels: channels, now: clock.now())
        while !Task.isCancelled {
            let now = clock.now()
            let due = try database.dueDeliveries(now: now, limit: concurrency * 8)
            var picked: [(DueDelivery, Channel)] = []
            var blockedUntil: Date?
            var taken: [String: Int] = [:]  // per channel in this batch, so a burst is not all started at once
            for item in due {
                guard let channel = channels.channel(item.delivery.channelId) else {
                    unrecorded.append(
                        (
                            result(
                                item, outcome: nil, requests: 0,
                                verdict: .dead(reason: "channel \(item.delivery.channelId) is no longer configured"),
                                now: now, random: &random), item
                        ))
                    report.dead += 1
                    continue
                }
                let slot = await pacer.nextSlot(for: channel, now: now)
                let room = await pacer.capacity(for: channel, now: now)
                if slot <= now, taken[channel.id, default: 0] < room, picked.count < concurrency * 4 {
                    taken[channel.id, default: 0] += 1
                    picked.append((item, channel))
                } else if slot > now {
                    blockedUntil = min(blockedUntil ?? slot, slot)
                }
            }
            // Claim them, so a second dispatcher on the same store does not send them too; a channel
            // that the recorded attempts paused is left out of the claim.
            let recorded = !unrecorded.isEmpty
            let (claimed, prepared) = try database.recordAndClaim(
                unrecorded, office: office, channels: channels, claim: picked.map { $0.0.delivery.id! }, now: now,
                until: now.addingTimeInterval(claimLease))
            unrecorded = []
            let batch = picked.filter { claimed.contains($0.0.delivery.id!) }
            if batch.isEmpty {
                // What was just recorded or prepared (a retry due now, a dead letter) was not in `due`: look again.
                if recorded || prepared > 0 { continue }
                let upcoming = try database.nextDeliveryTime().flatMap { $0 > now ? $0 : nil }
                let next = [blockedUntil, upcoming].compactMap { $0 }.min()
                guard untilEmpty, let next else {
                    report.waiting = try database.queuedDeliveries()
                    return report
                }
                await clock.sleep(max(0.001, next.timeIntervalSince(clock.now())))
                try database.prepareDeliveries(channels: channels, now: clock.now())  // messages queued meanwhile
                continue
            }
            let outcomes = await send(batch, pacer: pacer)
            for (item, _, outcome, requests, verdict) in outcomes {
                let result = result(
                    item, outcome: outcome, requests: requests, verdict: verdict, now: clock.now(), random: &random)
                unrecorded.append((result, item))
                switch result.state {
                case .sent: report.sent += 1
                case .dead: report.dead += 1
                default:
                    report.retried += 1
                    if result.pauseChannelUntil != nil { report.paused += 1 }
                }
            }
        }
        try database.record(unrecorded, office: office)  // a cancelled drain's last batch
        return report
    }

    /// Sends a batch, `concurrency` at a time.
    private func send(
        _ batch: [(DueDelivery, Channel)], pacer: ChannelPacer
    ) async -> [(DueDelivery, Channel, HTTPOutcome?, Int, Verdict)] {
        await withTaskGroup(of: (Int, HTTPOutcome?, Int, Verdict).self) { group in
            var results = [(HTTPOutcome?, Int, Verdict)?](repeating: nil, count: batch.count)
            var next = 0
            func start(_ index: Int) {
                let (item, channel) = batch[index]
                group.addTask { [self] in
                    let (outcome, requests, verdict) = await attempt(item, channel: channel, pacer: pacer)
                    return (index, outcome, requests, verdict)
                }
            }
            while next < min(concurrency, batch.count) {
                start(next)
                next += 1
            }
            for await (index, outcome, requests, verdict) in group {
                results[index] = (outcome, requests, verdict)
                if next < batch.count {
                    start(next)
                    next += 1
                }
            }
            return batch.indices.map { (batch[$0].0, batch[$0].1, results[$0]!.0, results[$0]!.1, results[$0]!.2) }
        }
    }

    /// One attempt: every part of the message, in order, each in its own rate slot, until one fails.
    /// Returns the last outcome, the requests sent, and the verdict.
    func attempt(
        _ item: DueDelivery, channel: Channel, pacer: ChannelPacer? = nil
    ) async -> (HTTPOutcome?, Int, Verdict) {
        let message = item.message
        let notice = Notice(
            key: message.idempotencyKey, department: message.departmentId,
            departmentName: departmentNames[message.departmentId] ?? message.departmentId, kind: message.kind,
            subject: message.subject, body: message.body, createdAt: message.createdAt,
            facts: message.facts)
        if channel.kind == .file {
            do {
                try FileSink.write(notice, channel: channel, into: channel.folder ?? "var/notices")
                return (nil, 0, .sent)
            } catch {
                return (
                    nil, 0,
                    .retry(
                        reason: "could not write into \(channel.folder ?? "?"): \(error.localizedDescription)",
                        after: nil)
                )
            }
        }
        var builtAt = clock.now()
        var requests: [HTTPRequest]
        do {
            requests = try builder.requests(for: notice, channel: channel, now: builtAt)
        } catch {
            return (nil, 0, .dead(reason: "\(error)"))
        }
        var last: HTTPOutcome?
        for index in requests.indices {
            var waited = false
            if let pacer {
                let slot = await pacer.reserve(channel, now: clock.now())
                let wait = slot.timeIntervalSince(clock.now())
                if wait > 0 {
                    await clock.sleep(wait)
                    waited = true
                }
            }
            // Signed at the time it goes: a part may wait minutes for its rate slot. Built again only
            // when its timestamp would change (building a payload twice was a fifth of the time).
            let now = clock.now()
            if waited || Self.stamp(now, channel.kind) != Self.stamp(builtAt, channel.kind),
                let fresh = try? builder.requests(for: notice, channel: channel, now: now),
                fresh.count == requests.count
            {
                builtAt = now
                requests = fresh
            }
            let outcome = await transport.send(requests[index])
            last = outcome
            let verdict = Verdict.judge(outcome, kind: channel.kind)
            guard verdict == .sent else { return (outcome, index + 1, verdict) }
        }
        return (last, requests.count, .sent)
    }

    /// A request's timestamp as `kind` writes it: DingTalk's milliseconds, Feishu's and Standard
    /// Webhooks' seconds; WeCom's requests carry none.
    static func stamp(_ time: Date, _ kind: Channel.Kind) -> Int64 {
        switch kind {
        case .dingtalk: Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        case .feishu, .webhook: Int64(time.timeIntervalSince1970.rounded(.down))
        case .wecom, .file: 0
        }
    }

    /// What to record for one attempt.
    func result(
        _ item: DueDelivery, outcome: HTTPOutcome?, requests: Int = 1, verdict: Verdict, now: Date,
        random: inout SeededRandom
    ) -> DeliveryResult {
        var status: Int?
        var code: String?
        if case .response(let s, _, let body, _)? = outcome {
            status = s
            code = Verdict.vendorCode(body)
        }
        let latency = Int(((outcome?.latency ?? 0) * 1000).rounded())
        func attempt(_ outcome: AttemptOutcome, _ detail: String) -> DeliveryAttempt {
            DeliveryAttempt(
                deliveryId: item.delivery.id!, at: now, httpStatus: status, vendorCode: code, latencyMs: latency,
                requests: requests, outcome: outcome, detail: detail)
        }
        let attempts = item.delivery.attempts + 1
        switch verdict {
        case .sent:
            return DeliveryResult(attempt: attempt(.sent, "delivered"), state: .sent)
        case .dead(let reason):
            return DeliveryResult(attempt: attempt(.dead, reason), state: .dead, error: reason)
        case .pause(let reason, let seconds):
            let until = now.addingTimeInterval(seconds)
            return DeliveryResult(
                attempt: attempt(.paused, reason), state: .queued, nextAttemptAt: until, error: reason,
                pauseChannelUntil: until)
        case .retry(let reason, let after):
            let unit = Double(random.next() % 1_000_000) / 1_000_000
            guard let delay = schedule.delay(afterAttempts: attempts, retryAfter: after, unit: unit) else {
                let final = "gave up after \(attempts) attempts: \(reason)"
                return DeliveryResult(attempt: attempt(.dead, final), state: .dead, error: final)
            }
            return DeliveryResult(
                attempt: attempt(.retry, reason), state: .queued, nextAttemptAt: now.addingTimeInterval(delay),
                error: reason)
        }
    }
}
