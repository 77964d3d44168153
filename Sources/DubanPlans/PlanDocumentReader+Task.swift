import DubanCore

extension PlanDocumentReader {
    static func readTask(
        _ node: YAMLNode, action: String, measure: Int?, context: TaskContext, issues: inout [PlanIssue]
    ) -> PlanTask? {
        let owner = measure.map { "measure \($0)" } ?? "action \(action)"
        guard
            let fields = YAMLFields(
                node, file: context.file, context: "a task of \(owner)", allowed: taskKeys, issues: &issues),
            let id = fields.string("id", required: true, context: "a task of \(owner)", issues: &issues)
        else { return nil }
        let before = issues.count
        let title = fields.string("title", required: true, context: "task \(id)", issues: &issues)
        let lead = fields.string("lead", required: true, context: "task \(id)", issues: &issues)
        let support = fields.strings("support", context: "task \(id)", issues: &issues)
        let source = fields.string("source", required: false, context: "task \(id)", issues: &issues)
        let dependencies = readDependencies(fields, task: id, issues: &issues)
        let schedule = readSchedule(fields, task: id, plan: context.plan, issues: &issues)
        let ledger = fields.has("progress") ? readLedgerGoal(fields, task: id, issues: &issues) : nil
        guard issues.count == before, let title, let lead, let schedule else { return nil }
        if ledger != nil, schedule.kind == .obligation {
            issues.append(
                PlanIssue(
                    .error, at: fields.location("progress"), subject: id,
                    "a recurring duty cannot take its progress from the hazard ledger",
                    fix: "give the goal a `due:` and no `every:`"))
            return nil
        }
        return PlanTask(
            id: id, title: title, plan: context.plan.id, action: action, measure: measure, lead: lead, support: support,
            schedule: schedule, dependsOn: dependencies, source: source, location: fields.location, ledger: ledger)
    }

    /// `progress: {from: hazards, rule: stock-cleared, found_through: 2023-12-31}`.
    private static func readLedgerGoal(_ fields: YAMLFields, task: String, issues: inout [PlanIssue]) -> LedgerGoal? {
        let context = "the progress of task \(task)"
        guard
            let progress = YAMLFields(
                fields.node("progress")!, file: fields.file, context: context, allowed: ledgerKeys, issues: &issues),
            let from = progress.string("from", required: true, context: context, issues: &issues),
            let ruleText = progress.string("rule", required: true, context: context, issues: &issues)
        else { return nil }
        guard from == "hazards" else {
            issues.append(
                PlanIssue(
                    .error, at: progress.location("from"), subject: task, "progress cannot come from “\(from)”",
                    fix: "write `from: hazards` (the hazard ledger), or remove `progress:` to take reports"))
            return nil
        }
        guard let rule = LedgerGoal.Rule(rawValue: ruleText) else {
            issues.append(
                PlanIssue(
                    .error, at: progress.location("rule"), subject: task, "“\(ruleText)” is not a ledger rule",
                    fix: "write one of " + LedgerGoal.Rule.allCases.map(\.rawValue).joined(separator: ", ")))
            return nil
        }
        var goal = LedgerGoal(rule: rule)
        if let text = progress.string(
            "found_through", required: rule == .stockCleared, context: context, issues: &issues)
        {
            guard let day = Day(text) else {
                issues.append(
                    PlanIssue(
                        .error, at: progress.location("found_through"), subject: task,
                        "found_through “\(text)” is not a date", fix: "write an ISO date, e.g. 2023-12-31"))
                return nil
            }
            goal.foundThrough = day
        }
        if let text = progress.string("year", required: false, context: context, issues: &issues) {
            guard let year = Int(text), (2000...2100).contains(year) else {
                issues.append(
                    PlanIssue(
                        .error, at: progress.location("year"), subject: task, "year “\(text)” is not a year",
                        fix: "write the year whose new hazards are counted, e.g. 2025"))
                return nil
            }
            goal.year = year
        }
        if rule == .stockCleared, goal.foundThrough == nil { return nil }
        return goal
    }

    private static func readSchedule(
        _ fields: YAMLFields, task: String, plan: Plan, issues: inout [PlanIssue]
    ) -> Schedule? {
        let start = fields.string("start", required: false, context: "task \(task)", issues: &issues).flatMap { text in
            parse(fields, key: "start", task: task, issues: &issues) { () throws(DeadlinePhraseError) in
                try DeadlinePhrase.parseStart(text)
            }
        }
        if fields.has("every") {
            for key in ["due", "target"] where fields.has(key) {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location(key), subject: task,
                        "a recurring duty (`every`) cannot have `\(key)`",
                        fix: key == "due"
                            ? "use `until:` for the last day the duty recurs, or remove `every` to make a dated milestone"
                            : "make the target a task of its own"))
            }
            guard let every = frequency(fields, key: "every", task: task, issues: &issues) else { return nil }
            let highRisk =
                fields.has("high_risk_every")
                ? frequency(fields, key: "high_risk_every", task: task, issues: &issues) : nil
            if let highRisk, highRisk > every {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("high_risk_every"), subject: task,
                        "the high-risk frequency (\(highRisk.rawValue)) is less often than the general one (\(every.rawValue))",
                        fix: "high-risk sectors recur at least as often, e.g. every: quarter, high_risk_every: month"))
            }
            var times = 1
            if let text = fields.string("times", required: false, context: "task \(task)", issues: &issues) {
                if let n = Int(text), n >= 1 {
                    times = n
                } else {
                    issues.append(
                        PlanIssue(
                            .error, at: fields.location("times"), subject: task,
                            "times “\(text)” is not a whole number of at least 1",
                            fix: "write how many times per period, e.g. `times: 2`"))
                }
            }
            var end = plan.end
            if let text = fields.string("until", required: false, context: "task \(task)", issues: &issues) {
                guard let phrase = deadline(text, fields, key: "until", task: task, plan: plan, issues: &issues) else {
                    return nil
                }
                end = phrase.due
            }
            return .obligation(
                Obligation(every: every, highRiskEvery: highRisk, times: times, start: start ?? plan.start, end: end))
        }
        if fields.has("until") {
            issues.append(
                PlanIssue(
                    .error, at: fields.location("until"), subject: task, "`until` is only for recurring duties",
                    fix: "use `due:` for a milestone's deadline, or add `every:` to make a recurring duty"))
        }
        for key in ["high_risk_every", "times"] where fields.has(key) {
            issues.append(
                PlanIssue(
                    .error, at: fields.location(key), subject: task, "`\(key)` is only for recurring duties",
                    fix: "add `every:` or remove `\(key)`"))
        }
        guard let dueText = fields.string("due", required: false, context: "task \(task)", issues: &issues) else {
            issues.append(
                PlanIssue(
                    .error, at: fields.location, subject: task, "the task has no `due`, `every` or `target`",
                    fix:
                        "give a milestone `due: 2024年底前`, a recurring duty `every: quarter`, or a target `target:` and `due:`"
                ))
            return nil
        }
        guard let due = deadline(dueText, fields, key: "due", task: task, plan: plan, issues: &issues) else {
            return nil
        }
        if fields.has("target") {
            guard let threshold = readThreshold(fields, task: task, issues: &issues) else { return nil }
            return .target(start: start, due: due, threshold: threshold)
        }
        return .milestone(start: start, due: due)
    }

    private static func deadline(
        _ text: String, _ fields: YAMLFields, key: String, task: String, plan: Plan, issues: inout [PlanIssue]
    ) -> DeadlinePhrase? {
        parse(fields, key: key, task: task, issues: &issues) { () throws(DeadlinePhraseError) in
            try DeadlinePhrase.parse(text, planStart: plan.start)
        }
    }

    private static func parse<T>(
        _ fields: YAMLFields, key: String, task: String, issues: inout [PlanIssue],
        _ body: () throws(DeadlinePhraseError) -> T
    ) -> T? {
        do {
            return try body()
        } catch {
            issues.append(
                PlanIssue(
                    .error, at: fields.location(key), subject: task, "`\(key)` “\(error.text)”: \(error.reason)",
                    fix: error.fix))
            return nil
        }
    }

    private static func frequency(
        _ fields: YAMLFields, key: String, task: String, issues: inout [PlanIssue]
    ) -> Frequency? {
        guard let text = fields.string(key, required: true, context: "task \(task)", issues: &issues) else {
            return nil
        }
        if let frequency = Frequency(phrase: text) { return frequency }
        issues.append(
            PlanIssue(
                .error, at: fields.location(key), subject: task, "`\(key)` “\(text)” is not a frequency",
                fix: "write month, two-months, quarter, half-year or year (or 每月, 双月, 每季度, 每半年, 每年)"))
        return nil
    }

    private static func readThreshold(_ fields: YAMLFields, task: String, issues: inout [PlanIssue]) -> Threshold? {
        let context = "the target of task \(task)"
        guard
            let target = YAMLFields(
                fields.node("target")!, file: fields.file, context: context, allowed: targetKeys, issues: &issues)
        else { return nil }
        let metric = target.string("metric", required: true, context: context, issues: &issues)
        let valueText = target.string("value", required: true, context: context, issues: &issues)
        let unit = target.string("unit", required: true, context: context, issues: &issues)
        var comparison = Comparison.atLeast
        if let op = target.string("op", required: false, context: context, issues: &issues) {
            switch op {
            case ">=", "≥": comparison = .atLeast
            case "<=", "≤": comparison = .atMost
            default:
                issues.append(
                    PlanIssue(
                        .error, at: target.location("op"), subject: task, "op “\(op)” is not a comparison",
                        fix: "write `op: \">=\"` (reach at least) or `op: \"<=\"` (stay at most)"))
                return nil
            }
        }
        guard let metric, let valueText, let unit else { return nil }
        guard let value = Double(valueText.hasSuffix("%") ? String(valueText.dropLast()) : valueText), value.isFinite
        else {
            issues.append(
                PlanIssue(
                    .error, at: target.location("value"), subject: task, "target value “\(valueText)” is not a number",
                    fix: "write the number alone, e.g. `value: 40` with `unit: \"%\"`"))
            return nil
        }
        return Threshold(metric: metric, comparison: comparison, value: value, unit: unit)
    }

    private static func readDependencies(_ fields: YAMLFields, task: String, issues: inout [PlanIssue]) -> [Dependency]
    {
        fields.sequence("depends_on", context: "task \(task)", issues: &issues).compactMap { node in
            let location = YAMLFields.location(of: node, file: fields.file)
            if case .scalar(let scalar, _, _) = node {
                return Dependency(task: scalar.trimmingWhitespace(), location: location)
            }
            let context = "a dependency of task \(task)"
            guard
                let dependency = YAMLFields(
                    node, file: fields.file, context: context, allowed: ["task", "lag_days"], issues: &issues),
                let id = dependency.string("task", required: true, context: context, issues: &issues)
            else { return nil }
            var lag = 0
            if let text = dependency.string("lag_days", required: false, context: context, issues: &issues) {
                guard let n = Int(text), n >= 0 else {
                    issues.append(
                        PlanIssue(
                            .error, at: dependency.location("lag_days"), subject: task,
                            "lag_days “\(text)” is not a whole number of days",
                            fix: "write the days as a number of at least 0, e.g. `lag_days: 30`"))
                    return nil
                }
                lag = n
            }
            return Dependency(task: id, lagDays: lag, location: location)
        }
    }
}
