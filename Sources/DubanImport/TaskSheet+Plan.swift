import DubanCore
import DubanPlans

extension TaskSheet {
    /// The annual plan the sheet's tasks make: it `extends` `base`, covers the sheet's years, and
    /// has the base plan's office.
    ///
    /// - Parameters:
    ///   - id: the plan's id; by default the base's id and the first year, `zaozhuang-gaoxin-2024-2026-y2025`.
    ///   - title: the plan's title; by default the sheet's title row, else “2025年度任务清单”.
    public func plan(id: String? = nil, title: String? = nil, extending base: Plan) -> Plan {
        let id = id ?? TaskSheet.defaultPlanID(base: base, year: start.year)
        var tasks = self.tasks
        for index in tasks.indices { tasks[index].plan = id }
        let years = start.year == end.year ? "\(start.year)" : "\(start.year)—\(end.year)"
        return Plan(
            id: id, title: title ?? self.title ?? "\(years)年度任务清单", extends: base.id, start: start, end: end,
            office: base.office, tasks: tasks)
    }

    /// `plan` itself with the sheet's tasks in place of its own: what the plan's exported task list,
    /// edited and imported again under the plan's own id, makes. Its title, years, office, actions and
    /// measures stay; tasks left off the sheet are gone from it (`plan load` archives them).
    public func revision(of plan: Plan) -> Plan {
        var revised = plan
        revised.location = nil
        revised.tasks = tasks.map { task in
            var task = task
            task.plan = plan.id
            return task
        }
        return revised
    }

    /// What is wrong with `plan` once it joins `set` (the registry and the plans it extends): the
    /// validator's problems, those about a task put at its row of the sheet.
    ///
    /// Plans in `set` that `plan` does not extend are left out, so an annual plan exported, edited
    /// and imported again under its own id does not clash with the loaded copy of itself.
    public static func check(_ plan: Plan, in set: PlanSet) -> [PlanIssue] {
        var family: [Plan] = []
        var next = plan.extends
        while let id = next, let base = set.plans.first(where: { $0.id == id }),
            !family.contains(where: { $0.id == id })
        {
            family.insert(base, at: 0)
            next = base.extends
        }
        let sheet = plan.tasks.first?.location?.file
        // The base plan's own export, imported as an annual plan, would repeat every id of the base:
        // one error that says what the sheet is, not one a row (a single row keeps its own error).
        if let base = family.last, plan.extends == base.id, plan.tasks.count > 1,
            Set(plan.tasks.map(\.id)).isSubset(of: base.tasks.map(\.id))
        {
            return [
                PlanIssue(
                    .error, at: plan.tasks[0].location,
                    "every row's 任务编号 is a task of \(base.id) already: the sheet is that plan's own task list",
                    fix:
                        "to write \(base.id) back with the sheet's changes, import it under its own id (--id \(base.id)); "
                        + "for an annual plan of new tasks, clear the 任务编号 column")
            ]
        }
        return PlanValidator.validate(PlanSet(departments: set.departments, plans: family + [plan]))
            .filter { issue in issue.severity == .error || issue.location?.file == sheet || issue.subject == plan.id }
            .map { issue in
                guard let location = issue.location, location.file == sheet else { return issue }
                var labelled = issue
                labelled.subject = nil
                labelled.message =
                    "row \(location.line)" + (issue.subject.map { ", task \($0)" } ?? "") + ": " + issue.message
                if issue.message.hasPrefix("duplicate task id") {
                    labelled.fix += "; or clear the 任务编号 cell so the import numbers the task itself"
                }
                return labelled
            }
    }
}
