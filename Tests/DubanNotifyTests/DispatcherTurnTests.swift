import DubanNotify
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanCore
@testable import DubanStore

/// A dispatcher's turn: the last batch recorded and the next claimed in one transaction, and the
/// message sent whole, facts included. The store test runs on this run's engine (`DUBAN_TEST_ENGINE`).
@Suite struct DispatcherTurnTests {
    @Test func aDigestsFactsReachTheWebhookThroughTheOutbox() async throws {
        try await withScratch { scratch in
            let channels = ChannelSet(channels: [scratch.webhook("hook")], fallback: "hook")
            let database = try scratch.store(["emergency": ["hook"]])
            let day = Day("2024-06-03")!
            let due = [
                DueReminder(task: "t-census", department: "emergency", due: Day("2024-06-12")!, workingDaysBefore: 7),
                DueReminder(task: "t-drill", department: "emergency", due: Day("2024-06-12")!, workingDaysBefore: 7),
            ]
            let digest = try #require(JobMessages.reminders(due, on: day) { "任务 \($0)" }.first)
            try database.enqueue([
                OutboxMessage(
                    idempotencyKey: "daily-reminders/\(day)/emergency", departmentId: "emergency", kind: digest.kind,
                    subject: digest.subject, body: digest.body.joined(separator: "\n"), createdAt: scratch.clock.now,
                    facts: digest.facts)
            ])

            let report = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(report.sent == 1)
            let entry = try #require(try scratch.robots.entries().first)
            let data = try #require(entry.json["data"] as? [String: Any])
            let facts = try #require(data["facts"] as? [String: Any], "the webhook carried no data.facts")
            let tasks = try #require(facts["tasks"] as? [[String: Any]])
            #expect(tasks.compactMap { $0["task"] as? String } == ["t-census", "t-drill"])
            #expect(tasks.compactMap { $0["department"] as? String } == ["emergency", "emergency"])
            #expect(facts["period"] as? String == "2024-06-03")
        }
    }

    @Test func aChannelPausedByTheRecordedAttemptsIsLeftOutOfTheClaimInTheSameTransaction() throws {
        let database = try TestStore.make()
        let now = Date(timeIntervalSince1970: 1_717_400_000)
        let channel = Channel(id: "dt", kind: .dingtalk, url: Secret("http://127.0.0.1:9/dingtalk/ok"))
        let channels = ChannelSet(channels: [channel], fallback: "dt")
        try database.enqueue(
            (1...3).map { n in
                OutboxMessage(
                    idempotencyKey: "m\(n)", departmentId: "nowhere", kind: .reminders, subject: "s", body: "b",
                    createdAt: now)
            })
        #expect(try database.prepareDeliveries(channels: channels, now: now) == 3)
        let due = try database.dueDeliveries(now: now)
        let first = try #require(due.first)
        #expect(try database.claim([first.delivery.id!], now: now, until: now.addingTimeInterval(300)).count == 1)
        let until = now.addingTimeInterval(60)
        let paused = DeliveryResult(
            attempt: DeliveryAttempt(
                deliveryId: first.delivery.id!, at: now, httpStatus: 200, vendorCode: "130101", latencyMs: 3,
                outcome: .paused, detail: "rate limited"),
            state: .queued, nextAttemptAt: until, error: "rate limited", pauseChannelUntil: until)
        // The dead letter's message is new: the same transaction gives it its delivery.
        try database.enqueue([
            OutboxMessage(
                idempotencyKey: "m4", departmentId: "nowhere", kind: .reminders, subject: "s", body: "b", createdAt: now
            )
        ])

        let (claimed, prepared) = try database.recordAndClaim(
            [(paused, first)], office: nil, channels: channels, claim: due.dropFirst().map { $0.delivery.id! },
            now: now, until: now.addingTimeInterval(300))

        #expect(claimed.isEmpty, "claimed \(claimed) on a channel the same transaction paused")
        #expect(prepared == 1)
        let stored = try #require(try database.allDeliveries().first { $0.id == first.delivery.id })
        #expect(stored.attempts == 1 && stored.claimedUntil == nil && stored.nextAttemptAt == until)
        #expect(try database.deliveryAttempts().map(\.outcome) == [.paused])
    }
}
