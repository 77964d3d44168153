import DubanCore

/// The summary `duban run` prints: tasks per action, deadlines ahead, and dated tasks past due
/// with no progress report.
struct PlanStatusSummary {
    let set: PlanSet
    let reported: Set<String>
    let today: Day
    let horizon: Int

    var rendered: String {
        var lines = ["as of \(today) (Asia/Shanghai)", "", "tasks per action:"]
        var perAction = TextTable(header: ["ACTION", "TASKS", "MILESTONES", "DUTIES", "TARGETS", "TITLE"])
        let tasks = set.tasks
        for action in set.plans.flatMap(\.actions) {
            let own = tasks.filter { $0.action == action.id }
            perAction.append([
                action.id, String(own.count), String(own.count { $0.kind == .milestone }),
                String(own.count { $0.kind == .obligation }), String(own.count { $0.kind == .target }), action.title,
            ])
        }
        perAction.append([
            "total", String(tasks.count), String(tasks.count { $0.kind == .milestone }),
            String(tasks.count { $0.kind == .obligation }), String(tasks.count { $0.kind == .target }), "",
        ])
        lines.append(indent(perAction.rendered))

        let dated = tasks.filter { $0.kind != .obligation }.sorted {
            ($0.schedule.due, $0.id) < ($1.schedule.due, $1.id)
        }
        let end = today.adding(days: horizon)
        let ahead = dated.filter { $0.schedule.due >= today && $0.schedule.due <= end }
        lines.append("")
        lines.append("deadlines in the next \(horizon) days (through \(end)): \(ahead.count)")
        if !ahead.isEmpty { lines.append(indent(table(ahead))) }

        let overdue = dated.filter { $0.schedule.due < today && !reported.contains($0.id) }
        lines.append("")
        lines.append("past due with no progress report: \(overdue.count)")
        if !overdue.isEmpty { lines.append(indent(table(overdue))) }
        return lines.joined(separator: "\n")
    }

    private func table(_ tasks: [PlanTask]) -> String {
        var table = TextTable(header: ["DUE", "ID", "LEAD", "TITLE"])
        for task in tasks { table.append([task.schedule.due.description, task.id, task.lead, task.title]) }
        return table.rendered
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
