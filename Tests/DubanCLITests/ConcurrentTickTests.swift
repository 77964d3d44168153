import Foundation
import Testing

@testable import DubanStore

/// Two `duban tick` processes on one store at once: every (job, period) runs exactly once, and the
/// store ends exactly as one uninterrupted tick on SQLite leaves it. With DUBAN_TEST_ENGINE=postgres
/// the two share one PostgreSQL database: two instances on one database.
@Suite struct ConcurrentTickTests {
    static let arguments = ["tick", "--as-of", "2024-06-30"]

    @Test func twoTicksAtOnceRunEveryPeriodOnce() throws {
        try withDuban { duban in
            let started = Date()
            try SchedulerCLI.loadShippedPlans(duban)
            let template = duban.directory.appendingPathComponent("template.sqlite").path
            try SchedulerCLI.copyStore(duban.db, to: template)

            var reference = duban
            reference.db = duban.directory.appendingPathComponent("reference.sqlite").path
            try SchedulerCLI.copyStore(template, to: reference.db)
            let alone = try reference.run(Self.arguments)
            try #require(alone.exitCode == 0, "\(alone)")
            let expected = try SchedulerCLI.Snapshot(path: reference.db)
            let expectedLines = SchedulerCLI.runLines(alone.stdout)
            try #require(expected.runs.count == expectedLines.count)
            try #require(expected.runs.count > 100)

            for round in 1...3 {
                var shared = duban
                shared.db = try SchedulerCLI.scratchStore(in: duban.directory, "round-\(round)")
                try SchedulerCLI.copyStore(template, to: shared.db)
                let outputs = (1...2).map { duban.directory.appendingPathComponent("round-\(round)-\($0).out") }
                // Started together, then the second a little behind the first.
                let first = try SchedulerCLI.start(shared, Self.arguments, output: outputs[0])
                usleep(useconds_t([0, 150_000, 400_000][round - 1]))
                let processes = [first, try SchedulerCLI.start(shared, Self.arguments, output: outputs[1])]
                for process in processes { process.waitUntilExit() }

                #expect(processes.map(\.terminationStatus) == [0, 0], "round \(round)")
                let printed = try outputs.map { SchedulerCLI.runLines(try String(contentsOf: $0, encoding: .utf8)) }
                // Each run was reported by exactly one of the two processes.
                #expect((printed[0] + printed[1]).sorted() == expectedLines.sorted(), "round \(round)")
                #expect(Set(printed[0]).isDisjoint(with: printed[1]), "round \(round)")

                let counts = try SchedulerCLI.runCounts(path: shared.db)
                #expect(counts.count == expectedLines.count, "round \(round)")
                #expect(counts.filter { $0.value != 1 }.isEmpty, "round \(round): \(counts.filter { $0.value != 1 })")
                let check = try SchedulerCLI.orphansAndDuplicates(path: shared.db)
                #expect(check.orphans == 0, "round \(round)")
                #expect(check.duplicateKeys == [], "round \(round)")
                // Runs still happened in order of due time, so every decision is the one a lone tick makes.
                let snapshot = try SchedulerCLI.Snapshot(path: shared.db)
                #expect(snapshot == expected, "round \(round)")
                print("round \(round): \(printed[0].count) + \(printed[1].count) runs")
            }
            print("ConcurrentTickTests: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }
}
