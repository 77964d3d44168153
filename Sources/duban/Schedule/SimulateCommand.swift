import ArgumentParser
import DubanCore
import DubanPlans
import DubanStore
import Foundation

/// `duban simulate`: the scheduler's own code over a span of days, on a scratch store.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay the jobs day by day over a span on a scratch copy; print each month's lights and steps.",
        discussion: """
            The scratch store starts from the plans (PATH, default plans) and the progress in --progress; \
            the real store is not touched.
            """)

    @Option(help: "The first day, YYYY-MM-DD.")
    var from: String

    @Option(help: "The last day, YYYY-MM-DD.")
    var to: String

    @Option(help: "A progress sheet (CSV) to import into the scratch store first.")
    var progress: String?

    @Option(help: "A dated hazard-ledger history (CSV, see plans/demo/hazards.csv) replayed day by day.")
    var hazards: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var plans: PlanPaths
    @OptionGroup var scheduler: SchedulerOptions

    func run() throws {
        let first = try parseDay(from, option: "--from")
        let last = try parseDay(to, option: "--to")
        guard first <= last else { throw InputError("--from \(first) is after --to \(last)") }
        let context = try scheduler.context()
        let entries = try progress.map { try ProgressSheet.read(path: $0) } ?? []
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "duban-simulate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = StoreOptions(path: folder.appendingPathComponent("scratch.sqlite").path)
        _ = try PlanLoad.load(paths: plans.resolved, store: scratch)
        let database = try scratch.open()
        let clock = try CommandClock.now()
        if !entries.isEmpty { try database.record(entries, now: clock, actor: "simulate") }
        // Hazard events happen on their day before that day's jobs: tick up to the eve, apply, go on.
        let events = try hazards.map { try HazardEvent.read(path: $0) } ?? []
        var outcomes: [JobOutcome] = []
        var since = LocalTime(day: first.adding(days: -1), minute: 23 * 60 + 59)
        for (day, group) in Dictionary(grouping: events, by: \.date).sorted(by: { $0.key < $1.key }) {
            let eve = LocalTime(day: min(day, last.adding(days: 1)).adding(days: -1), minute: 23 * 60 + 59)
            if since < eve {
                outcomes += try database.tick(since: since, now: eve, context: context, ranAt: clock)
                since = eve
            }
            for event in group.sorted(by: { $0.row < $1.row }) where day <= last {
                try event.apply(to: database, policy: context.policy)
            }
        }
        outcomes += try database.tick(
            since: since, now: LocalTime(day: last, minute: 23 * 60 + 59), context: context, ranAt: clock)
        let story = try SimulationStory(outcomes: outcomes, documents: database.documents(kind: "bulletin"))
        if json {
            try JSONOutput.print(story)
        } else {
            print(story.rendered)
        }
    }
}

/// What a simulation shows, month by month.
struct SimulationStory: Encodable {
    struct Month: Encodable {
        var month: String
        var dispatch: Day?
        var reminders: Int
        var departments: [MonthlyBulletin.DepartmentLine]
        /// The hazard ledger at the dispatch, and the goals computed from it.
        var hazards: HazardStatistics.Row?
        var goals: [MonthlyBulletin.HazardSection.Goal]
        var steps: [Step]
    }

    struct Step: Encodable {
        var task: String
        var department: String
        var rung: String
        var state: String
        var rule: String
        var reason: String
    }

    var months: [Month]

    init(outcomes: [JobOutcome], documents: [DocumentRecord]) throws {
        var months: [String: Month] = [:]
        for outcome in outcomes {
            let key = String(outcome.run.at.day.description.prefix(7))
            var month =
                months[key]
                ?? Month(
                    month: key, dispatch: nil, reminders: 0, departments: [], hazards: nil, goals: [], steps: [])
            switch outcome.run.job {
            case .dailyReminders:
                month.reminders += Int(outcome.summary.split(separator: " ").first ?? "0") ?? 0
            case .monthlyDispatch:
                month.dispatch = outcome.run.at.day
                if let document = documents.first(where: { $0.runId == outcome.runId }) {
                    let bulletin = try JSONDecoder().decode(BulletinDepartments.self, from: Data(document.content.utf8))
                    month.departments = bulletin.departments.filter { $0.red + $0.yellow > 0 }
                    month.hazards = bulletin.hazards?.statistics.total
                    month.goals = bulletin.hazards?.goals ?? []
                }
                month.steps += outcome.steps.filter { $0.kind == .rung }.map {
                    Step(
                        task: $0.task, department: $0.department, rung: $0.rung.chinese, state: $0.state.rawValue,
                        rule: $0.rule.rawValue, reason: $0.reason)
                }
            case .quarterlyAgenda, .yearlyReview:
                break
            }
            months[key] = month
        }
        self.months = months.values.sorted { $0.month < $1.month }
    }

    var rendered: String {
        var lines: [String] = []
        for month in months {
            lines.append(
                "\(month.month)" + (month.dispatch.map { " — 月调度 \($0)" } ?? "") + ", \(month.reminders) reminders")
            for line in month.departments {
                lines.append(
                    "  \(line.name) (\(line.department)): \(line.red) red, \(line.yellow) yellow, \(line.overdue) overdue"
                )
            }
            if let ledger = month.hazards, ledger.found > 0 {
                lines.append(
                    "  hazards: \(ledger.found) found, \(ledger.listed) listed, \(ledger.closed) closed, "
                        + "\(ledger.overdue) overdue; goals: "
                        + month.goals.map {
                            "\($0.task) \((($0.percent * 10).rounded() / 10).plainText)%\($0.met ? " met" : "")"
                        }
                        .joined(separator: ", "))
            }
            for step in month.steps {
                lines.append("  \(step.rung) → \(step.department) on \(step.task) [\(step.state), \(step.rule)]")
            }
        }
        return lines.joined(separator: "\n")
    }

    private struct BulletinDepartments: Decodable {
        var departments: [MonthlyBulletin.DepartmentLine]
        var hazards: MonthlyBulletin.HazardSection?
    }
}
