/// Evaluates every task of a plan set as of a day: expected progress, lag, light, status,
/// blockage, forecast and slack, and rolls them up per department, measure and action.
///
/// Pure: the same plans, progress and day always give the same evaluation.
public struct Evaluator: Sendable {
    /// The light thresholds.
    public var policy: LightPolicy

    /// Makes an evaluator.
    public init(policy: LightPolicy = LightPolicy()) {
        self.policy = policy
    }

    /// Evaluates `graph`'s tasks as of `asOf` from `progress` (by task id).
    ///
    /// - Parameter planStart: the day tasks without a start begin.
    public func evaluate(
        _ graph: TaskGraph, planStart: Day, progress: [String: TaskProgress], asOf: Day
    ) throws(DependencyCycle) -> Evaluation {
        let planned = try graph.timings(
            planStart: planStart, finishes: [Day?](repeating: nil, count: graph.tasks.count))
        var partial: [Partial] = []
        partial.reserveCapacity(graph.tasks.count)
        var finishes = [Day?](repeating: nil, count: graph.tasks.count)
        let none = TaskProgress()
        for node in graph.tasks.indices {
            let item = measure(
                graph.tasks[node].schedule, start: planned[node].earliestStart,
                progress: progress[graph.tasks[node].id] ?? none, asOf: asOf)
            finishes[node] = item.finish
            partial.append(item)
        }
        let timings = try graph.timings(planStart: planStart, finishes: finishes)
        var tasks: [TaskEvaluation] = []
        tasks.reserveCapacity(graph.tasks.count)
        for node in graph.tasks.indices {
            let item = partial[node]
            var blockedBy: [String] = []
            if !item.done && asOf >= planned[node].earliestStart {
                for edge in graph.prerequisites[node] where !partial[edge.node].done {
                    blockedBy.append(graph.tasks[edge.node].id)
                }
            }
            let slack = timings[node].slackDays
            let status = status(
                of: item, blocked: !blockedBy.isEmpty, slack: slack, start: planned[node].earliestStart, asOf: asOf)
            tasks.append(
                TaskEvaluation(
                    id: graph.tasks[node].id, lead: graph.tasks[node].lead, kind: graph.tasks[node].kind, due: item.due,
                    expected: item.expected, reported: item.reported, lag: item.lag, light: light(of: item, asOf: asOf),
                    status: status, blockedBy: blockedBy, forecast: item.finish, slackDays: slack,
                    missedOccurrences: item.missed))
        }
        return Evaluation(asOf: asOf, tasks: tasks, graph: graph)
    }

    /// The measurable facts of one task before the graph is considered.
    struct Partial {
        var due: Day
        var expected: Double
        var reported: Double
        var lag: Double
        var done: Bool
        var overdue: Bool
        var finish: Day?
        var missed: [String]
    }

    func measure(_ schedule: Schedule, start: Day, progress: TaskProgress, asOf: Day) -> Partial {
        switch schedule {
        case .milestone(_, let deadline):
            let due = deadline.due
            let reported = min(100, max(0, progress.percent ?? 0))
            let done = reported >= 100
            return measured(
                due: due, start: start, reported: reported, done: done, doneOn: progress.doneOn ?? progress.reportedOn,
                reportedOn: progress.reportedOn, asOf: asOf)
        case .target(_, let deadline, let threshold):
            let due = deadline.due
            var reported = min(100, max(0, progress.percent ?? 0))
            var done = false
            if let value = progress.value {
                done = threshold.isMet(by: value)
                switch threshold.comparison {
                case .atLeast: reported = threshold.value > 0 ? min(100, max(0, value / threshold.value * 100)) : 100
                case .atMost: reported = done ? 100 : (value > 0 ? min(100, threshold.value / value * 100) : 0)
                }
                if done { reported = 100 }
            }
            return measured(
                due: due, start: start, reported: reported, done: done, doneOn: progress.doneOn ?? progress.reportedOn,
                reportedOn: progress.reportedOn, asOf: asOf)
        case .obligation(let obligation):
            let periods = obligation.every.periods(from: obligation.start, through: obligation.end)
            let ended = periods.filter { $0.upperBound < asOf }
            let missed = ended.map { obligation.every.key(of: $0) }.filter { !progress.occurrencesDone.contains($0) }
            let total = max(1, periods.count)
            let expected = Double(ended.count) / Double(total) * 100
            let reported = Double(ended.count - missed.count) / Double(total) * 100
            let current = periods.first { $0.contains(asOf) } ?? periods.last ?? (obligation.start...obligation.end)
            let done = ended.count == periods.count && missed.isEmpty
            return Partial(
                due: current.upperBound, expected: expected, reported: reported, lag: max(0, expected - reported),
                done: done, overdue: !missed.isEmpty, finish: done ? obligation.end : nil, missed: missed)
        }
    }

    /// The furthest a forecast reaches: a hundred years.
    static let forecastHorizonDays = 36_525.0

    private func measured(
        due: Day, start: Day, reported: Double, done: Bool, doneOn: Day?, reportedOn: Day?, asOf: Day
    ) -> Partial {
        let expected = Self.expected(start: start, due: due, asOf: asOf)
        var finish: Day?
        if done {
            finish = doneOn
        } else if reported > 0, let reportedOn, reportedOn >= start {
            // Linear forecast from the rate reported so far.
            let elapsed = Double(start.days(to: reportedOn) + 1)
            let total = (100 * elapsed / reported).rounded(.up)  // multiply first: on pace must forecast the due day
            // A pace so slow it would take past a century has no forecast (and 1e-300% must not overflow).
            if total.isFinite, total <= Self.forecastHorizonDays {
                finish = max(start.adding(days: Int(total) - 1), asOf)
            }
        } else if asOf > due {
            finish = asOf  // overdue with nothing reported: at best it finishes today
        }
        return Partial(
            due: due, expected: expected, reported: reported, lag: done ? 0 : max(0, expected - reported), done: done,
            overdue: !done && asOf > due, finish: finish, missed: [])
    }

    /// Linear expected progress from `start` to `due`, in percent.
    public static func expected(start: Day, due: Day, asOf: Day) -> Double {
        if asOf >= due { return 100 }
        if asOf < start { return 0 }
        let span = Double(start.days(to: due) + 1)
        // Multiply first: day k of a 100-day span must give exactly k, or an exact 10-point lag misses yellow.
        return min(100, Double((start.days(to: asOf) + 1) * 100) / span)
    }

    func light(of item: Partial, asOf: Day) -> Light {
        if item.done { return .green }
        if item.overdue || item.lag >= policy.redLag { return .red }
        if item.lag >= policy.yellowLag { return .yellow }
        if asOf.days(to: item.due) <= policy.blueWithinDays { return .blue }
        return .green
    }

    func status(of item: Partial, blocked: Bool, slack: Int, start: Day, asOf: Day) -> TaskStatus {
        if item.done { return .done }
        if blocked { return .blocked }
        if item.overdue { return .overdue }
        if item.lag >= policy.redLag { return .late }
        if item.lag >= policy.yellowLag || slack < 0 { return .atRisk }
        if asOf < start && item.reported == 0 { return .notStarted }
        return .onTrack
    }
}
