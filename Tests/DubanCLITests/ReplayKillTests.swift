import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Three processes on one store — two `duban tick` and a `duban deliver` — replay 2024-01 → 2026-12
/// month by month with the demo progress, and every month one of them is SIGKILLed at a random
/// point and started again. The job runs, escalation steps, letters, lights, documents and outbox
/// end exactly as one uninterrupted single-process run on SQLite leaves them, and the receiver got
/// every message that run sent: none missing, and a message sent twice (its sender killed between
/// sending and recording) carries the same `webhook-id` both times. With DUBAN_TEST_ENGINE=postgres
/// the three share one PostgreSQL database: several instances on one database.
@Suite struct ReplayKillTests {
    static let secret = ServeCommandTests.secret
    static let maxDelayMilliseconds: UInt64 = 400

    /// The last day of every month of the plan.
    static let monthEnds: [String] = (2024...2026).flatMap { year in
        (1...12).map { month in
            let days = [31, year % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            return String(format: "%04d-%02d-%02d", year, month, days)
        }
    }

    /// The demo progress sheet split by month: the header, and each month's rows.
    static func progressByMonth() throws -> (header: String, rows: [String: [String]]) {
        let text = try String(
            contentsOf: DubanProcess.packageRoot.appendingPathComponent("plans/demo/progress.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst()
        let column = try #require(header.split(separator: ",").firstIndex(of: "date"))
        return (
            header,
            Dictionary(grouping: lines) {
                String($0.split(separator: ",", omittingEmptySubsequences: false)[column].prefix(7))
            }
        )
    }

    /// A folder with the shipped plans, a webhook channel to `$DUBAN_TEST_HOOK`, and the plans loaded
    /// on 2024-01-01 into `duban.db` (SQLite).
    static func prepare(_ duban: DubanProcess) throws {
        try Fixtures.copyShippedPlansWithWebhook(into: duban.directory, url: "${DUBAN_TEST_HOOK}", secret: secret)
        try SchedulerCLI.load(duban, at: SchedulerCLI.newYear)
    }

    /// `webhook-id` of every request the receiver logged at `log`.
    static func received(_ log: URL) throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map { line in
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let headers = try #require(entry["headers"] as? [String: String])
            return try #require(headers["webhook-id"], "a request without webhook-id: \(line)")
        }
    }

    /// The replay on `store`: each month its progress, then `processes` (2 ticks and a deliver, or 1
    /// and 1), one of them killed at a random point when `kill` is on and run again; then a last
    /// delivery. Returns how many kills landed while the victim was still running.
    ///
    /// The reference run (`concurrent` off) records how long each month's tick and deliver took in
    /// `durations`; the concurrent run kills its victim within 80% of that, so that a kill lands while
    /// the victim runs however fast this machine is.
    static func replay(
        _ duban: DubanProcess, store: String, hook: String, concurrent: Bool, delays: inout KillTickTests.SeededDelays,
        durations: inout [String: [UInt64]]
    ) throws -> Int {
        let (header, rows) = try progressByMonth()
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DUBAN_") }
        environment["DUBAN_DB"] = store
        environment["DUBAN_TEST_HOOK"] = hook
        environment["USER"] = "tester"
        var landed = 0
        for day in monthEnds {
            let now = "\(day)T23:00:00+08:00"
            environment["DUBAN_NOW"] = now
            var step = duban
            step.db = store
            step.now = now
            step.environment = ["DUBAN_TEST_HOOK": hook]
            if let lines = rows[String(day.prefix(7))] {
                let sheet = duban.directory.appendingPathComponent("progress-\(day.prefix(7)).csv")
                try Data(([header] + lines).joined(separator: "\n").utf8).write(to: sheet)
                let imported = try step.run("progress", "import", sheet.path)
                try #require(imported.exitCode == 0, "\(day): \(imported)")
            }
            // Absolute paths: the spawned children run in the test's folder, not the store's.
            let plans = duban.directory.appendingPathComponent("plans")
            let tick = [
                "tick", "--as-of", day, "--policy", plans.appendingPathComponent("policy.yaml").path, "--calendar",
                plans.appendingPathComponent("calendar").path,
            ]
            // A short claim, so that what a killed dispatcher claimed is taken over within seconds.
            let deliver = [
                "deliver", "--once", "--claim-seconds", "2", "--notifiers",
                duban.directory.appendingPathComponent("notifiers/channels.yaml").path,
            ]
            let commands = concurrent ? [tick, tick, deliver] : [tick, deliver]
            if !concurrent {
                var took: [UInt64] = []
                for command in commands {
                    let started = Date()
                    let result = try step.run(command)
                    took.append(UInt64(Date().timeIntervalSince(started) * 1000))
                    try #require(result.exitCode == 0, "\(day) \(command): \(result)")
                }
                durations[day] = took
                continue
            }
            let victim = Int(delays.next() % 3)
            // The victim's own command in the reference run: ticks are [0], the deliver [1].
            let reference = durations[day]?[victim == 2 ? 1 : 0] ?? maxDelayMilliseconds
            let window = max(10, min(maxDelayMilliseconds, reference * 8 / 10))
            let delay = delays.next() % (window + 1)
            let outputs = (0..<3).map { duban.directory.appendingPathComponent("\(day)-\($0).out").path }
            let children = try zip(commands, outputs).map {
                try KillTickTests.Child.spawn($0.0, environment: environment, output: $0.1)
            }
            usleep(useconds_t(delay * 1000))
            children[victim].sigkill()
            let codes = children.map { $0.wait() }
            for (index, code) in codes.enumerated() where index != victim {
                #expect(code == 0, "\(day): \(commands[index]) exited \(code ?? -1)")
            }
            if codes[victim] == nil { landed += 1 }
            let again = try step.run(commands[victim])
            try #require(again.exitCode == 0, "\(day): \(commands[victim]) again: \(again)")
        }
        // What a killed dispatcher claimed is taken once its claim lapses: `deliver` waits for that.
        var last = duban
        last.db = store
        last.now = "2027-01-02T10:00:00+08:00"
        last.environment = ["DUBAN_TEST_HOOK": hook]
        let flushed = try last.run("deliver", "--claim-seconds", "2")
        try #require(flushed.exitCode == 0, "\(flushed)")
        return landed
    }

    @Test func threeProcessesKilledAtRandomEndAsOneUninterruptedRun() throws {
        try withDuban { duban in
            let started = Date()
            try Self.prepare(duban)
            let reference = duban.db
            let shared = try SchedulerCLI.scratchStore(in: duban.directory, "shared")
            try SchedulerCLI.copyStore(reference, to: shared)

            let receiver = try ServeCommandTests.receiver(duban.directory)
            let port = try receiver.waitFor(#"PORT (\d+)"#)
            var delays = KillTickTests.SeededDelays(state: 0x7265_706C_6179_2D33)  // "replay-3"
            var durations: [String: [UInt64]] = [:]
            _ = try Self.replay(
                duban, store: reference, hook: "http://127.0.0.1:\(port)/webhook/ok?run=reference", concurrent: false,
                delays: &delays, durations: &durations)
            let landed = try Self.replay(
                duban, store: shared, hook: "http://127.0.0.1:\(port)/webhook/ok?run=shared", concurrent: true,
                delays: &delays, durations: &durations)
            _ = try receiver.terminate()

            let expected = try SchedulerCLI.Snapshot(path: reference)
            #expect(expected.runs.count > 500)
            #expect(expected.steps.count > 50)
            #expect(expected.letters.count > 10)
            let snapshot = try SchedulerCLI.Snapshot(path: shared)
            #expect(snapshot.runs == expected.runs)
            #expect(snapshot.steps == expected.steps)
            #expect(snapshot.letters == expected.letters)
            #expect(snapshot.outbox == expected.outbox)
            #expect(snapshot.documents == expected.documents)
            #expect(snapshot.lights == expected.lights)
            let check = try SchedulerCLI.orphansAndDuplicates(path: shared)
            #expect(check.orphans == 0)
            #expect(check.duplicateKeys == [])
            for store in [reference, shared] {
                let unsent = try AppDatabase.open(StoreLocation.parse(store)).outbox().filter { $0.state != .sent }
                #expect(unsent.isEmpty, "\(unsent.prefix(3).map { "\($0.idempotencyKey) \($0.state)" })")
            }

            // At the receiver: every message of the reference run, none missing, duplicates by webhook-id only.
            let log = duban.directory.appendingPathComponent("receiver.log")
            let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            let ids = try Self.received(log)
            let runs = lines.map { $0.contains("run=shared") ? "shared" : "reference" }
            let referenceIDs = zip(ids, runs).filter { $0.1 == "reference" }.map(\.0)
            let sharedIDs = zip(ids, runs).filter { $0.1 == "shared" }.map(\.0)
            #expect(referenceIDs.count == Set(referenceIDs).count, "the uninterrupted run sent nothing twice")
            #expect(Set(sharedIDs) == Set(referenceIDs))
            #expect(referenceIDs.count > 100)
            let twice = sharedIDs.count - Set(sharedIDs).count
            // Most kills must land while the victim runs, or the test proves little.
            #expect(landed >= 30, "only \(landed) of \(Self.monthEnds.count) kills landed mid-run")
            print(
                "ReplayKillTests (\((try? TestStore.engine)?.rawValue ?? "?")): \(Self.monthEnds.count) months, "
                    + "\(landed) kills mid-run, \(expected.runs.count) runs, \(referenceIDs.count) messages, "
                    + "\(twice) sent twice; \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }
}
