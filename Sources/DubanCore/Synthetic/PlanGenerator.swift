/// Makes synthetic plans of any size for scale tests: many districts, each with its departments
/// and subdistricts, ten actions, measures of about twenty tasks, and chains of dependent stages.
///
/// The same size and seed always give the same plan; every plan it makes validates without errors
/// or warnings.
public struct PlanGenerator: Sendable {
    /// How many tasks to make.
    public var taskCount: Int
    /// The seed that fixes every random choice.
    public var seed: UInt64

    /// Makes a generator.
    public init(taskCount: Int, seed: UInt64) {
        self.taskCount = taskCount
        self.seed = seed
    }

    static let departmentKinds = [
        "emergency", "housing", "transport", "market", "fire", "police", "hrss", "education", "publicity", "finance",
    ]
    static let subdistrictsPerDistrict = 3

    /// The departments and the plan.
    public func generate() -> PlanSet {
        var random = SeededRandom(seed: seed)
        let districts = max(1, taskCount / 2_000)
        var departments: [Department] = [Department(id: "office", name: "区安委会办公室", kind: .department)]
        for district in 1...districts {
            for kind in Self.departmentKinds {
                departments.append(
                    Department(id: "d\(district)-\(kind)", name: "第\(district)区\(kind)", kind: .department))
            }
            for sub in 1...Self.subdistrictsPerDistrict {
                departments.append(
                    Department(id: "d\(district)-s\(sub)", name: "第\(district)区第\(sub)街道", kind: .subdistrict))
            }
        }
        let start = Day(year: 2024, month: 1, day: 1)!
        let end = Day(year: 2026, month: 12, day: 31)!
        var plan = Plan(
            id: "synthetic-\(taskCount)-\(seed)", title: "合成计划(\(taskCount)项任务)", start: start, end: end,
            office: "office")
        plan.actions = (1...10).map { Action(id: "a\($0)", title: "第\($0)项行动") }
        let measureCount = max(1, taskCount / 20)
        plan.measures = (1...measureCount).map {
            Measure(number: $0, action: "a\(($0 - 1) % 10 + 1)", title: "第\($0)条措施")
        }
        plan.tasks.reserveCapacity(taskCount)
        var previousInMeasure: [Int: (id: String, due: Day)] = [:]
        for index in 0..<taskCount {
            let measure = index % measureCount + 1
            let district = index % districts + 1
            let lead =
                random.next() % 4 == 0
                ? "d\(district)-s\(Int(random.next() % UInt64(Self.subdistrictsPerDistrict)) + 1)"
                : "d\(district)-\(Self.departmentKinds[Int(random.next() % UInt64(Self.departmentKinds.count))])"
            let id = "t\(index + 1)"
            let roll = random.next() % 10
            var dependsOn: [Dependency] = []
            var earliest = start.adding(days: 30)
            if let previous = previousInMeasure[measure], roll < 7, previous.due < end.adding(days: -60) {
                dependsOn.append(Dependency(task: previous.id))
                earliest = previous.due.adding(days: 30)
            }
            let due = earliest.adding(days: Int(random.next() % UInt64(max(1, earliest.days(to: end)))))
            let schedule: Schedule
            switch roll {
            case 7, 8:
                let every = [Frequency.month, .quarter, .halfYear, .year][Int(random.next() % 4)]
                schedule = .obligation(Obligation(every: every, start: start, end: end))
            case 9:
                schedule = .target(
                    start: nil, due: DeadlinePhrase(text: due.description, start: nil, due: due),
                    threshold: Threshold(metric: "覆盖率", value: Double(40 + random.next() % 61), unit: "%"))
            default:
                schedule = .milestone(start: nil, due: DeadlinePhrase(text: due.description, start: nil, due: due))
            }
            if case .obligation = schedule {} else { previousInMeasure[measure] = (id, due) }
            plan.tasks.append(
                PlanTask(
                    id: id, title: "合成任务\(index + 1)", plan: plan.id, action: "a\((measure - 1) % 10 + 1)",
                    measure: measure,
                    lead: lead, schedule: schedule, dependsOn: dependsOn))
        }
        return PlanSet(departments: departments, plans: [plan])
    }
}
