import DubanCore
import DubanNotify
import DubanStore
import Foundation

extension BenchCommand {
    /// Queues `tasks` notices for `departments` departments on one generic webhook channel without a
    /// rate limit and drains them through libcurl, with the durable outbox on: messages a second and
    /// attempt latency. Ungrouped, each notice is a message of its own; `--grouped`, each department
    /// gets one digest listing its notices, built as the daily reminders job builds its digests.
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
        let messages = grouped ? try digests(now: now) : notices(now: now)
        try database.enqueue(messages)
        let queuedIn = Date().timeIntervalSince(now)
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
        let attempts = try database.deliveryAttempts()
        let sentTwice = attempts.count { $0.outcome == .sent } - messages.count
        let latencies = attempts.map(\.latencyMs).sorted()
        func percentile(_ p: Double) -> Int {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        let what =
            grouped
            ? "deliver \(tasks) notices as \(messages.count) department digests (built and queued in \(Self.format(queuedIn)) s)"
            : "deliver \(tasks) messages"
        print(
            "\(what) (\(database.location.engine), \(self.dispatchers) dispatchers) to \(url) at concurrency \(concurrency) each: "
                + "\(report.sent) sent (\(sentTwice) sent twice), \(report.dead) dead in "
                + "\(Self.format(elapsed)) s = \(Int(Double(report.sent) / elapsed)) messages/s"
                + (grouped ? ", \(Int(Double(tasks) / elapsed)) notices/s" : "") + "; "
                + "attempt latency p50 \(percentile(0.5)) ms, p99 \(percentile(0.99)) ms; peak RSS \(Self.peakMiB()) MiB"
        )
    }

    /// The department of the `n`th notice (from 0): `dept-01` … round the departments, as
    /// Benchmarks/peers/notices.py labels its alerts.
    func department(_ n: Int) -> String {
        String(format: "dept-%02d", n % departments + 1)
    }

    /// One message per notice, without facts (the benchmark's first form).
    func notices(now: Date) -> [OutboxMessage] {
        (0..<tasks).map { n in
            OutboxMessage(
                id: nil, runId: nil, idempotencyKey: "bench/\(n)", departmentId: department(n), kind: .reminders,
                subject: "压测消息 \(n)", body: "第 \(n) 条: 督办压测，检查吞吐与延迟。", state: .queued, createdAt: now)
        }
    }

    /// One digest per department: `tasks` milestones `t1`… led round the departments, all due 7
    /// working days after `--as-of`, evaluated, then reminded and grouped by the daily reminders
    /// job's own code (`DueReminder.due`, `JobMessages.reminders`), each digest with its tasks as facts.
    func digests(now: Date) throws -> [OutboxMessage] {
        let day = try parseDay(asOf, option: "--as-of")
        let calendar = WorkCalendar()
        let due = calendar.workingDays(7, after: day)
        let phrase = DeadlinePhrase(text: "\(due) 前", start: nil, due: due)
        let planned = (0..<tasks).map { n in
            PlanTask(
                id: "t\(n + 1)", title: "压测任务 \(n + 1)", plan: "bench", action: "a1", measure: nil, lead: department(n),
                schedule: .milestone(start: nil, due: phrase))
        }
        let graph = TaskGraph(tasks: planned)
        let evaluation = try Evaluator().evaluate(graph, planStart: day.adding(days: -30), progress: [:], asOf: day)
        let reminders = DueReminder.due(on: day, evaluation: evaluation, offsets: [7], calendar: calendar)
        guard reminders.count == tasks else {
            throw InputError("\(reminders.count) of \(tasks) benchmark tasks are due for a reminder on \(day)")
        }
        let titles = Dictionary(uniqueKeysWithValues: planned.map { ($0.id, $0.title) })
        return JobMessages.reminders(reminders, on: day) { titles[$0] ?? $0 }.map { outgoing in
            OutboxMessage(
                idempotencyKey: "\(Job.dailyReminders.rawValue)/\(day)/\(outgoing.department)",
                departmentId: outgoing.department, kind: outgoing.kind, subject: outgoing.subject,
                body: outgoing.body.joined(separator: "\n"), createdAt: now, facts: outgoing.facts)
        }
    }
}
