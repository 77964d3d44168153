import DubanCore
import DubanNotify
import DubanStore
import Foundation
import Testing

/// Failures through real libcurl: HTTP 500, a timeout and a refused connection are retried with backoff,
/// `Retry-After` is honoured, refusals (`310000` and the like) are not retried, the last failure dead-letters
/// the message and tells the office, and a webhook keeps its `webhook-id` on every attempt.
@Suite struct DispatcherRetryTests {
    /// Seconds from `start` to each attempt.
    static func offsets(_ attempts: [DeliveryAttempt], from start: Date) -> [Double] {
        attempts.map { ($0.at.timeIntervalSince(start) * 1000).rounded() / 1000 }
    }

    @Test func http500IsRetriedWithBackoffUnderTheSameWebhookId() async throws {
        try await withScratch { scratch in
            let start = scratch.clock.now
            let channels = ChannelSet(
                channels: [
                    scratch.webhook("hook", scenario: "flaky3"), scratch.dingtalk("dt", scenario: "flaky3"),
                    scratch.wecom("office"),
                ],
                office: "office", fallback: "office")
            let database = try scratch.store(["emergency": ["hook", "dt"]])
            try database.queue("step/7", to: "emergency", subject: "函告", body: "请于三日内说明逾期原因。", at: start)
            var dispatcher = scratch.dispatcher(database, channels)
            dispatcher.schedule = RetrySchedule(delays: [1, 2, 4], jitter: 0)

            let report = try await dispatcher.drain(untilEmpty: true)

            #expect(report.sent == 2 && report.retried == 6 && report.dead == 0)
            for channel in ["hook", "dt"] {
                let delivery = try #require(try database.delivery("step/7", channel: channel))
                #expect(delivery.delivery.state == .sent && delivery.delivery.attempts == 4)
                #expect(delivery.attempts.map(\.outcome) == [.retry, .retry, .retry, .sent], "\(channel)")
                #expect(delivery.attempts.map(\.httpStatus) == [500, 500, 500, 200], "\(channel)")
                #expect(Self.offsets(delivery.attempts, from: start) == [0, 1, 3, 7], "\(channel)")
            }
            let hooks = try scratch.robots.entries().filter { $0.vendor == "webhook" }
            #expect(hooks.map(\.answer.status) == [500, 500, 500, 200])
            // The same id every time; a fresh timestamp and signature each time, each one verified (else 401).
            #expect(hooks.map { $0.headers["webhook-id"] ?? "-" } == Array(repeating: "step/7", count: 4))
            let stamps = hooks.compactMap { $0.headers["webhook-timestamp"].flatMap(Double.init) }
            #expect(stamps.map { $0 - start.timeIntervalSince1970 } == [0, 1, 3, 7])
            #expect(Set(hooks.compactMap { $0.headers["webhook-signature"] }).count == 4)
            let robots = try scratch.robots.entries().filter { $0.vendor == "dingtalk" }
            #expect(robots.map { $0.answer.status } == [500, 500, 500, 200])
        }
    }

    @Test func aTimeoutIsRetriedWithBackoff() async throws {
        try await withScratch { scratch in
            let start = scratch.clock.now
            let channels = ChannelSet(
                channels: [scratch.webhook("hook", scenario: "slow"), scratch.wecom("office")], office: "office",
                fallback: "office")
            let database = try scratch.store(["emergency": ["hook"]])
            try database.queue("step/8", to: "emergency", body: "请报送进展。", at: start)
            var dispatcher = scratch.dispatcher(
                database, channels, transport: CurlTransport(timeout: 1, connectTimeout: 1))
            dispatcher.schedule = RetrySchedule(delays: [2], jitter: 0)

            _ = try await dispatcher.drain(untilEmpty: true)

            let delivery = try #require(try database.delivery("step/8", channel: "hook"))
            #expect(delivery.attempts.map(\.outcome) == [.retry, .dead])
            #expect(Self.offsets(delivery.attempts, from: start) == [0, 2])
            #expect(delivery.attempts.allSatisfy { $0.httpStatus == nil && $0.latencyMs >= 900 && $0.latencyMs < 2500 })
            #expect(
                delivery.attempts.allSatisfy { $0.detail.lowercased().contains("timeout") },
                "\(delivery.attempts.map(\.detail))")
            #expect(delivery.delivery.lastError?.hasPrefix("gave up after 2 attempts:") == true)
            // The receiver got both, under one id (it logs a slow request when it answers, 3 s after it came).
            let hooks = try await scratch.robots.entries(atLeast: 3).filter { $0.vendor == "webhook" }
            #expect(hooks.count == 2)
            #expect(Set(hooks.compactMap { $0.headers["webhook-id"] }) == ["step/8"])
        }
    }

    @Test func aRefusedConnectionIsRetriedWithBackoffThenDead() async throws {
        try await withScratch { scratch in
            let start = scratch.clock.now
            let closed = "http://127.0.0.1:\(closedPort())/webhook/ok?token=\(Secrets.webhookToken)"
            let channels = ChannelSet(
                channels: [scratch.webhook("hook", url: closed), scratch.wecom("office")], office: "office",
                fallback: "office")
            let database = try scratch.store(["emergency": ["hook"]])
            try database.queue("step/9", to: "emergency", body: "请报送进展。", at: start)

            let report = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(report.dead == 1 && report.retried == 2)
            let delivery = try #require(try database.delivery("step/9", channel: "hook"))
            #expect(delivery.attempts.map(\.outcome) == [.retry, .retry, .dead])
            #expect(Self.offsets(delivery.attempts, from: start) == [0, 1, 3])
            #expect(
                delivery.attempts.allSatisfy { $0.httpStatus == nil && $0.detail.lowercased().contains("connect") },
                "\(delivery.attempts.map(\.detail))")
            #expect(delivery.delivery.state == .dead)
            #expect(delivery.delivery.lastError?.hasPrefix("gave up after 3 attempts:") == true)
        }
    }

    @Test func retryAfterIsHonoured() async throws {
        try await withScratch { scratch in
            let start = scratch.clock.now
            let channels = ChannelSet(
                channels: [
                    scratch.webhook("hook", scenario: "retryafter"), scratch.dingtalk("dt", scenario: "retryafter"),
                    scratch.feishu("fs", scenario: "retryafter"), scratch.wecom("wc", scenario: "retryafter"),
                ], office: "wc", fallback: "wc")
            let ids = ["hook", "dt", "fs", "wc"]
            let database = try scratch.store(["emergency": ids])
            try database.queue("step/10", to: "emergency", body: "请报送进展。", at: start)

            let report = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(report.sent == 4 && report.retried == 4)
            for id in ids {
                let delivery = try #require(try database.delivery("step/10", channel: id))
                #expect(delivery.attempts.map(\.httpStatus) == [429, 200], "\(id)")
                // The schedule says 1 s; the receiver said 7.
                #expect(Self.offsets(delivery.attempts, from: start) == [0, 7], "\(id)")
            }
            let entries = try scratch.robots.entries()
            #expect(entries.filter { $0.answer.status == 429 }.allSatisfy { $0.answer.headers["Retry-After"] == "7" })
        }
    }

    @Test func refusalsAreNotRetried() async throws {
        try await withScratch { scratch in
            let channels = ChannelSet(
                channels: [
                    scratch.dingtalk("dt-auth", scenario: "auth"),
                    scratch.dingtalk("dt-wrong", secret: "SECnotTheSecret"),
                    scratch.wecom("wc-badkey", scenario: "badkey"), scratch.feishu("fs-auth", scenario: "auth"),
                    scratch.webhook("hook-auth", scenario: "auth"), scratch.wecom("office"),
                ], office: "office", fallback: "office")
            let refused = [
                "dt-auth": "310000", "dt-wrong": "310000", "wc-badkey": "93000", "fs-auth": "19021",
                "hook-auth": "HTTP 401",
            ]
            let database = try scratch.store(["water": Array(refused.keys)])
            try database.queue("step/11", to: "water", body: "请报送进展。", at: scratch.clock.now)

            let report = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(report.dead == 5 && report.retried == 0)
            for (id, code) in refused {
                let delivery = try #require(try database.delivery("step/11", channel: id))
                #expect(delivery.delivery.state == .dead && delivery.attempts.count == 1, "\(id)")
                #expect(delivery.attempts.first?.outcome == .dead, "\(id)")
                #expect(
                    delivery.delivery.lastError?.contains(code) == true, "\(id): \(delivery.delivery.lastError ?? "-")")
            }
            let requests = try scratch.robots.entries().filter { !$0.path.hasPrefix("/wecom/ok") }
            #expect(requests.count == 5)
            // Each dead delivery told the office, once.
            let letters = try database.outbox().filter { $0.kind == .deadLetter }
            #expect(letters.count == 5 && letters.allSatisfy { $0.state == .sent && $0.departmentId == "office" })
        }
    }

    @Test func theLastFailureDeadLettersTheMessageAndTellsTheOffice() async throws {
        try await withScratch { scratch in
            let start = scratch.clock.now
            let channels = ChannelSet(
                channels: [
                    scratch.webhook("hook", scenario: "down"), scratch.wecom("office-wc"), scratch.file("files"),
                ],
                office: "office-wc", fallback: "files")
            let database = try scratch.store(["emergency": ["hook"]])
            try database.queue(
                "monthly-dispatch/2024-06/emergency", to: "emergency", subject: "6月调度", body: "请报送进展。", at: start)

            let report = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(report.summary == "sent 1, retried 2, dead 1, paused 0, waiting 0")
            let delivery = try #require(try database.delivery("monthly-dispatch/2024-06/emergency", channel: "hook"))
            #expect(delivery.attempts.map(\.outcome) == [.retry, .retry, .dead])
            #expect(Self.offsets(delivery.attempts, from: start) == [0, 1, 3])
            #expect(delivery.delivery.lastError == "gave up after 3 attempts: HTTP 500 from the receiver")
            let outbox = try database.outbox()
            #expect(outbox.first?.state == .dead)
            let letter = try #require(outbox.first { $0.kind == .deadLetter })
            #expect(letter.idempotencyKey == "dead-letter/\(delivery.delivery.id!)")
            #expect(letter.departmentId == "office" && letter.state == .sent)
            #expect(letter.subject == "投递失败: 6月调度")
            // Delivered on the office's channel, naming the message and the way to retry it.
            let told = try #require(try database.delivery(letter.idempotencyKey, channel: "office-wc"))
            #expect(told.delivery.state == .sent)
            let office = try scratch.robots.entries().filter { $0.vendor == "wecom" }
            #expect(office.count == 1)
            let text = office.first?.messageText ?? ""
            #expect(text.contains("投递失败") && text.contains("monthly-dispatch/2024-06/emergency"))
            #expect(text.contains("duban outbox retry \(outbox.first!.id!)"))
            // Every attempt went out under the message's key.
            let hooks = try scratch.robots.entries().filter { $0.vendor == "webhook" }
            #expect(
                hooks.map { $0.headers["webhook-id"] ?? "-" }
                    == Array(repeating: "monthly-dispatch/2024-06/emergency", count: 3))
        }
    }
}
