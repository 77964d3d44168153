import DubanCore
import DubanNotify
import DubanStore
import Foundation
import Testing

/// The dispatcher against a scripted transport (`RecordingTransport`): what it sends, byte for byte,
/// and what it does with each answer, without a receiver in between.
@Suite struct DispatcherScriptedTests {
    /// Whether a request for the first message was answered already.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var seen = false
        /// False the first time, true after.
        func next() -> Bool {
            lock.withLock {
                defer { seen = true }; return seen
            }
        }
    }

    @Test func a503IsRetriedWithTheSameRequestAndA400IsDeadAtOnce() async throws {
        try await withScratch { scratch in
            let channels = ChannelSet(channels: [scratch.webhook("hook")], fallback: "hook")
            let database = try scratch.store(["fire": ["hook"], "emergency": ["hook"]])
            try database.queue("scripted/retry", to: "fire", body: "第一条。", at: scratch.clock.now)
            try database.queue("scripted/refused", to: "emergency", body: "第二条。", at: scratch.clock.now)
            // fire's message: 503, then 200. emergency's: 400, which no retry can fix.
            let seen = Seen()
            let transport = RecordingTransport { request, _ in
                let body = String(decoding: request.body, as: UTF8.self)
                let status = body.contains("第二条") ? 400 : seen.next() ? 200 : 503
                return .response(status: status, headers: [:], body: Data(), latency: 0.001)
            }
            let report = try await scratch.dispatcher(database, channels, transport: transport).drain(untilEmpty: true)

            // Sent: fire's message on its second attempt, and the office's notice of the dead letter.
            #expect(report.summary == "sent 2, retried 1, dead 1, paused 0, waiting 0")
            let requests = await transport.requests
            let first = requests.filter { String(decoding: $0.body, as: UTF8.self).contains("第一条") }
            let second = requests.filter { String(decoding: $0.body, as: UTF8.self).contains("\"body\":\"第二条") }
            #expect(first.count == 2 && second.count == 1, "\(requests.count) requests")
            // The same message (`data`), sent again with the new attempt's timestamp and signature.
            func data(_ request: HTTPRequest?) throws -> NSDictionary? {
                guard let request else { return nil }
                return (try JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["data"]
                    as? NSDictionary
            }
            #expect(try data(first.first) == data(first.last), "the retry sends the same message")
            let deadLetter = requests.last { String(decoding: $0.body, as: UTF8.self).contains("dead-letter") }
            #expect(deadLetter.map { String(decoding: $0.body, as: UTF8.self).contains("HTTP 400") } == true)
            let ids = first.map { request in request.headers.first { $0.name.lowercased() == "webhook-id" }?.value }
            #expect(ids.count == 2 && ids[0] != nil && ids[0] == ids[1], "one webhook-id for both attempts: \(ids)")
            #expect(!requests.contains { $0.debugDescription.contains(Secrets.webhookSecret) }, "no secret shown")
        }
    }
}
