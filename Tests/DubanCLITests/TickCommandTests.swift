import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// What the scheduler's command-line tests share: stores loaded at a fixed moment, a view of a store's
/// scheduler tables to compare, and `duban` started without waiting for it.
enum SchedulerCLI {
    /// 2024-01-01T08:00:00+08:00: when the plans are loaded, so that catch-up covers the whole year.
    static let newYear = "2024-01-01T08:00:00+08:00"

    /// The package's `plans/calendar`.
    static let calendar = DubanProcess.packageRoot.appendingPathComponent("plans/calendar")

    /// The small plans (`Fixtures.writeSmallPlans`) with the shipped calendar, loaded at `now`.
    static func loadSmallPlans(_ duban: DubanProcess, at now: String = newYear) throws {
        try Fixtures.writeSmallPlans(in: duban.directory)
        try FileManager.default.copyItem(
            at: calendar, to: duban.directory.appendingPathComponent("plans/calendar"))
        try load(duban, at: now)
    }

    /// The shipped plans (with `calendar/` and `policy.yaml`), loaded at `now`.
    static func loadShippedPlans(_ duban: DubanProcess, at now: String = newYear) throws {
        try Fixtures.copyShippedPlans(into: duban.directory)
        try load(duban, at: now)
    }

    static func load(_ duban: DubanProcess, at now: String) throws {
        var loader = duban
        loader.now = now
        let result = try loader.run("plan", "load")
        try #require(result.exitCode == 0, "\(result)")
    }

    /// `duban` with its clock at `now`.
    static func at(_ now: String, _ duban: DubanProcess) -> DubanProcess {
        var copy = duban
        copy.now = now
        return copy
    }

    /// Starts `duban arguments…` the way `DubanProcess.run` does, output to files, without waiting.
    static func start(_ duban: DubanProcess, _ arguments: [String], output: URL) throws -> Process {
        let process = Process()
        process.executableURL = DubanProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = duban.directory
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DUBAN_") }
        environment["DUBAN_DB"] = duban.db
        environment["DUBAN_NOW"] = duban.now
        environment["USER"] = "tester"
        environment.merge(duban.environment) { _, new in new }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A new, empty store for a scheduler test on this run's engine: the file `name`.sqlite in
    /// `directory`, or a new PostgreSQL database.
    static func scratchStore(in directory: URL, _ name: String) throws -> String {
        switch try TestStore.engine {
        case .sqlite: directory.appendingPathComponent("\(name).sqlite").path
        case .postgres: try TestStore.newPostgresDatabase().description
        }
    }

    /// Copies the store at `source` (with its `-wal` and `-shm` files, if any) to `target`, replacing it;
    /// into a PostgreSQL `target` (which must be empty) through `AppDatabase.copy(to:)`.
    static func copyStore(_ source: String, to target: String) throws {
        if target.hasPrefix("postgres") {
            _ = try AppDatabase.open(StoreLocation.parse(source)).copy(
                to: AppDatabase.open(StoreLocation.parse(target)))
            return
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: target + suffix)
            if FileManager.default.fileExists(atPath: source + suffix) {
                try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
            }
        }
    }

    /// The run lines (`  2024-01-05 09:00 monthly-dispatch 2024-01: …`) a tick printed.
    static func runLines(_ output: String) -> [String] {
        output.components(separatedBy: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") }
    }

    /// Everything the scheduler wrote to the store at `path`, in row order, as text to compare.
    struct Snapshot: Equatable {
        var runs: [String]
        var steps: [String]
        var outbox: [String]
        var documents: [String]
        var lights: [String]
        var letters: [String]

        init(path: String) throws {
            let db = try AppDatabase.open(StoreLocation.parse(path))
            runs = try db.jobRuns().map {
                "\($0.id!) \($0.job) \($0.period) \($0.dueAt) \($0.asOf) \($0.summary)"
            }
            steps = try db.escalations().map {
                "\($0.id!) \($0.kind) \($0.task) \($0.department) \($0.rung) \($0.date) \($0.state) \($0.rule)"
            }
            outbox = try db.outbox().map { "\($0.id!) \($0.runId ?? 0) \($0.idempotencyKey) \($0.subject)\n\($0.body)" }
            documents = try db.documents().map { "\($0.id!) \($0.runId) \($0.kind) \($0.period) \($0.content)" }
            letters = try db.letters().map {
                "\($0.number) \($0.stepId) \($0.departmentId) \($0.taskId) \($0.issued)\n\($0.content)"
            }
            lights = try db.read { db in
                try db.rows("SELECT runId, taskId, light, status FROM taskLight ORDER BY runId, taskId").map {
                    $0.values.map { "\($0)" }.joined(separator: " ")
                }
            }
        }
    }

    /// (job, period) pairs in the store at `path`, and how often each occurs.
    static func runCounts(path: String) throws -> [String: Int] {
        let runs = try AppDatabase.open(StoreLocation.parse(path)).jobRuns()
        return Dictionary(runs.map { ("\($0.job)/\($0.period)", 1) }, uniquingKeysWith: +)
    }

    /// Rows of `outbox`, `escalationStep`, `document` and `taskLight` that name a run not in `jobRun`,
    /// and outbox keys that occur more than once.
    static func orphansAndDuplicates(path: String) throws -> (orphans: Int, duplicateKeys: [String]) {
        try AppDatabase.open(StoreLocation.parse(path)).read { db in
            var orphans = 0
            for table in ["outbox", "escalationStep", "document", "taskLight"] {
                orphans +=
                    try db.value(
                        Int.self,
                        "SELECT COUNT(*) FROM \(table) WHERE runId IS NOT NULL AND runId NOT IN (SELECT id FROM jobRun)"
                    ) ?? 0
            }
            let duplicates = try db.values(
                String.self, "SELECT idempotencyKey FROM outbox GROUP BY idempotencyKey HAVING COUNT(*) > 1")
            return (orphans, duplicates)
        }
    }
}

/// `duban tick`: what it prints for each run, exit codes, and refusals that change nothing.
@Suite struct TickCommandTests {
    static let january = """
        ran 9 job runs:
          2024-01-02 09:00 daily-reminders 2024-01-02: 0 reminders to 0 departments
          2024-01-03 09:00 daily-reminders 2024-01-03: 0 reminders to 0 departments
          2024-01-04 09:00 daily-reminders 2024-01-04: 0 reminders to 0 departments
          2024-01-05 09:00 daily-reminders 2024-01-05: 0 reminders to 0 departments
          2024-01-05 09:00 monthly-dispatch 2024-01: 0 red, 0 yellow; 0 steps, 0 awaiting approval
          2024-01-08 09:00 daily-reminders 2024-01-08: 0 reminders to 0 departments
          2024-01-08 09:00 quarterly-agenda 2023Q4: agenda for 2024-01-15: 1 attendees, 0 slow items, 0 blockages, 0 decisions
          2024-01-09 09:00 daily-reminders 2024-01-09: 0 reminders to 0 departments
          2024-01-10 09:00 daily-reminders 2024-01-10: 0 reminders to 0 departments

        """

    @Test func tickAsOfPrintsEveryRunInOrder() throws {
        try withDuban { duban in
            try SchedulerCLI.loadSmallPlans(duban)
            let result = try duban.run("tick", "--as-of", "2024-01-10")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")
            #expect(result.stdout == Self.january)

            let again = try duban.run("tick", "--as-of", "2024-01-10")
            #expect(again.exitCode == 0)
            #expect(again.stdout == "nothing due: every job is up to date\n")
            #expect(again.stderr == "")
        }
    }

    /// A time typed without an offset is the office's: Asia/Shanghai, 08:59 there is before the
    /// 09:00 dispatch whatever the machine's zone; an impossible time is refused and runs nothing.
    @Test func aTimeWithoutAnOffsetIsReadInShanghai() throws {
        try withDuban { duban in
            var duban = duban
            duban.environment["TZ"] = "America/New_York"
            try SchedulerCLI.loadSmallPlans(duban)
            try #require(try duban.run("tick", "--as-of", "2024-02-04").exitCode == 0)
            for impossible in ["2024-02-30T09:00", "2024-02-05T24:30", "2024-02-05T09:61:00"] {
                let refused = try duban.run("tick", "--as-of", impossible)
                #expect(refused.exitCode == 2, "\(impossible): \(refused)")
                #expect(refused.stderr.contains("is not a real time"), "\(refused.stderr)")
            }
            let early = try duban.run("tick", "--as-of", "2024-02-05T08:59:00")
            #expect(early.stdout == "nothing due: every job is up to date\n", "\(early)")
            let result = try duban.run("tick", "--as-of", "2024-02-05 09:00")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("monthly-dispatch 2024-02"), "\(result.stdout)")
            let evaluate = try duban.run("evaluate", "--as-of", "2024-02-05T23:30")
            #expect(evaluate.stdout.hasPrefix("as of 2024-02-05\n"), "\(evaluate.stdout.prefix(80))")
        }
    }

    @Test func dispatchLinesListTheLadderSteps() throws {
        try withDuban { duban in
            try SchedulerCLI.loadSmallPlans(duban)
            try #require(try duban.run("tick", "--as-of", "2024-02-04").exitCode == 0)
            // An ISO time: the dispatch at 09:00 on the 5th is due at 09:00 exactly.
            let early = try duban.run("tick", "--as-of", "2024-02-05T08:59:00+08:00")
            #expect(early.stdout == "nothing due: every job is up to date\n")
            let result = try duban.run("tick", "--as-of", "2024-02-05T09:00:00+08:00")
            #expect(result.exitCode == 0, "\(result)")
            #expect(
                result.stdout == """
                    ran 2 job runs:
                      2024-02-05 09:00 daily-reminders 2024-02-05: 0 reminders to 0 departments
                      2024-02-05 09:00 monthly-dispatch 2024-02: 1 red, 1 yellow; 2 steps, 0 awaiting approval
                        督促提醒 → emergency on t-census [approved, yellow-reminder]
                        督促提醒 → office on t-monthly [approved, red-first]

                    """)

            let later = try duban.run("tick", "--as-of", "2024-05-06")
            #expect(later.exitCode == 0)
            #expect(later.stdout.hasPrefix("ran 62 job runs:\n"), "\(later.stdout)")
            #expect(
                later.stdout.contains(
                    """
                      2024-05-06 09:00 monthly-dispatch 2024-05: 2 red, 0 yellow; 2 steps, 1 awaiting approval
                        通报 → emergency on t-census [approved, red-climb]
                        约谈 → office on t-monthly [proposed, red-climb]

                    """))
        }
    }

    @Test func tickWithoutAsOfRunsUpToTheClock() throws {
        try withDuban { duban in
            try SchedulerCLI.loadSmallPlans(duban)
            let result = try SchedulerCLI.at("2024-01-05T09:30:00+08:00", duban).run("tick")
            #expect(result.exitCode == 0, "\(result)")
            #expect(
                result.stdout == """
                    ran 5 job runs:
                      2024-01-02 09:00 daily-reminders 2024-01-02: 0 reminders to 0 departments
                      2024-01-03 09:00 daily-reminders 2024-01-03: 0 reminders to 0 departments
                      2024-01-04 09:00 daily-reminders 2024-01-04: 0 reminders to 0 departments
                      2024-01-05 09:00 daily-reminders 2024-01-05: 0 reminders to 0 departments
                      2024-01-05 09:00 monthly-dispatch 2024-01: 0 red, 0 yellow; 0 steps, 0 awaiting approval

                    """)
        }
    }

    @Test func sinceCatchesUpFromBeforeTheFirstLoad() throws {
        try withDuban { duban in
            // Loaded on 2024-06-15 (a Saturday): without --since nothing before the load is owed.
            try SchedulerCLI.loadSmallPlans(duban, at: duban.now)
            let plain = try duban.run("tick", "--as-of", "2024-06-17")
            #expect(
                plain.stdout == """
                    ran 1 job run:
                      2024-06-17 09:00 daily-reminders 2024-06-17: 0 reminders to 0 departments

                    """)
            let since = try duban.run("tick", "--since", "2024-06-01", "--as-of", "2024-06-17")
            #expect(since.exitCode == 0, "\(since)")
            let lines = since.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  2024") }
            #expect(since.stdout.hasPrefix("ran \(lines.count) job runs:\n"))
            #expect(lines.first == "  2024-06-03 09:00 daily-reminders 2024-06-03: 0 reminders to 0 departments")
            #expect(lines.contains { $0.hasPrefix("  2024-06-05 09:00 monthly-dispatch 2024-06: ") })
            #expect(!lines.contains { $0.contains(" 2024-06-17:") }, "2024-06-17 already ran")
            #expect(!lines.contains { $0.contains("06-10") }, "端午节 2024-06-10 is a holiday")
        }
    }

    @Test func tickWithNoStoreExitsTwoAndCreatesNone() throws {
        try withDuban { duban in
            try FileManager.default.createDirectory(
                at: duban.directory.appendingPathComponent("plans"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: SchedulerCLI.calendar, to: duban.directory.appendingPathComponent("plans/calendar"))
            let result = try duban.run("tick")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr
                    == "error: no store at \(duban.db); load a plan first with `duban plan load` (or `make run`), or pass --db\n"
            )
            #expect(!duban.storeExists)
        }
    }

    @Test func tickOnAStoreWithNoPlanExitsTwo() throws {
        try withDuban { duban in
            try FileManager.default.createDirectory(
                at: duban.directory.appendingPathComponent("plans"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: SchedulerCLI.calendar, to: duban.directory.appendingPathComponent("plans/calendar"))
            _ = try AppDatabase.open(path: duban.db)
            let result = try duban.run("tick", "--as-of", "2024-06-30")
            #expect(result.exitCode == 2)
            #expect(result.stderr == "error: no plan is loaded; run `duban plan load` first\n")
            #expect(try AppDatabase.open(path: duban.db).jobRuns().isEmpty)
        }
    }

    @Test(arguments: [
        (
            ["tick", "--as-of", "2024-02-30"],
            "error: --as-of “2024-02-30” is not a date or time; write 2025-06-30 (the whole day), 2025-06-30T09:00 "
                + "(Asia/Shanghai) or 2025-06-30T09:00:00+08:00\n"
        ),
        (
            ["tick", "--since", "yesterday", "--as-of", "2024-06-30"],
            "error: --since “yesterday” is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30\n"
        ),
    ])
    func badTimesExitTwoAndChangeNothing(arguments: [String], message: String) throws {
        try withDuban { duban in
            try SchedulerCLI.loadSmallPlans(duban)
            let before = try #require(duban.storeBytes())
            let result = try duban.run(arguments)
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == message)
            #expect(duban.storeBytes() == before)
        }
    }

    @Test func aMissingCalendarExitsTwo() throws {
        try withDuban { duban in
            try SchedulerCLI.loadSmallPlans(duban)
            let result = try duban.run("tick", "--as-of", "2024-06-30", "--calendar", "nowhere")
            #expect(result.exitCode == 2)
            #expect(
                result.stderr == """
                    error: nowhere: no such calendar folder; run duban from the project folder (calendars live in \
                    plans/calendar), or name the folder with --calendar; each year is a file such as plans/calendar/2025.yaml
                    1 error; nothing was changed

                    """, "\(result)")
            #expect(try AppDatabase.open(path: duban.db).jobRuns().isEmpty)
        }
    }
}
