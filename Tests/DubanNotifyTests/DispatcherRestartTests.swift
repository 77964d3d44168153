import DubanCore
import DubanNotify
import DubanStore
import Foundation
import Testing

/// A transport that sends the first `passThrough` requests normally; every later one reaches the receiver
/// but its sender never hears back — as when the process dies between sending and recording — until
/// `release()`, after which nothing more is sent.
final class DyingTransport: Transport, @unchecked Sendable {
    private let inner: CurlTransport
    private let passThrough: Int
    private let lock = NSLock()
    private var sent = 0
    private var waiting: [CheckedContinuation<HTTPOutcome, Never>] = []
    private var released = false

    init(inner: CurlTransport = CurlTransport(timeout: 5, connectTimeout: 2), passThrough: Int) {
        self.inner = inner
        self.passThrough = passThrough
    }

    /// Requests whose answers are held back.
    var stalled: Int {
        lock.lock()
        defer { lock.unlock() }
        return waiting.count
    }

    func send(_ request: HTTPRequest) async -> HTTPOutcome {
        let (n, dead): (Int, Bool) = {
            lock.lock()
            defer { lock.unlock() }
            sent += 1
            return (sent, released)
        }()
        if dead { return .failure(reason: "the process is gone", retryable: true, latency: 0) }
        let outcome = await inner.send(request)
        guard n > passThrough else { return outcome }
        return await withCheckedContinuation { continuation in
            lock.lock()
            if released {
                lock.unlock()
                continuation.resume(returning: .failure(reason: "the process is gone", retryable: true, latency: 0))
            } else {
                waiting.append(continuation)
                lock.unlock()
            }
        }
    }

    /// Lets the held-back senders go on (with a failure), and sends nothing more.
    func release() {
        lock.lock()
        released = true
        let held = waiting
        waiting = []
        lock.unlock()
        for continuation in held {
            continuation.resume(returning: .failure(reason: "the process is gone", retryable: true, latency: 0))
        }
    }
}

/// A transport that calls `onSend` before its `n`th request, then sends it.
final class HookedTransport: Transport, @unchecked Sendable {
    private let inner = CurlTransport(timeout: 5, connectTimeout: 2)
    private let lock = NSLock()
    private var count = 0
    private let at: Int
    private let onSend: @Sendable () async -> Void

    init(at: Int, onSend: @escaping @Sendable () async -> Void) {
        self.at = at
        self.onSend = onSend
    }

    func send(_ request: HTTPRequest) async -> HTTPOutcome {
        let n: Int = {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count
        }()
        if n == at { await onSend() }
        return await inner.send(request)
    }
}

/// Holds a task once it exists, for a transport to cancel.
final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<DrainReport, any Error>?

    func set(_ task: Task<DrainReport, any Error>) {
        lock.lock()
        self.task = task
        lock.unlock()
    }

    /// Cancels the task, waiting for it to be set.
    func cancel() async {
        while true {
            if let task = lock.withLock({ self.task }) {
                task.cancel()
                return
            }
            await Task.yield()
        }
    }
}

/// A dispatcher stopped in the middle of its work and started again delivers everything: at least once,
/// under the same key, never lost.
@Suite struct DispatcherRestartTests {
    @Test func aDispatcherThatDiesMidBatchIsRestartedAndNothingIsLost() async throws {
        try await withScratch { scratch in
            let channels = ChannelSet(channels: [scratch.webhook("hook")], fallback: "hook")
            let database = try scratch.store(["emergency": ["hook"]])
            let keys = (1...30).map { "monthly-dispatch/2024-06/item-\($0)" }
            for key in keys {
                try database.queue(key, to: "emergency", body: "请报送 \(key) 进展。", at: scratch.clock.now)
            }
            let transport = DyingTransport(passThrough: 5)
            var first = scratch.dispatcher(database, channels, transport: transport)
            first.concurrency = 4
            let dying = Task { try await first.drain(untilEmpty: true) }
            defer { dying.cancel() }
            // Five answered, four more delivered whose answers never come back: the process "dies".
            let deadline = Date().addingTimeInterval(10)
            while transport.stalled < 4 && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
            #expect(transport.stalled == 4)
            #expect(try database.allDeliveries().allSatisfy { $0.state == .queued && $0.attempts == 0 })
            #expect(try scratch.robots.entries().count == 9)

            // Restart: a new process on the same file, once the dead process's claims have lapsed.
            scratch.clock.advance(Dispatcher.defaultClaimLease + 1)
            let reopened = try AppDatabase.open(path: scratch.directory.appendingPathComponent("duban.sqlite").path)
            let report = try await scratch.dispatcher(reopened, channels).drain(untilEmpty: true)

            #expect(report.sent == 30 && report.dead == 0)
            #expect(try reopened.allDeliveries().allSatisfy { $0.state == .sent && $0.attempts == 1 })
            #expect(try reopened.outbox().allSatisfy { $0.state == .sent })
            let entries = try scratch.robots.entries()
            #expect(entries.allSatisfy { $0.answer.status == 200 })
            let received = Dictionary(grouping: entries.compactMap { $0.headers["webhook-id"] }, by: { $0 }).mapValues(
                \.count)
            #expect(Set(received.keys) == Set(keys), "lost: \(Set(keys).subtracting(received.keys).sorted())")
            // The nine sent before the "crash" came again, under the same webhook-id; the rest once.
            #expect(received.values.filter { $0 == 2 }.count == 9)
            #expect(received.values.filter { $0 == 1 }.count == 21)
            #expect(entries.count == 39)

            // Let the dead process's task finish, so that nothing outlives the test.
            dying.cancel()
            transport.release()
            _ = try? await dying.value
        }
    }

    @Test func aDrainCancelledMidBatchFinishesItsBatchAndTheNextSendsTheRestOnce() async throws {
        try await withScratch { scratch in
            let channels = ChannelSet(channels: [scratch.webhook("hook", perMinute: 10)], fallback: "hook")
            let database = try scratch.store(["emergency": ["hook"]])
            let keys = (1...30).map { "reminders/2024-06-14/item-\($0)" }
            for key in keys {
                try database.queue(key, to: "emergency", body: "请报送 \(key) 进展。", at: scratch.clock.now)
            }
            let box = TaskBox()
            // Cancel the drain while the third request of its first batch is going out.
            let transport = HookedTransport(at: 3) { await box.cancel() }
            let first = scratch.dispatcher(database, channels, transport: transport)
            let task = Task { try await first.drain(untilEmpty: true) }
            box.set(task)

            let stopped = try await task.value

            #expect(stopped.sent == 10)
            #expect(try database.allDeliveries().filter { $0.state == .sent }.count == 10)
            #expect(try database.allDeliveries().filter { $0.state == .queued && $0.attempts == 0 }.count == 20)

            let reopened = try AppDatabase.open(path: scratch.directory.appendingPathComponent("duban.sqlite").path)
            let report = try await scratch.dispatcher(reopened, channels).drain(untilEmpty: true)

            #expect(report.sent == 20)
            let ids = try scratch.robots.entries().compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == 30)
            #expect(Set(ids) == Set(keys))
            #expect(try reopened.allDeliveries().allSatisfy { $0.state == .sent && $0.attempts == 1 })
        }
    }
}
