/// The content of a monthly bulletin (月通报): where the plan stands, each department's standing,
/// the red and yellow items, the month's escalation steps and the deadlines ahead.
///
/// Rendering (Markdown, HTML, docx) is done elsewhere; this is what the office circulates.
public struct MonthlyBulletin: Hashable, Sendable, Codable {
    /// One department's line in the bulletin.
    public struct DepartmentLine: Hashable, Sendable, Codable {
        public var department: String
        public var name: String
        public var tasks: Int
        public var expected: Double
        public var reported: Double
        public var red: Int
        public var yellow: Int
        public var overdue: Int
        public var done: Int
    }

    /// One red or yellow task.
    public struct Item: Hashable, Sendable, Codable {
        public var task: String
        public var title: String
        public var lead: String
        public var light: Light
        public var status: TaskStatus
        public var due: Day
        public var expected: Double
        public var reported: Double
    }

    /// One escalation step taken this month.
    public struct StepLine: Hashable, Sendable, Codable {
        public var task: String
        public var department: String
        public var rung: String
        public var state: StepState
        public var rule: EscalationRule
    }

    /// One action's progress against what should be done by now.
    public struct ActionLine: Hashable, Sendable, Codable {
        public var action: String
        public var title: String
        public var tasks: Int
        public var expected: Double
        public var reported: Double
        public var red: Int
        public var yellow: Int
    }

    /// The hazard ledger's part: the goals it computes, its counts and the slow listed hazards.
    public struct HazardSection: Hashable, Sendable, Codable {
        /// One goal computed from the ledger.
        public struct Goal: Hashable, Sendable, Codable {
            public var task: String
            public var title: String
            public var percent: Double
            public var met: Bool
            public var explanation: String
        }

        public var goals: [Goal]
        /// Counts by subdistrict and sector, with the total.
        public var statistics: HazardStatistics
        /// Red and yellow listed hazards, red first.
        public var items: [Item]
        /// The sectors' names by id, for the statistics.
        public var sectorNames: [String: String]

        /// The section from the goals the evaluation computed, the ledger's counts and the listed
        /// hazards' evaluation.
        public init(
            evaluation: Evaluation, statistics: HazardStatistics, hazards: Evaluation,
            sectorNames: [String: String] = [:]
        ) {
            goals = evaluation.computed.values.sorted { $0.task < $1.task }.map { goal in
                Goal(
                    task: goal.task,
                    title: evaluation.graph.index[goal.task].map { evaluation.graph.tasks[$0].title } ?? goal.task,
                    percent: TaskEvaluation.rounded(goal.percent), met: goal.met, explanation: goal.explanation)
            }
            self.statistics = statistics
            items = MonthlyBulletin.slowItems(hazards)
            self.sectorNames = sectorNames
        }

        enum CodingKeys: String, CodingKey {
            case goals, statistics, items, sectorNames
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            goals = try container.decode([Goal].self, forKey: .goals)
            statistics = try container.decode(HazardStatistics.self, forKey: .statistics)
            items = try container.decode([Item].self, forKey: .items)
            sectorNames = try container.decodeIfPresent([String: String].self, forKey: .sectorNames) ?? [:]
        }
    }

    /// The month, `YYYY-MM`.
    public var month: String
    /// The day evaluated.
    public var asOf: Day
    /// Average expected and reported percent over all tasks.
    public var expected: Double
    public var reported: Double
    /// Per action, in the plan's order.
    public var actions: [ActionLine]
    /// Per department and subdistrict, in the registry's order.
    public var departments: [DepartmentLine]
    /// Departments and subdistricts by place (晾晒), with last month's place.
    public var ranking: [DepartmentRanking.Standing]
    /// The weights the ranking was scored with.
    public var weights: DepartmentRanking.Weights?
    /// Red items first, then yellow, by due day.
    public var items: [Item]
    /// Steps decided at this dispatch.
    public var steps: [StepLine]
    /// Milestones and targets due in the next month.
    public var upcoming: [Item]
    /// The hazard ledger's part, when the office keeps one or a goal is computed from it.
    public var hazards: HazardSection?

    /// Composes the bulletin from the dispatch's evaluation and steps.
    ///
    /// - Parameters:
    ///   - actions: the plans' actions, for the per-action lines.
    ///   - ranking: the month's ranking; none for the yearly review.
    public init(
        month: String, evaluation: Evaluation, registry: [Department], actions: [Action] = [],
        ranking: DepartmentRanking? = nil, steps: [EscalationStep], hazards: HazardSection? = nil
    ) {
        self.month = month
        asOf = evaluation.asOf
        let total = max(1, evaluation.tasks.count)
        expected = TaskEvaluation.rounded(evaluation.tasks.reduce(0) { $0 + $1.expected } / Double(total))
        reported = TaskEvaluation.rounded(evaluation.tasks.reduce(0) { $0 + $1.reported } / Double(total))
        let names = Dictionary(registry.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        departments = evaluation.departments(registry).map { rollup in
            DepartmentLine(
                department: rollup.key, name: names[rollup.key] ?? rollup.key, tasks: rollup.tasks,
                expected: TaskEvaluation.rounded(rollup.expected), reported: TaskEvaluation.rounded(rollup.reported),
                red: rollup.lights[.red] ?? 0, yellow: rollup.lights[.yellow] ?? 0,
                overdue: rollup.statuses[.overdue] ?? 0, done: rollup.statuses[.done] ?? 0)
        }
        let titles = Dictionary(actions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        self.actions = evaluation.actions(actions).map { rollup in
            ActionLine(
                action: rollup.key, title: titles[rollup.key] ?? rollup.key, tasks: rollup.tasks,
                expected: TaskEvaluation.rounded(rollup.expected), reported: TaskEvaluation.rounded(rollup.reported),
                red: rollup.lights[.red] ?? 0, yellow: rollup.lights[.yellow] ?? 0)
        }
        self.ranking = ranking?.standings ?? []
        weights = ranking?.weights
        items = Self.slowItems(evaluation)
        self.hazards = hazards
        self.steps = steps.filter { $0.kind == .rung }.map {
            StepLine(task: $0.task, department: $0.department, rung: $0.rung.chinese, state: $0.state, rule: $0.rule)
        }
        let horizon = evaluation.asOf.adding(days: 31)
        let tasks = evaluation.tasks
        upcoming = tasks.indices.filter {
            tasks[$0].kind != .obligation && tasks[$0].status != .done && tasks[$0].due >= evaluation.asOf
                && tasks[$0].due <= horizon
        }.sorted { (tasks[$0].due, tasks[$0].id) < (tasks[$1].due, tasks[$1].id) }.map { Self.item(at: $0, evaluation) }
    }

    /// The item of the task evaluated at `evaluation.tasks[index]`.
    static func item(at index: Int, _ evaluation: Evaluation) -> Item {
        let task = evaluation.tasks[index]
        return Item(
            task: task.id, title: evaluation.graph.tasks[evaluation.node(of: index)].title, lead: task.lead,
            light: task.light, status: task.status, due: task.due, expected: TaskEvaluation.rounded(task.expected),
            reported: TaskEvaluation.rounded(task.reported))
    }

    /// The red and yellow items of `evaluation`, red first, then by due day.
    static func slowItems(_ evaluation: Evaluation) -> [Item] {
        // Indices sorted, not the evaluations themselves: moving half a million of them about was
        // most of making a province's bulletin.
        let tasks = evaluation.tasks
        let slow = tasks.indices.filter { tasks[$0].light == .red || tasks[$0].light == .yellow }
        return slow.sorted { a, b in
            if tasks[a].light != tasks[b].light { return tasks[a].light > tasks[b].light }
            if tasks[a].due != tasks[b].due { return tasks[a].due < tasks[b].due }
            return tasks[a].id < tasks[b].id
        }
        .map { item(at: $0, evaluation) }
    }

    private enum CodingKeys: String, CodingKey {
        case month, asOf, expected, reported, actions, departments, ranking, weights, items, steps, upcoming, hazards
    }

    /// Reads a stored bulletin; those stored before actions and ranking were added have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        month = try container.decode(String.self, forKey: .month)
        asOf = try container.decode(Day.self, forKey: .asOf)
        expected = try container.decode(Double.self, forKey: .expected)
        reported = try container.decode(Double.self, forKey: .reported)
        actions = try container.decodeIfPresent([ActionLine].self, forKey: .actions) ?? []
        departments = try container.decode([DepartmentLine].self, forKey: .departments)
        ranking = try container.decodeIfPresent([DepartmentRanking.Standing].self, forKey: .ranking) ?? []
        weights = try container.decodeIfPresent(DepartmentRanking.Weights.self, forKey: .weights)
        items = try container.decode([Item].self, forKey: .items)
        steps = try container.decode([StepLine].self, forKey: .steps)
        upcoming = try container.decode([Item].self, forKey: .upcoming)
        hazards = try container.decodeIfPresent(HazardSection.self, forKey: .hazards)
    }
}
