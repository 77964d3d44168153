import DubanCore

extension PlanDocumentReader {
    static func readPlan(_ top: YAMLFields, issues: inout [PlanIssue]) -> Plan? {
        guard
            let header = YAMLFields(
                top.node("plan")!, file: top.file, context: "`plan`", allowed: planKeys, issues: &issues)
        else { return nil }
        let id = header.string("id", required: true, context: "the plan", issues: &issues)
        let title = header.string("title", required: true, context: "the plan", issues: &issues)
        let extends = header.string("extends", required: false, context: "the plan", issues: &issues)
        let office = header.string("office", required: false, context: "the plan", issues: &issues)
        guard let (start, end) = readPeriod(header, issues: &issues), let id, let title else { return nil }

        var plan = Plan(
            id: id, title: title, extends: extends, start: start, end: end, office: office, location: header.location)
        let context = TaskContext(file: top.file, plan: plan, isExtension: extends != nil)
        var tasks = TaskNodes()
        for node in top.sequence("actions", context: "the plan", issues: &issues) {
            readAction(node, context: context, into: &plan, tasks: &tasks, issues: &issues)
        }
        plan.tasks = tasks.read(context: context, issues: &issues)
        return plan
    }

    private static func readPeriod(_ header: YAMLFields, issues: inout [PlanIssue]) -> (Day, Day)? {
        if let period = header.string("period", required: false, context: "the plan", issues: &issues) {
            if header.has("start") || header.has("end") {
                issues.append(
                    PlanIssue(
                        .error, at: header.location("period"), "the plan has both `period` and `start`/`end`",
                        fix: "keep one: `period: 2024至2026年` or `start:` and `end:` as ISO dates"))
            }
            do {
                let phrase = try DeadlinePhrase.parse(period)
                guard let start = phrase.start else {
                    issues.append(
                        PlanIssue(
                            .error, at: header.location("period"),
                            "period “\(period)” does not say when the plan starts",
                            fix: "write a span such as 2024至2026年, a year such as 2025年, or `start:` and `end:`"))
                    return nil
                }
                return (start, phrase.due)
            } catch {
                issues.append(
                    PlanIssue(
                        .error, at: header.location("period"), "period \(error.text): \(error.reason)", fix: error.fix))
                return nil
            }
        }
        let startText = header.string("start", required: false, context: "the plan", issues: &issues)
        let endText = header.string("end", required: false, context: "the plan", issues: &issues)
        guard let startText, let endText else {
            issues.append(
                PlanIssue(
                    .error, at: header.location, "the plan has no period",
                    fix: "add `period: 2024至2026年`, or `start:` and `end:` as ISO dates"))
            return nil
        }
        guard let start = Day(startText), let end = Day(endText) else {
            issues.append(
                PlanIssue(
                    .error, at: header.location(Day(startText) == nil ? "start" : "end"),
                    "the plan's start and end must be ISO dates, found “\(Day(startText) == nil ? startText : endText)”",
                    fix: "write them as YYYY-MM-DD, or use `period: 2024至2026年`"))
            return nil
        }
        return (start, end)
    }

    private static func readAction(
        _ node: YAMLNode, context: TaskContext, into plan: inout Plan, tasks: inout TaskNodes,
        issues: inout [PlanIssue]
    ) {
        guard
            let fields = YAMLFields(
                node, file: context.file, context: "an action", allowed: actionKeys, issues: &issues),
            let id = fields.string("id", required: true, context: "an action", issues: &issues)
        else { return }
        let where_ = "action \(id)"
        if context.isExtension {
            rejectTitle(fields, what: where_, issues: &issues)
        } else if let title = fields.string("title", required: true, context: where_, issues: &issues) {
            plan.actions.append(Action(id: id, title: title, location: fields.location))
        }
        for task in fields.sequence("tasks", context: where_, issues: &issues) {
            tasks.append(task, action: id, measure: nil, issues: issues)
        }
        for measureNode in fields.sequence("measures", context: where_, issues: &issues) {
            guard
                let measure = YAMLFields(
                    measureNode, file: context.file, context: "a measure of \(where_)", allowed: measureKeys,
                    issues: &issues),
                let numberText = measure.string(
                    "number", required: true, context: "a measure of \(where_)", issues: &issues)
            else { continue }
            guard let number = Int(numberText), number > 0 else {
                issues.append(
                    PlanIssue(
                        .error, at: measure.location("number"),
                        "measure number “\(numberText)” is not a positive whole number",
                        fix: "write the measure's number as the plan numbers it, e.g. `number: 12`"))
                continue
            }
            if context.isExtension {
                rejectTitle(measure, what: "measure \(number)", issues: &issues)
            } else if let title = measure.string("title", required: true, context: "measure \(number)", issues: &issues)
            {
                plan.measures.append(Measure(number: number, action: id, title: title, location: measure.location))
            }
            for task in measure.sequence("tasks", context: "measure \(number)", issues: &issues) {
                tasks.append(task, action: id, measure: number, issues: issues)
            }
        }
    }

    private static func rejectTitle(_ fields: YAMLFields, what: String, issues: inout [PlanIssue]) {
        if fields.has("title") {
            issues.append(
                PlanIssue(
                    .error, at: fields.location("title"), "\(what) has a title in a plan that `extends` another",
                    fix: "remove the title: an annual plan names the base plan's actions by id and measures by number"))
        }
    }
}

/// What a task needs to know about the plan it is written in.
struct TaskContext {
    let file: String
    let plan: Plan
    let isExtension: Bool
}
