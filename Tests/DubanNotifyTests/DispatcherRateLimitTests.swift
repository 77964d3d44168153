import DubanCore
import DubanNotify
import DubanStore
import Foundation
import Testing

/// The vendors' rate limits, checked by the receiver at the time each request says it was made (the
/// dispatcher runs on a virtual clock): a burst stays within 20 a minute per DingTalk robot, and a
/// `130101` answer pauses that channel while the others go on.
@Suite struct DispatcherRateLimitTests {
    /// A message long enough to be cut in two for DingTalk (20,000 bytes) and Feishu (20,000 bytes).
    static let twoPartBody = (1...260).map { "第\($0)条：兴仁街道安全生产隐患排查整治情况，已完成整改百分之八十，剩余问题限期销号。" }
        .joined(separator: "\n")

    @Test func aBurstOf100StaysWithin20AMinutePerDingTalkRobot() async throws {
        try await withScratch(clock: "request") { scratch in
            let clock = VirtualClock(minimumSleep: 1)
            let start = clock.now
            let channels = ChannelSet(channels: [scratch.dingtalk("dt")], fallback: "dt")
            let database = try scratch.store(["fire": ["dt"]])
            for n in 1...100 {
                try database.queue("burst/\(n)", to: "fire", subject: "提醒 \(n)", body: "第 \(n) 条提醒。", at: start)
            }
            var dispatcher = scratch.dispatcher(database, channels)
            dispatcher.clock = clock.delivery
            let began = Date()

            let report = try await dispatcher.drain(untilEmpty: true)

            #expect(report.summary == "sent 100, retried 0, dead 0, paused 0, waiting 0")
            let entries = try scratch.robots.entries()
            #expect(entries.count == 100)
            let allAccepted = entries.allSatisfy { $0.accepted }
            #expect(allAccepted, "the receiver answered \(Set(entries.compactMap(\.answerCode)))")
            let sentAt = entries.compactMap(\.requestTime)
            #expect(sentAt.count == 100)
            #expect(busiestWindow(sentAt) == 20)
            let attempts = try database.deliveryAttempts().map { $0.at.timeIntervalSince1970 }
            #expect(busiestWindow(attempts) == 20)
            // Five minutes' worth of sending, on the virtual clock, in a few real seconds.
            #expect(clock.now.timeIntervalSince(start) >= 240)
            #expect(clock.now.timeIntervalSince(start) < 300)
            #expect(Date().timeIntervalSince(began) < 30)
        }
    }

    @Test func a130101AnswerPausesThatChannelWhileOthersContinue() async throws {
        try await withScratch(clock: "request") { scratch in
            let clock = VirtualClock(minimumSleep: 1)
            let start = clock.now
            // The robot is told to take 30 a minute: the receiver answers the 21st with 130101.
            let channels = ChannelSet(
                channels: [scratch.dingtalk("dt", perMinute: 30), scratch.wecom("wc")], office: "wc", fallback: "wc")
            let database = try scratch.store(["emergency": ["dt", "wc"]])
            for n in 1...30 {
                try database.queue("pause/\(n)", to: "emergency", subject: "提醒 \(n)", body: "第 \(n) 条提醒。", at: start)
            }
            var dispatcher = scratch.dispatcher(database, channels)
            dispatcher.clock = clock.delivery

            let report = try await dispatcher.drain(untilEmpty: true)

            #expect(report.sent == 60)
            #expect(report.paused == 10)
            #expect(report.dead == 0 && report.waiting == 0)
            let entries = try scratch.robots.entries().filter { $0.vendor == "dingtalk" }
            #expect(entries.filter { $0.answerCode == 130101 }.count == 10)
            #expect(entries.count == 40)

            let attempts = try database.attemptsByChannel()
            let dingtalk = attempts.filter { $0.channel == "dt" }.map(\.attempt)
            let paused = dingtalk.filter { $0.outcome == .paused }
            #expect(paused.count == 10)
            #expect(paused.allSatisfy { $0.vendorCode == "130101" && $0.at == start })
            #expect(paused.allSatisfy { $0.detail.contains("130101") })
            // No attempt to the paused robot during its 10 minutes.
            let pauseEnds = start.addingTimeInterval(600)
            let during = dingtalk.filter { $0.at > start && $0.at < pauseEnds }
            #expect(during.isEmpty, "\(during.count) attempts to the paused robot")
            let after = dingtalk.filter { $0.at >= pauseEnds }
            #expect(after.count == 10 && after.allSatisfy { $0.outcome == .sent })
            // WeCom went on meanwhile: 20 at once, the other 10 a minute later.
            let wecom = attempts.filter { $0.channel == "wc" }.map(\.attempt)
            #expect(wecom.count == 30 && wecom.allSatisfy { $0.outcome == .sent })
            #expect(wecom.filter { $0.at == start }.count == 20)
            #expect(wecom.filter { $0.at > start && $0.at < pauseEnds }.count == 10)
            #expect(try database.allDeliveries().allSatisfy { $0.state == .sent })
        }
    }

    /// A message cut in parts is several messages to the robot: the limit must count requests, not
    /// deliveries: every part takes its own slot.
    @Test func partsOfALongMessageCountAgainstTheDingTalkLimit() async throws {
        try await withScratch(clock: "request") { scratch in
            let channels = ChannelSet(channels: [scratch.dingtalk("dt")], fallback: "dt")
            let database = try scratch.store(["fire": ["dt"]])
            for n in 1...15 {
                try database.queue(
                    "long/\(n)", to: "fire", subject: "通报 \(n)", body: Self.twoPartBody, at: scratch.clock.now)
            }

            _ = try await scratch.dispatcher(database, channels).drain(untilEmpty: false)

            let entries = try scratch.robots.entries()
            #expect(entries.count >= 20)
            let refused = entries.filter { $0.answerCode == 130101 }.count
            #expect(
                refused == 0, "the robot refused \(refused) of \(entries.count) requests sent in one minute with 130101"
            )
            #expect(busiestWindow(entries.compactMap(\.requestTime)) <= 20)
        }
    }

    /// Feishu takes 5 requests a second: two-part messages must not go out 10 a second.
    @Test func partsOfALongMessageCountAgainstTheFeishuLimit() async throws {
        try await withScratch(clock: "request") { scratch in
            let channels = ChannelSet(channels: [scratch.feishu("fs")], fallback: "fs")
            let database = try scratch.store(["fire": ["fs"]])
            for n in 1...5 {
                try database.queue(
                    "long/\(n)", to: "fire", subject: "通报 \(n)", body: Self.twoPartBody, at: scratch.clock.now)
            }

            _ = try await scratch.dispatcher(database, channels).drain(untilEmpty: false)

            let entries = try scratch.robots.entries()
            #expect(entries.count >= 5)
            let refused = entries.filter { $0.answerCode == 11232 }.count
            #expect(
                refused == 0, "the bot refused \(refused) of \(entries.count) requests sent in one second with 11232")
            #expect(busiestWindow(entries.compactMap(\.requestTime), window: 1) <= 5)
        }
    }

    /// `duban run` drains once a run (`drain(untilEmpty: false)`): a second run 30 s after the first must
    /// not send another 20 to the same robot. Each drain starts from the requests the store recorded in
    /// the last minute.
    @Test func aSecondDrainWithinTheMinuteRemembersWhatTheFirstSent() async throws {
        try await withScratch(clock: "request") { scratch in
            let channels = ChannelSet(channels: [scratch.dingtalk("dt")], fallback: "dt")
            let database = try scratch.store(["fire": ["dt"]])
            for n in 1...40 {
                try database.queue(
                    "run/\(n)", to: "fire", subject: "提醒 \(n)", body: "第 \(n) 条提醒。", at: scratch.clock.now)
            }
            let first = try await scratch.dispatcher(database, channels).drain(untilEmpty: false)
            #expect(first.sent == 20 && first.waiting == 20)

            scratch.clock.advance(30)
            _ = try await scratch.dispatcher(database, channels).drain(untilEmpty: false)

            let entries = try scratch.robots.entries()
            let refused = entries.filter { $0.answerCode == 130101 }.count
            #expect(refused == 0, "the robot refused \(refused) requests of the second run with 130101")
            #expect(busiestWindow(entries.compactMap(\.requestTime)) <= 20)
        }
    }

    /// Waiting for a rate slot is one sleep until the slot opens, not a poll of the store every millisecond.
    @Test func waitingForARateSlotIsOneSleepNotPolling() async throws {
        try await withScratch(clock: "request") { scratch in
            // Sleeps move the time by exactly what was asked; after 200, the clock stops the drain.
            let clock = VirtualClock(minimumSleep: 0, budget: 200)
            let channels = ChannelSet(channels: [scratch.dingtalk("dt")], fallback: "dt")
            let database = try scratch.store(["fire": ["dt"]])
            for n in 1...60 {
                try database.queue("wait/\(n)", to: "fire", subject: "提醒 \(n)", body: "第 \(n) 条提醒。", at: clock.now)
            }
            var dispatcher = scratch.dispatcher(database, channels)
            dispatcher.clock = clock.delivery

            let report = try await dispatcher.drain(untilEmpty: true)

            let sleeps = clock.sleeps
            let tiny = sleeps.filter { $0 < 0.01 }.count
            #expect(
                sleeps.count <= 10, "\(sleeps.count) sleeps (\(tiny) under 10 ms) to send 60 messages at 20 a minute")
            #expect(
                report.sent == 60, "the clock stopped the drain after \(sleeps.count) sleeps with \(report.sent) sent")
        }
    }
}
