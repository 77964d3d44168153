import Dispatch

/// Checks a plan set as a whole: ids, departments, structure, dependencies and dates.
///
/// Every problem is collected, so a person fixes a file in one pass rather than one error per run.
public enum PlanValidator {
    /// The problems in `set`, errors and warnings, in the order of the files.
    public static func validate(_ set: PlanSet) -> [PlanIssue] {
        var issues: [PlanIssue] = []
        let departments = checkDepartments(set.departments, into: &issues)
        checkPlans(set, into: &issues)
        checkPeriods(set, into: &issues)
        let tasks = set.tasks
        // The dependency graph is checked beside the tasks one by one: each was about half of
        // validating 100,000 tasks.
        let (own, dependencies) = pair(tasks.count >= pairedFrom) {
            var issues: [PlanIssue] = []
            var seen: [String: Int] = [:]
            seen.reserveCapacity(tasks.count)
            for (index, task) in tasks.enumerated() {
                if let firstIndex = seen[task.id] {
                    let first = tasks[firstIndex]
                    issues.append(
                        PlanIssue(
                            .error, at: task.location, subject: task.id, "duplicate task id “\(task.id)”",
                            fix:
                                "it is already used at \(first.location?.description ?? "plan \(first.plan)"); give each task its own id"
                        ))
                    continue
                }
                seen[task.id] = index
                checkTask(task, departments: departments, into: &issues)
            }
            checkDraftLeads(tasks, into: &issues)
            checkStructure(set, into: &issues)
            return issues
        } _: {
            var issues: [PlanIssue] = []
            checkDependencies(TaskGraph(tasks: tasks), into: &issues)
            return issues
        }
        return issues + own + dependencies
    }

    /// Sets of this many tasks or more have their dependencies checked on a second thread.
    static let pairedFrom = 4_096

    /// What `first` and `second` find, found on two threads at once when `paired`, else one after the other.
    static func pair(
        _ paired: Bool, _ first: @Sendable () -> [PlanIssue], _ second: @Sendable () -> [PlanIssue]
    ) -> ([PlanIssue], [PlanIssue]) {
        guard paired else { return (first(), second()) }
        var found: [[PlanIssue]] = [[], []]
        found.withUnsafeMutableBufferPointer { found in
            nonisolated(unsafe) let found = found  // each lane writes only its own slot
            DispatchQueue.concurrentPerform(iterations: 2) { lane in
                found[lane] = lane == 0 ? first() : second()
            }
        }
        return (found[0], found[1])
    }

    /// Like `validate`, but throws the errors and returns the warnings.
    public static func check(_ set: PlanSet) throws(PlanError) -> [PlanIssue] {
        let issues = validate(set)
        let errors = issues.filter { $0.severity == .error }
        if !errors.isEmpty { throw PlanError(issues: issues) }
        return issues
    }

    private static func checkDepartments(_ departments: [Department], into issues: inout [PlanIssue]) -> Set<String> {
        var ids: [String: Department] = [:]
        for department in departments {
            if let first = ids[department.id] {
                issues.append(
                    PlanIssue(
                        .error, at: department.location, subject: department.id,
                        "duplicate department id “\(department.id)”",
                        fix:
                            "it is already used by \(first.name) at \(first.location?.description ?? "?"); give each its own id"
                    ))
            }
            if !Identifier.isValid(department.id) {
                issues.append(
                    PlanIssue(
                        .error, at: department.location, "department id “\(department.id)” is not a stable ASCII id",
                        fix: Identifier.rule))
            }
            ids[department.id] = ids[department.id] ?? department
        }
        return Set(ids.keys)
    }

    private static func checkPlans(_ set: PlanSet, into issues: inout [PlanIssue]) {
        var ids: Set<String> = []
        let departmentIDs = Set(set.departments.map(\.id))
        for plan in set.plans {
            if !ids.insert(plan.id).inserted {
                issues.append(
                    PlanIssue(
                        .error, at: plan.location, subject: plan.id, "plan id “\(plan.id)” is loaded twice",
                        fix: "give each plan file its own id"))
            }
            if plan.start > plan.end {
                issues.append(
                    PlanIssue(
                        .error, at: plan.location, subject: plan.id,
                        "the plan's period starts \(plan.start), after it ends \(plan.end)",
                        fix: "write the period as start then end"))
            }
            if let office = plan.office, !departmentIDs.contains(office) {
                issues.append(
                    unknownDepartment(office, role: "office", at: plan.location, subject: plan.id, known: departmentIDs)
                )
            }
            if let base = plan.extends {
                if base == plan.id || !set.plans.contains(where: { $0.id == base }) {
                    issues.append(
                        PlanIssue(
                            .error, at: plan.location, subject: plan.id, "extends “\(base)”, which is not loaded",
                            fix: "load the base plan with it (duban plan load plans/) or correct the id in `extends`"))
                }
            }
        }
    }

    private static func checkTask(_ task: PlanTask, departments: Set<String>, into issues: inout [PlanIssue]) {
        if !Identifier.isValid(task.id) {
            issues.append(
                PlanIssue(
                    .error, at: task.location, "task id “\(task.id)” is not a stable ASCII id", fix: Identifier.rule))
        }
        if !departments.contains(task.lead), task.lead != draftLead {
            issues.append(
                unknownDepartment(task.lead, role: "lead", at: task.location, subject: task.id, known: departments))
        }
        for support in task.support where !departments.contains(support) {
            issues.append(
                unknownDepartment(support, role: "support", at: task.location, subject: task.id, known: departments))
        }
        var prerequisites: Set<String> = []
        for dependency in task.dependsOn where !prerequisites.insert(dependency.task).inserted {
            issues.append(
                PlanIssue(
                    .error, at: dependency.location ?? task.location, subject: task.id,
                    "depends on “\(dependency.task)” twice", fix: "list each prerequisite once in `depends_on`"))
        }
        if task.dependsOn.contains(where: { $0.task == task.id }) {
            issues.append(
                PlanIssue(
                    .error, at: task.location, subject: task.id, "depends on itself",
                    fix: "remove “\(task.id)” from its own `depends_on`"))
        }
        if let start = task.schedule.start, start > task.schedule.due {
            issues.append(
                PlanIssue(
                    .error, at: task.location, subject: task.id,
                    "starts \(start), after it is due \(task.schedule.due)",
                    fix: "move `start` before `due`, or correct the deadline"))
        }
        if case .target(_, _, let threshold) = task.schedule, threshold.unit == "%",
            !(0...100).contains(threshold.value)
        {
            issues.append(
                PlanIssue(
                    .error, at: task.location, subject: task.id,
                    "a target of \(threshold.value.plainText)% is not a percentage",
                    fix: "write a value between 0 and 100"))
        }
    }

    private static func checkStructure(_ set: PlanSet, into issues: inout [PlanIssue]) {
        for plan in set.plans {
            let root = set.root(of: plan)
            let family = set.plans.filter { set.root(of: $0).id == root.id }
            let actions = Set(family.flatMap(\.actions).map(\.id))
            var measures: [Int: Measure] = [:]
            for measure in family.flatMap(\.measures) where measures[measure.number] == nil {
                measures[measure.number] = measure
            }
            if plan.extends == nil {
                var numbers: Set<Int> = []
                for measure in plan.measures where !numbers.insert(measure.number).inserted {
                    issues.append(
                        PlanIssue(
                            .error, at: measure.location, subject: plan.id,
                            "measure \(measure.number) is defined twice",
                            fix: "number each measure once"))
                }
            }
            for task in plan.tasks {
                if !actions.contains(task.action) {
                    issues.append(
                        PlanIssue(
                            .error, at: task.location, subject: task.id,
                            "action “\(task.action)” is not in plan \(root.id)",
                            fix: "use one of: " + root.actions.map(\.id).joined(separator: ", ")))
                }
                if let number = task.measure {
                    if let measure = measures[number] {
                        if measure.action != task.action {
                            issues.append(
                                PlanIssue(
                                    .error, at: task.location, subject: task.id,
                                    "measure \(number) belongs to action \(measure.action), not \(task.action)",
                                    fix: "list the task under action \(measure.action)"))
                        }
                    } else {
                        issues.append(
                            PlanIssue(
                                .error, at: task.location, subject: task.id,
                                "measure \(number) is not in plan \(root.id)",
                                fix: "use a measure the base plan defines"))
                    }
                }
            }
        }
    }

    private static func checkDependencies(_ graph: TaskGraph, into issues: inout [PlanIssue]) {
        for (taskID, missing) in graph.unresolved {
            let task = graph.tasks[graph.index[taskID]!]
            let location = task.dependsOn.first { $0.task == missing }?.location ?? task.location
            issues.append(
                PlanIssue(
                    .error, at: location, subject: taskID, "depends on “\(missing)”, which is not a task in the plans",
                    fix: "correct the id in `depends_on` or add the task"))
        }
        if let cycle = graph.findCycle() {
            let first = graph.tasks[graph.index[cycle[0]]!]
            issues.append(
                PlanIssue(
                    .error, at: first.location, subject: cycle[0],
                    "dependency cycle: " + cycle.joined(separator: " → ") + " (each depends on the next)",
                    fix: "remove one of these dependencies"))
            return
        }
        for (node, task) in graph.tasks.enumerated() {
            for edge in graph.prerequisites[node] {
                let prerequisite = graph.tasks[edge.node]
                let earliest = prerequisite.schedule.due.adding(days: edge.lagDays)
                if task.schedule.due < earliest {
                    issues.append(
                        PlanIssue(
                            .warning, at: task.location, subject: task.id,
                            "is due \(task.schedule.due), before its prerequisite \(prerequisite.id) is due \(prerequisite.schedule.due)"
                                + (edge.lagDays > 0 ? " plus \(edge.lagDays) days" : ""),
                            fix: "check both deadlines, or drop the dependency if the work is independent",
                            kind: "due before its prerequisite"))
                }
            }
        }
    }

    /// The lead `duban import document` gives every task it drafts, for a person to replace.
    public static let draftLead = "TODO"

    /// One error listing every task whose lead is still the draft's `TODO`, rather than one per task.
    private static func checkDraftLeads(_ tasks: [PlanTask], into issues: inout [PlanIssue]) {
        let undecided = tasks.filter { $0.lead == draftLead }
        guard let first = undecided.first else { return }
        let listing = undecided.map { task in
            "\n    \(task.id)" + (task.location.map { " (line \($0.line))" } ?? "")
        }.joined()
        issues.append(
            PlanIssue(
                .error, at: first.location,
                "\(undecided.count) drafted \(undecided.count == 1 ? "task has" : "tasks have") no lead yet (lead: TODO):"
                    + listing,
                fix:
                    "set each `lead` to a department id from plans/departments.yaml; the comment above each task names "
                    + "the bodies its sentence mentions"))
    }

    private static func unknownDepartment(
        _ id: String, role: String, at location: SourceLocation?, subject: String, known: Set<String>
    ) -> PlanIssue {
        let suggestion = Identifier.nearest(to: id, in: known).map { "did you mean “\($0)”? Otherwise " } ?? ""
        return PlanIssue(
            .error, at: location, subject: subject, "\(role) department “\(id)” is not in the department registry",
            fix: suggestion + "use an id from plans/departments.yaml or add the department there")
    }
}
