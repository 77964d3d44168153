import DubanCore

/// The wall chart (挂图作战): actions, measures and tasks over the plan's years, each task a bar in
/// its light, with dependency arrows and today's line. Written as a self-contained SVG (system
/// fonts, no scripts) or as a Mermaid `gantt` for Markdown viewers.
public struct GanttChart: Sendable {
    /// One row of the chart.
    struct Row {
        enum Kind { case action, measure, task }
        var kind: Kind
        var id: String
        var label: String
        var start: Day
        var end: Day
        var light: Light?
        var status: TaskStatus?
        var recurring = false
    }

    public var title: String
    public var evaluation: Evaluation
    public var actions: [Action]
    public var measures: [Measure]
    /// The first and last day drawn.
    public var span: ClosedRange<Day>
    /// The day the red line marks.
    public var today: Day

    /// Makes a chart.
    public init(
        title: String, evaluation: Evaluation, actions: [Action], measures: [Measure], span: ClosedRange<Day>,
        today: Day
    ) {
        self.title = title
        self.evaluation = evaluation
        self.actions = actions
        self.measures = measures
        self.span = span
        self.today = today
    }

    /// The chart of every loaded plan over its years, titled after the main plan, or nil when no
    /// plan is loaded.
    public init?(plans set: PlanSet, evaluation: Evaluation, today: Day) {
        guard let main = set.plans.first(where: { $0.extends == nil }) ?? set.plans.first else { return nil }
        self.init(
            title: "\(main.title) 挂图作战（截至\(today)）", evaluation: evaluation,
            actions: set.plans.flatMap(\.actions), measures: set.plans.flatMap(\.measures),
            span: (set.start ?? main.start)...(set.plans.map(\.end).max() ?? main.end), today: today)
    }

    /// Rows in plan order: each action, then its tasks outside measures, then each measure with its tasks.
    /// A task without a start of its own is drawn from the day its prerequisites let it start.
    var rows: [Row] {
        let graph = evaluation.graph
        // A validated plan has no cycle; were there one, tasks would start with the chart.
        let timings = try? graph.timings(planStart: span.lowerBound)
        var rows: [Row] = []
        func taskRow(_ task: PlanTask) -> Row {
            let evaluated = evaluation.task(task.id)
            var recurring = false
            if case .obligation = task.schedule { recurring = true }
            let end = task.schedule.due
            let planned = graph.index[task.id].flatMap { timings?[$0].earliestStart } ?? span.lowerBound
            let start = min(task.schedule.start ?? planned, end)
            return Row(
                kind: .task, id: task.id, label: task.title, start: max(start, span.lowerBound), end: end,
                light: evaluated?.light, status: evaluated?.status, recurring: recurring)
        }
        func summary(_ kind: Row.Kind, _ id: String, _ label: String, _ tasks: [PlanTask]) -> Row? {
            guard let first = tasks.map({ max($0.schedule.start ?? span.lowerBound, span.lowerBound) }).min(),
                let last = tasks.map(\.schedule.due).max()
            else { return nil }
            return Row(kind: kind, id: id, label: label, start: min(first, last), end: last)
        }
        let byAction = Dictionary(grouping: graph.tasks, by: \.action)
        for action in actions {
            let tasks = byAction[action.id] ?? []
            guard let head = summary(.action, action.id, action.title, tasks) else { continue }
            rows.append(head)
            rows += tasks.filter { $0.measure == nil }.map(taskRow)
            for measure in measures where measure.action == action.id {
                let own = tasks.filter { $0.measure == measure.number }
                guard let row = summary(.measure, "m\(measure.number)", "\(measure.number). \(measure.title)", own)
                else { continue }
                rows.append(row)
                rows += own.map(taskRow)
            }
        }
        return rows
    }

    /// Mermaid `gantt` text: a section per action, every task a bar tagged `done`, `crit` (red) or
    /// `active` (under way today), recurring duties over their whole span.
    public var mermaid: String {
        var lines = [
            "gantt", "    title \(Self.mermaidText(title))", "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m",
            "    todayMarker stroke-width:3px,stroke:#d40000",
        ]
        for row in rows {
            switch row.kind {
            case .action:
                lines.append("    section \(Self.mermaidText(row.label))")
            case .measure:
                continue
            case .task:
                var tags: [String] = []
                if row.status == .done {
                    tags.append("done")
                } else if row.light == .red {
                    tags.append("crit")
                } else if row.start <= today && today <= row.end {
                    tags.append("active")
                }
                let id = row.id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
                let end = row.end > row.start ? row.end : row.start.adding(days: 1)
                lines.append(
                    "    \(Self.mermaidText(row.label)) :"
                        + (tags + [String(id), row.start.description, end.description]).joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text a Mermaid task or section name can hold: no `:`, `#` or `;`, which Mermaid reads as syntax.
    static func mermaidText(_ text: String) -> String {
        String(
            text.map { character -> Character in
                switch character {
                case ":": "："
                case ";": "；"
                case "#": "＃"
                case "\n": " "
                default: character
                }
            })
    }
}
