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
        let database = try scratchStore(in: folder, pooled: true)
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
        // Each dispatcher on its own connections (a PostgreSQL store opened again), as instances are.
        var dispatchers: [Dispatcher] = []
        for index in 0..<self.dispatchers {
            let own = index == 0 || db == nil ? database : try AppDatabase.open(database.location, pooled: true)
            var dispatcher = Dispatcher(
                database: own, channels: ChannelSet(channels: [channel], fallback: channel.id),
                transport: CurlTransport(),
                builder: PayloadBuilder(templates: NoticeTemplates()), office: nil, departmentNames: [:])
            dispatcher.concurrency = concurrency
            dispatchers.append(dispatcher)
        }
        let start = Date()
        let reports = try await withThrowingTaskGroup(of: DrainReport.self) { group in
            for dispatcher in dispatchers { group.addTask { try await dispatcher.drain(untilEmpty: true) } }
            return try await group.reduce(into: [DrainReport]()) { $0.append($1) }
        }
        let elapsed = Date().timeIntervalSince(start)
        let report = (sent: reports.reduce(0) { $0 + $1.sent }, dead: reports.reduce(0) { $0 + $1.dead })
        let sentTwice = try database.deliveryAttempts().count { $0.outcome == .sent } - tasks
        let latencies = try database.deliveryAttempts().map(\.latencyMs).sorted()
        func percentile(_ p: Double) -> Int {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        print(
            "deliver \(tasks) messages (\(database.location.engine), \(self.dispatchers) dispatchers) to \(url) at concurrency \(concurrency) each: "
                + "\(report.sent) sent (\(sentTwice) sent twice), \(report.dead) dead in "
                + "\(Self.format(elapsed)) s = \(Int(Double(report.sent) / elapsed)) messages/s; "
                + "attempt latency p50 \(percentile(0.5)) ms, p99 \(percentile(0.99)) ms; peak RSS \(Self.peakMiB()) MiB"
        )
    }
}
