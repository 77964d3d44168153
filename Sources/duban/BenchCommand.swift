import ArgumentParser
import DubanCore
import DubanStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `duban bench`: measures evaluation and a monthly dispatch on synthetic plans.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure evaluation and one monthly dispatch on a synthetic plan (figures for BENCHMARKS.md).")

    enum Subject: String, ExpressibleByArgument, CaseIterable {
        case evaluate, dispatch, deliver, draft
    }

    @Argument(
        help:
            "evaluate (pure, in memory, seeded progress), dispatch (load into a scratch store with no progress, then one monthly dispatch: the worst case, nearly every task red), deliver, or draft (import document on one line of --tasks dated clauses, and on a quarter of them)."
    )
    var subject: Subject

    @Option(help: "How many tasks.")
    var tasks: Int = 100_000

    @Option(help: "How many timed runs (evaluate); the median is reported.")
    var runs: Int = 5

    @Option(help: "The seed of the synthetic plan and its progress.")
    var seed: UInt64 = 1

    @Option(help: "The day to evaluate as of.")
    var asOf: String = "2025-06-05"

    @Option(help: "deliver: the receiver's URL (a local generic webhook, e.g. Tests/receiver/fake_robots.py).")
    var url: String?

    @Option(help: "deliver: requests in flight at once.")
    var concurrency: Int = 16

    @Option(help: "deliver: dispatchers draining one outbox at once, each with its own connections, as instances do.")
    var dispatchers: Int = 1

    @Option(help: "deliver: the departments the --tasks notices go to, dept-01 and on, in turn.")
    var departments: Int = 1

    @Flag(
        help:
            "deliver: one digest per department listing its notices as facts, built as the daily reminders job builds them, instead of one message per notice."
    )
    var grouped = false

    @Option(
        help: ArgumentHelp(
            "dispatch, deliver: an empty store to measure on: an SQLite path or postgres://… (default: a scratch SQLite file).",
            discussion: "It must hold no rows; the benchmark fills it."))
    var db: String?

    @Option(help: "dispatch: listed hazards to add to the store before the dispatch (a province's ledger: 1000000).")
    var hazards: Int = 0

    func validate() throws {
        guard tasks >= 1, tasks <= 10_000_000 else { throw ValidationError("--tasks must be between 1 and 10000000") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard (0...10_000_000).contains(hazards) else {
            throw ValidationError("--hazards must be between 0 and 10000000")
        }
        guard (1...16).contains(dispatchers) else { throw ValidationError("--dispatchers must be between 1 and 16") }
        guard (1...tasks).contains(departments) else {
            throw ValidationError("--departments must be between 1 and --tasks")
        }
    }

    func run() async throws {
        if subject == .deliver {
            try await deliver()
            return
        }
        if subject == .draft {
            try draft()
            return
        }
        let day = try parseDay(asOf, option: "--as-of")
        let set = PlanGenerator(taskCount: tasks, seed: seed).generate()
        let progress = Self.progress(for: set.tasks, seed: seed, before: day)
        let generated = Self.peakMiB()  // the synthetic plan and its progress, before anything is measured
        switch subject {
        case .evaluate:
            let graph = TaskGraph(tasks: set.tasks)
            var times: [Double] = []
            var red = 0
            for _ in 0..<runs {
                let start = Date()
                let evaluation = try Evaluator().evaluate(graph, planStart: set.start!, progress: progress, asOf: day)
                times.append(Date().timeIntervalSince(start))
                red = evaluation.tasks.count { $0.light == .red }
            }
            print(
                "evaluate \(tasks) tasks as of \(day): median \(Self.format(Self.median(times))) s over \(runs) runs "
                    + "(min \(Self.format(times.min()!)), max \(Self.format(times.max()!))); \(red) red; "
                    + "peak RSS \(Self.peakMiB()) MiB, \(generated) MiB of it the generated plan and progress")
        case .dispatch:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "duban-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try scratchStore(in: folder)
            var start = Date()
            _ = try database.load(set, files: [], now: Date(), actor: "bench")
            let loaded = Date().timeIntervalSince(start)
            let seeded =
                hazards == 0
                ? 0 : try Self.seedHazards(hazards, into: database, departments: set.departments, seed: seed, day: day)
            start = Date()
            let run = DueRun(
                job: .monthlyDispatch, period: String(day.description.prefix(7)), at: LocalTime(day: day, minute: 540))
            let outcome = try database.run(
                run, context: SchedulerContext(policy: Policy(), calendar: WorkCalendar()), ranAt: Date())
            let dispatched = Date().timeIntervalSince(start)
            print(
                "dispatch \(tasks) tasks" + (hazards == 0 ? "" : " and \(hazards) listed hazards")
                    + " on \(day) (\(database.location.engine)): load \(Self.format(loaded)) s"
                    + (hazards == 0 ? "" : ", hazards stored \(Self.format(seeded)) s")
                    + ", one monthly dispatch \(Self.format(dispatched)) s "
                    + "(\(outcome?.summary ?? "-")); peak RSS \(Self.peakMiB()) MiB")
        case .deliver, .draft:
            break  // handled above
        }
    }

    /// The store to measure on: `--db` (which must be empty), else a new SQLite file in `folder`.
    func scratchStore(in folder: URL, pooled: Bool = false) throws -> AppDatabase {
        guard let db else { return try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path) }
        let database = try AppDatabase.open(try StoreLocation.parse(db), pooled: pooled)
        let info = try database.info()
        guard info.tables.allSatisfy({ $0.rows == 0 }) else {
            throw InputError(
                "--db \(database.location.description) holds data; give an empty store, the benchmark fills it")
        }
        return database
    }

    /// Seeded synthetic progress: about half the milestones reported at some percent before `day`.
    static func progress(for tasks: [PlanTask], seed: UInt64, before day: Day) -> [String: TaskProgress] {
        var random = SeededRandom(seed: seed &+ 17)
        var progress: [String: TaskProgress] = [:]
        progress.reserveCapacity(tasks.count / 2)
        for task in tasks where random.next() % 2 == 0 {
            progress[task.id] = TaskProgress(
                percent: Double(random.next() % 101), reportedOn: day.adding(days: -Int(random.next() % 60)))
        }
        return progress
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
    }

    /// Peak resident memory of this process so far, in MiB.
    static func peakMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
