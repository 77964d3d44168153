import DubanCore

/// Writes plans and the department registry as YAML in the format `PlanDocumentReader` reads.
///
/// Strings are written double-quoted with JSON escapes, which YAML reads back unchanged, so the
/// writer needs no knowledge of YAML's plain-scalar rules and stays fast for very large plans.
public enum PlanWriter {
    /// The registry as a `departments:` document.
    public static func yaml(departments: [Department]) -> String {
        var out = "departments:\n"
        for department in departments {
            out +=
                "  - id: \(quote(department.id))\n    name: \(quote(department.name))\n    kind: \(department.kind.rawValue)\n"
            if !department.aliases.isEmpty { out += "    aliases: \(list(department.aliases))\n" }
            if !department.channels.isEmpty { out += "    channels: \(list(department.channels))\n" }
        }
        return out
    }

    /// The plan as a `plan:` document, tasks under their actions and measures (for a plan that `extends`
    /// another: the base plan's actions by id and measures by number, without titles).
    ///
    /// - Parameters:
    ///   - header: comment lines written above the plan.
    ///   - comments: comment lines written above each task.
    public static func yaml(
        plan: Plan, header: [String] = [], comments: (PlanTask) -> [String] = { _ in [] }
    ) -> String {
        var out = header.map { "# \($0)\n" }.joined()
        out += "plan:\n  id: \(quote(plan.id))\n  title: \(quote(plan.title))\n"
        if let extends = plan.extends { out += "  extends: \(quote(extends))\n" }
        out += "  start: \(plan.start)\n  end: \(plan.end)\n"
        if let office = plan.office { out += "  office: \(quote(office))\n" }
        var tasksByMeasure: [Int: [PlanTask]] = [:]
        var tasksByAction: [String: [PlanTask]] = [:]
        for task in plan.tasks {
            if let measure = task.measure {
                tasksByMeasure[measure, default: []].append(task)
            } else {
                tasksByAction[task.action, default: []].append(task)
            }
        }
        // An annual plan names the base plan's actions by id and measures by number, without titles;
        // the reader leaves its `actions` and `measures` empty, so the tasks say which ones it uses.
        let isExtension = plan.extends != nil
        var actions = plan.actions.map { ($0.id, $0.title) }
        var measures = plan.measures.map { ($0.number, $0.action, $0.title) }
        if isExtension {
            for task in plan.tasks {
                if !actions.contains(where: { $0.0 == task.action }) { actions.append((task.action, "")) }
                if let number = task.measure, !measures.contains(where: { $0.0 == number }) {
                    measures.append((number, task.action, ""))
                }
            }
        }
        out += "actions:\n"
        for (id, title) in actions {
            out += "  - id: \(quote(id))\n"
            if !isExtension { out += "    title: \(quote(title))\n" }
            if let tasks = tasksByAction[id] {
                out += "    tasks:\n"
                for task in tasks { write(task, indent: "      ", comments: comments(task), into: &out) }
            }
            let under = measures.filter { $0.1 == id }
            if !under.isEmpty {
                out += "    measures:\n"
                for (number, _, title) in under {
                    out += "      - number: \(number)\n"
                    if !isExtension { out += "        title: \(quote(title))\n" }
                    out += "        tasks:"
                    let tasks = tasksByMeasure[number] ?? []
                    out += tasks.isEmpty ? " []\n" : "\n"
                    for task in tasks { write(task, indent: "          ", comments: comments(task), into: &out) }
                }
            }
        }
        return out
    }

    private static func write(_ task: PlanTask, indent: String, comments: [String], into out: inout String) {
        for comment in comments { out += "\(indent)# \(comment.split(separator: "\n").joined(separator: " "))\n" }
        out += "\(indent)- id: \(quote(task.id))\n"
        let pad = indent + "  "
        out += "\(pad)title: \(quote(task.title))\n\(pad)lead: \(quote(task.lead))\n"
        if !task.support.isEmpty { out += "\(pad)support: \(list(task.support))\n" }
        switch task.schedule {
        case .milestone(let start, let due):
            if let start { out += "\(pad)start: \(start)\n" }
            out += "\(pad)due: \(quote(due.text))\n"
        case .target(let start, let due, let threshold):
            if let start { out += "\(pad)start: \(start)\n" }
            out += "\(pad)due: \(quote(due.text))\n"
            out +=
                "\(pad)target: {metric: \(quote(threshold.metric)), value: \(threshold.value.plainText), "
                + "unit: \(quote(threshold.unit)), op: \(quote(threshold.comparison.rawValue))}\n"
        case .obligation(let obligation):
            out += "\(pad)every: \(obligation.every.rawValue)\n"
            if let high = obligation.highRiskEvery { out += "\(pad)high_risk_every: \(high.rawValue)\n" }
            if obligation.times != 1 { out += "\(pad)times: \(obligation.times)\n" }
            out += "\(pad)start: \(obligation.start)\n\(pad)until: \(obligation.end)\n"
        }
        if !task.dependsOn.isEmpty {
            let items = task.dependsOn.map { dependency in
                dependency.lagDays == 0
                    ? quote(dependency.task) : "{task: \(quote(dependency.task)), lag_days: \(dependency.lagDays)}"
            }
            out += "\(pad)depends_on: [\(items.joined(separator: ", "))]\n"
        }
        if let source = task.source { out += "\(pad)source: \(quote(source))\n" }
        if let ledger = task.ledger {
            var items = ["from: hazards", "rule: \(ledger.rule.rawValue)"]
            if let day = ledger.foundThrough { items.append("found_through: \(day)") }
            if let year = ledger.year { items.append("year: \(year)") }
            out += "\(pad)progress: {\(items.joined(separator: ", "))}\n"
        }
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: ", ") + "]"
    }

    /// A double-quoted YAML scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += "\\u" + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
