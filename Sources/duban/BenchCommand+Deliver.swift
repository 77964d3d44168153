import DubanCore
import DubanNotify
import DubanStore
import Foundation

extension BenchCommand {
    /// Queues `tasks` messages for one generic webhook channel without a rate limit and drains them
    /// through libcurl, with the durable outbox on: messages a second and attempt latency.
    func deliver() async throws {
        guard let url, url.hasPrefix("http://127.") || url.hasPrefix("http://localhost") else {
            throw InputError(
                "--url must name a local receiver (http://127.0.0.1:PORT/webhook/ok): benchmarks never leave this machine"
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path)
        let now = Date()
        try database.enqueue(
            (0..<tasks).map { n in
                OutboxMessage(
                    id: nil, runId: nil, idempotencyKey: "bench/\(n)", departmentId: "bench", kind: .reminders,
                    subject: "压测消息 \(n)", body: "第 \(n) 条: 督办压测，检查吞吐与延迟。", state: .queued, createdAt: now)
            })
        let channel = Channel(
            id: "bench-webhook", kind: .webhook, url: Secret(url),
            secret: Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        var dispatcher = Dispatcher(
            database: database, channels: ChannelSet(channels: [channel], fallback: channel.id),
            transport: CurlTransport(),
            builder: PayloadBuilder(templates: NoticeTemplates()), office: nil, departmentNames: [:])
        dispatcher.concurrency = concurrency
        let start = Date()
        let report = try await dispatcher.drain(untilEmpty: true)
        let elapsed = Date().timeIntervalSince(start)
        let latencies = try database.deliveryAttempts().map(\.latencyMs).sorted()
        func percentile(_ p: Double) -> Int {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        print(
            "deliver \(tasks) messages to \(url) at concurrency \(concurrency): \(report.sent) sent, \(report.dead) dead in "
                + "\(Self.format(elapsed)) s = \(Int(Double(report.sent) / elapsed)) messages/s; "
                + "attempt latency p50 \(percentile(0.5)) ms, p99 \(percentile(0.99)) ms; peak RSS \(Self.peakMiB()) MiB"
        )
    }
}
