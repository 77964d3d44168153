import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kill -9` at random points of a catch-up tick, then a tick to completion: every period ran exactly
/// once, the store is exactly what one uninterrupted tick leaves, and nothing names a missing run.
@Suite struct KillTickTests {
    /// Loaded on 1 February 2024, ticked to the end of June: about a hundred runs, a second or so.
    static let loadedAt = "2024-02-01T08:00:00+08:00"
    /// Fewer on PostgreSQL, where each trial makes a database: still at least 30 random points.
    static var trials: Int { (try? TestStore.engine) == .postgres ? 30 : 50 }
    static let maxDelayMilliseconds: UInt64 = 1200

    /// SplitMix64: the same delays on every machine.
    struct SeededDelays {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A child started with `posix_spawn` and not reaped until `wait()`: its pid cannot be reused by
    /// another process before then, so the SIGKILL can only ever reach it.
    struct Child {
        var pid: pid_t

        static func spawn(_ arguments: [String], environment: [String: String], output: String) throws -> Child {
            #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
            #else
            var actions: posix_spawn_file_actions_t?
            #endif
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let path = DubanProcess.binary.path
            let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
            let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                for pointer in argv + envp { free(pointer) }
            }
            var pid: pid_t = 0
            let code = posix_spawn(&pid, path, &actions, nil, argv, envp)
            guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
            return Child(pid: pid)
        }

        func sigkill() {
            _ = kill(pid, SIGKILL)
        }

        /// Reaps the child: its exit code, or nil when a signal ended it.
        func wait() -> Int32? {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
        }
    }

    @Test func killedTicksResumeToTheUninterruptedResult() throws {
        try withDuban { duban in
            let started = Date()
            try SchedulerCLI.loadShippedPlans(duban, at: Self.loadedAt)
            let template = duban.directory.appendingPathComponent("template.sqlite").path
            try SchedulerCLI.copyStore(duban.db, to: template)
            let arguments = [
                "tick", "--as-of", "2024-06-30", "--policy",
                duban.directory.appendingPathComponent("plans/policy.yaml").path,
                "--calendar", duban.directory.appendingPathComponent("plans/calendar").path,
            ]

            // The reference: one tick left alone.
            var reference = duban
            reference.db = duban.directory.appendingPathComponent("reference.sqlite").path
            try SchedulerCLI.copyStore(template, to: reference.db)
            let referenceStart = Date()
            let alone = try reference.run(arguments)
            let tickSeconds = Date().timeIntervalSince(referenceStart)
            try #require(alone.exitCode == 0, "\(alone)")
            let expected = try SchedulerCLI.Snapshot(path: reference.db)
            let total = expected.runs.count
            try #require(total > 80)

            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DUBAN_") }
            environment["DUBAN_NOW"] = duban.now
            environment["USER"] = "tester"
            let output = duban.directory.appendingPathComponent("killed.out").path

            var delays = SeededDelays(state: 0x6475_6261_6E2D_6B39)  // "duban-k9"
            var midway = 0
            var beforeAnyRun = 0
            var finished = 0
            for trial in 1...Self.trials {
                var store = duban
                store.db = try SchedulerCLI.scratchStore(in: duban.directory, "trial")
                try SchedulerCLI.copyStore(template, to: store.db)
                environment["DUBAN_DB"] = store.db
                let delay = delays.next() % (Self.maxDelayMilliseconds + 1)
                let child = try Child.spawn(arguments, environment: environment, output: output)
                usleep(useconds_t(delay * 1000))
                child.sigkill()
                let code = child.wait()

                let committed = try AppDatabase.open(StoreLocation.parse(store.db)).jobRuns().count
                if code == 0 {
                    finished += 1
                } else if committed == 0 {
                    beforeAnyRun += 1
                } else {
                    midway += 1
                }
                #expect(code == nil || code == 0, "trial \(trial): exit \(code ?? -1)")
                #expect(committed <= total)

                let resumed = try store.run(arguments)
                #expect(resumed.exitCode == 0, "trial \(trial) after \(delay) ms: \(resumed)")
                #expect(
                    SchedulerCLI.runLines(resumed.stdout).count == total - committed,
                    "trial \(trial): \(committed) runs committed before the kill")

                let counts = try SchedulerCLI.runCounts(path: store.db)
                #expect(counts.count == total, "trial \(trial)")
                #expect(counts.filter { $0.value != 1 }.isEmpty, "trial \(trial): \(counts.filter { $0.value != 1 })")
                let check = try SchedulerCLI.orphansAndDuplicates(path: store.db)
                #expect(check.orphans == 0, "trial \(trial)")
                #expect(check.duplicateKeys == [], "trial \(trial)")
                let snapshot = try SchedulerCLI.Snapshot(path: store.db)
                #expect(snapshot == expected, "trial \(trial) after \(delay) ms, \(committed) runs committed")
            }
            // Most kills must land inside the tick, or the test proves little.
            #expect(
                midway >= Self.trials / 4,
                "killed midway \(midway), before any run \(beforeAnyRun), after the end \(finished)")
            print(
                "KillTickTests (\((try? TestStore.engine)?.rawValue ?? "?")): \(Self.trials) trials, \(total) runs per tick (\(String(format: "%.2f", tickSeconds)) s alone); "
                    + "killed midway \(midway), before any run \(beforeAnyRun), after the end \(finished); "
                    + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s in all")
        }
    }
}
