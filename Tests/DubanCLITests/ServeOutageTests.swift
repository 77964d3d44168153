import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// `duban serve` on PostgreSQL while the database goes away and comes back. The server reaches the
/// database through a TCP forwarder the test kills (every connection drops, new ones are refused)
/// and starts again on the same port. Meanwhile requests fail fast with 503 and write nothing; a
/// job run cut off mid-transaction leaves nothing; once the database is back the server answers
/// again, the scheduler runs every due period exactly once, and every message reaches the receiver.
@Suite(.serialized) struct ServeOutageTests {
    static func forwarder(to location: PostgresLocation, port: String = "0", in folder: URL) throws -> ChildProcess {
        try ChildProcess(
            executable: ServeCommandTests.python,
            arguments: [
                "python3", DubanProcess.packageRoot.appendingPathComponent("Tests/receiver/tcp_proxy.py").path,
                "--port", port, "--to", location.address,
            ],
            directory: folder, environment: ProcessInfo.processInfo.environment)
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    @Test func aDatabaseOutageIsAnsweredWith503AndTheJobsResumeOnceItIsBack() throws {
        try withDuban { duban in
            guard case .postgres(let direct) = try TestStore.newPostgresDatabase() else {
                Issue.record("not PostgreSQL")
                return
            }
            var forwarder = try Self.forwarder(to: direct, in: duban.directory)
            let forwarderPort = try forwarder.waitFor(#"PORT (\d+)"#)
            var proxied = direct
            proxied.port = Int(forwarderPort)!

            let receiver = try ServeCommandTests.receiver(duban.directory)
            let receiverPort = try receiver.waitFor(#"PORT (\d+)"#)
            var duban = duban
            duban.db = direct.description
            let token = try ServeCommandTests.prepare(duban, receiverPort: receiverPort)
            // What a lone tick at the same moment runs, on SQLite.
            var reference = duban
            reference.db = duban.directory.appendingPathComponent("reference.sqlite").path
            reference.now = "2024-03-05T10:00:00+08:00"
            try SchedulerCLI.load(reference, at: SchedulerCLI.newYear)
            try #require(try reference.run("tick").exitCode == 0)
            let expected = try SchedulerCLI.Snapshot(path: reference.db)
            try #require(expected.runs.count > 40)

            // The server's first tick waits for the job runs' lock, which this test holds.
            let store = try AppDatabase.open(.postgres(direct))
            let release = DispatchSemaphore(value: 0)
            let held = DispatchSemaphore(value: 0)
            let holder = Thread {
                _ = try? store.write { db in
                    try db.hold(.jobRuns)
                    held.signal()
                    release.wait()
                }
            }
            holder.start()
            held.wait()

            var serving = duban
            serving.db = proxied.description
            serving.now = "2024-03-05T10:00:00+08:00"
            let server = try ServeCommandTests.serve(serving)
            let port = try server.waitFor(#"listening on http://127\.0\.0\.1:(\d+)"#)
            let base = "http://127.0.0.1:\(port)"
            #expect(try HTTP.request("GET", "\(base)/healthz").status == 200)
            let waiting = try Self.eventually {
                try store.read { db in
                    try db.value(Int.self, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                } ?? 0 > 0
            }
            try #require(waiting, "the server's tick never reached the lock:\n\(server.text)")

            // The database goes away in the middle of the tick.
            #expect(try forwarder.sigkill() != 0)
            let started = Date()
            let health = try HTTP.request("GET", "\(base)/healthz")
            #expect(health.status == 503)
            #expect(
                String(decoding: health.body, as: UTF8.self)
                    == #"{"status":"unavailable","database":{"engine":"postgresql","status":"unreachable"}}"#)
            let refused = try HTTP.request(
                "POST", "\(base)/api/tasks/m26-2024-confined-space-census/progress", token: token,
                json: ["percent": 40])
            #expect(refused.status == 503, "\(String(decoding: refused.body, as: UTF8.self))")
            #expect(String(decoding: refused.body, as: UTF8.self).contains(#""code":"store_unavailable""#))
            #expect(Date().timeIntervalSince(started) < 10, "the 503s were not fast")
            release.signal()
            holder.cancel()
            #expect(
                try Self.eventually {
                    try store.jobRuns().isEmpty && store.progressReports(task: "m26-2024-confined-space-census").isEmpty
                })
            #expect(Self.eventually(10) { server.text.contains("tick failed") }, "\(server.text)")

            // It comes back on the same address.
            forwarder = try Self.forwarder(to: direct, port: forwarderPort, in: duban.directory)
            _ = try forwarder.waitFor(#"PORT (\d+)"#)
            #expect(try Self.eventually { try HTTP.request("GET", "\(base)/healthz").status == 200 })
            let accepted = try HTTP.request(
                "POST", "\(base)/api/tasks/m26-2024-confined-space-census/progress", token: token,
                json: ["percent": 40])
            #expect(accepted.status == 201, "\(String(decoding: accepted.body, as: UTF8.self))")

            // The scheduler ran every due period once, as a lone tick does, and the dispatcher sent everything.
            #expect(try Self.eventually(60) { try store.jobRuns().count >= expected.runs.count }, "\(server.text)")
            let runs = try store.jobRuns().map { "\($0.job) \($0.period) \($0.dueAt)" }
            let expectedRuns = try AppDatabase.open(path: reference.db).jobRuns().map {
                "\($0.job) \($0.period) \($0.dueAt)"
            }
            #expect(runs == expectedRuns)
            #expect(
                try store.outbox().map(\.idempotencyKey)
                    == AppDatabase.open(path: reference.db).outbox().map(\.idempotencyKey))
            #expect(try Self.eventually(60) { try store.outbox().allSatisfy { $0.state == .sent } })
            let log = duban.directory.appendingPathComponent("receiver.log")
            let ids = Set(try ReplayKillTests.received(log))
            #expect(ids == Set(try store.outbox().map(\.idempotencyKey)))
            #expect(try store.progressReports(task: "m26-2024-confined-space-census").count == 1)

            #expect(try server.terminate() == 0)
            _ = try forwarder.sigkill()
            _ = try receiver.terminate()
        }
    }
}
