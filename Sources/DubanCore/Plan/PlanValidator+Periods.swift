extension PlanValidator {
    /// Warnings for dates outside their plan: an annual plan that reaches past the plan it extends,
    /// a task due after its plan ends or before it starts (三年内 read from a later year, a 2027
    /// deadline in a 2024–2026 plan). They load — a plan may run late on purpose — but a person
    /// should look.
    static func checkPeriods(_ set: PlanSet, into issues: inout [PlanIssue]) {
        for plan in set.plans {
            if let id = plan.extends, let base = set.plans.first(where: { $0.id == id }),
                plan.start < base.start || plan.end > base.end
            {
                issues.append(
                    PlanIssue(
                        .warning, at: plan.location, subject: plan.id,
                        "the plan runs \(plan.start)–\(plan.end), outside \(base.id) (\(base.start)–\(base.end)), "
                            + "which it extends",
                        fix: "check the plan's years, or extend the plan that covers them",
                        kind: "outside the plan it extends"))
            }
            for task in plan.tasks {
                let due = task.schedule.due
                guard due > plan.end || due < plan.start else { continue }
                issues.append(
                    PlanIssue(
                        .warning, at: task.location, subject: task.id,
                        "due \(due), \(due > plan.end ? "after" : "before") plan \(plan.id) "
                            + "\(due > plan.end ? "ends (\(plan.end))" : "starts (\(plan.start))")",
                        fix: "check the deadline against the document, or the plan's start and end",
                        kind: "due outside its plan's years"))
            }
        }
    }
}
