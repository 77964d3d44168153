/// The monthly ranking of departments and subdistricts (晾晒, 量化排名): a score out of 100 from
/// on-time completion, lag, overdue tasks and escalations received, and each one's place.
///
/// The score, for the tasks a department leads, as of the evaluated day:
/// - `onTimeWeight` × on-time rate: tasks done by their due day (their `forecast`, the day they
///   were done, on or before `due`) ÷ tasks done or overdue (1 when there are none yet);
/// - `progressWeight` × (1 − average lag ÷ 100), the lag of each task taken as at least 0;
/// - `disciplineWeight` − `overduePenalty` × overdue tasks − `escalationPenalty` × escalation
///   steps received this year (at least 0).
///
/// Places go by score, then fewer overdue, then fewer escalations, then the registry's order; equal
/// scores share nothing, so every place is distinct. The plan's office is not ranked.
public struct DepartmentRanking: Hashable, Sendable {
    /// The weights, every one a policy setting (`ranking:` in `plans/policy.yaml`).
    public struct Weights: Hashable, Sendable, Codable {
        public var onTime: Double
        public var progress: Double
        public var discipline: Double
        public var overduePenalty: Double
        public var escalationPenalty: Double

        /// The defaults: 40 for on-time completion, 40 for progress, 20 for discipline, less 4 per
        /// overdue task and 2 per escalation step.
        public init(
            onTime: Double = 40, progress: Double = 40, discipline: Double = 20, overduePenalty: Double = 4,
            escalationPenalty: Double = 2
        ) {
            self.onTime = onTime
            self.progress = progress
            self.discipline = discipline
            self.overduePenalty = overduePenalty
            self.escalationPenalty = escalationPenalty
        }
    }

    /// One department's place.
    public struct Standing: Hashable, Sendable, Codable {
        public var rank: Int
        public var department: String
        public var name: String
        public var score: Double
        public var tasks: Int
        /// Percent of done-or-overdue tasks that were done by their due day.
        public var onTimeRate: Double
        /// Average lag in percentage points.
        public var averageLag: Double
        public var overdue: Int
        /// Escalation steps received this year up to the evaluated day.
        public var escalations: Int
        /// Last month's place, absent when it was not ranked.
        public var previousRank: Int?

        /// Places gained since last month (negative: lost), absent when it was not ranked.
        public var change: Int? { previousRank.map { $0 - rank } }
    }

    public var weights: Weights
    public var standings: [Standing]

    /// Ranks the departments of `registry` that lead at least one task.
    ///
    /// - Parameters:
    ///   - escalations: escalation steps received this year, by department.
    ///   - previousRanks: last month's places, by department.
    ///   - office: the plan's office, which is not ranked.
    public init(
        evaluation: Evaluation, registry: [Department], escalations: [String: Int], previousRanks: [String: Int],
        office: String?, weights: Weights = Weights()
    ) {
        self.weights = weights
        // Counted in one pass, by department: grouping a million evaluations by lead copied each.
        var slots: [String: Int] = [:]
        var tallies: [Tally] = []
        for task in evaluation.tasks {
            let slot: Int
            if let known = slots[task.lead] {
                slot = known
            } else {
                slot = tallies.count
                slots[task.lead] = slot
                tallies.append(Tally())
            }
            tallies[slot].add(task)
        }
        let order = Dictionary(registry.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var standings: [Standing] = []
        for department in registry where department.id != office {
            guard let slot = slots[department.id] else { continue }
            let tally = tallies[slot]
            let decided = tally.done + tally.overdue
            let onTimeRate = decided == 0 ? 1 : Double(tally.onTime) / Double(decided)
            let averageLag = tally.lagSum / Double(tally.tasks)
            let received = escalations[department.id] ?? 0
            let discipline = max(
                0,
                weights.discipline - weights.overduePenalty * Double(tally.overdue) - weights.escalationPenalty
                    * Double(received))
            let score =
                weights.onTime * onTimeRate + weights.progress * (1 - min(100, averageLag) / 100) + discipline
            standings.append(
                Standing(
                    rank: 0, department: department.id, name: department.name, score: TaskEvaluation.rounded(score),
                    tasks: tally.tasks, onTimeRate: TaskEvaluation.rounded(onTimeRate * 100),
                    averageLag: TaskEvaluation.rounded(averageLag), overdue: tally.overdue, escalations: received,
                    previousRank: previousRanks[department.id]))
        }
        standings.sort {
            ($1.score, $0.overdue, $0.escalations, order[$0.department] ?? 0)
                < ($0.score, $1.overdue, $1.escalations, order[$1.department] ?? 0)
        }
        for index in standings.indices { standings[index].rank = index + 1 }
        self.standings = standings
    }

    /// One department's counts, added up in the evaluation's order.
    private struct Tally {
        var tasks = 0
        var done = 0
        var onTime = 0
        var overdue = 0
        /// Lags as published (one decimal), so the score can be recomputed from `duban evaluate --json`.
        var lagSum = 0.0

        mutating func add(_ task: TaskEvaluation) {
            tasks += 1
            if task.status == .done {
                done += 1
                if (task.forecast ?? task.due) <= task.due { onTime += 1 }
            }
            if task.status == .overdue { overdue += 1 }
            lagSum += max(0, TaskEvaluation.rounded(task.lag))
        }
    }
}
