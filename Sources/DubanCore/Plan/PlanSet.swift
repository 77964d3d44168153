/// Everything loaded together: the department registry and the plans, checked as one whole.
public struct PlanSet: Hashable, Sendable {
    /// Departments and subdistricts, by the registry's order.
    public var departments: [Department]
    /// Plans, base plans before the plans that extend them.
    public var plans: [Plan]

    /// Makes a set.
    public init(departments: [Department], plans: [Plan]) {
        self.departments = departments
        self.plans = plans
    }

    /// Every task of every plan, in plan order.
    public var tasks: [PlanTask] {
        // One plan's tasks are shared as they are, not copied task by task.
        plans.count == 1 ? plans[0].tasks : plans.flatMap(\.tasks)
    }

    /// The earliest start among the plans, where "三年内" and tasks without a start begin.
    public var start: Day? {
        plans.map(\.start).min()
    }

    /// The department with the given id.
    public func department(_ id: String) -> Department? {
        departments.first { $0.id == id }
    }

    /// The root plan of `plan`: itself, or the plan it extends, followed up the chain.
    public func root(of plan: Plan) -> Plan {
        var current = plan
        var seen: Set<String> = [plan.id]
        while let base = current.extends, let next = plans.first(where: { $0.id == base }), seen.insert(base).inserted {
            current = next
        }
        return current
    }
}
