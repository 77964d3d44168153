/// Listed hazards evaluated as the tasks are: each is a milestone from its listing to its
/// rectification deadline, led by its supervising department, with the reported rectification
/// progress as its progress. It is done when it is closed (销号): until then its progress counts at
/// most 99%, so a hazard reported rectified but not verified past its deadline is still overdue.
/// One that waits on something the office records is blocked and does not climb the ladder.
///
/// The evaluation is an ordinary `Evaluation`, so the same lights, ladder, reminders, digests and
/// letters apply; its ids are the hazards' ids.
public enum HazardSupervision {
    /// The plan id and action the hazards' tasks carry.
    public static let plan = "hazards"

    /// The supervised hazards (those listed), as tasks.
    public static func tasks(_ hazards: [Hazard]) -> [PlanTask] {
        hazards.filter { $0.listing != nil }.map(task)
    }

    /// One hazard as a task: its title names the enterprise and the hazard.
    public static func task(_ hazard: Hazard) -> PlanTask {
        PlanTask(
            id: hazard.id, title: title(hazard), plan: plan, action: plan, measure: nil, lead: hazard.department,
            schedule: .milestone(
                start: hazard.listing?.on ?? hazard.foundOn,
                due: DeadlinePhrase(text: hazard.deadline.description, start: nil, due: hazard.deadline)),
            source: hazard.basis.isEmpty ? nil : hazard.basis)
    }

    /// `某某公司：描述（高新安办督〔2025〕7号）`.
    public static func title(_ hazard: Hazard) -> String {
        "\(hazard.enterprise.name)：\(hazard.description)" + (hazard.listingNumber.map { "（\($0)）" } ?? "")
    }

    /// The progress a hazard reports as a task's.
    public static func progress(_ hazard: Hazard) -> TaskProgress {
        if hazard.state == .closed {
            return TaskProgress(percent: 100, reportedOn: hazard.closedOn, doneOn: hazard.closedOn)
        }
        return TaskProgress(percent: min(99, hazard.progress), reportedOn: hazard.progressOn)
    }

    /// Every listed hazard's evaluation as of `day`.
    public static func evaluate(_ hazards: [Hazard], asOf day: Day, lights: LightPolicy) -> Evaluation {
        let listed = hazards.filter { $0.listing != nil }
        let graph = TaskGraph(tasks: listed.map(task))
        let reported = Dictionary(listed.map { ($0.id, Self.progress($0)) }, uniquingKeysWith: { first, _ in first })
        // Hazards have no prerequisites, so the graph has no cycle.
        var evaluation =
            (try? Evaluator(policy: lights).evaluate(graph, planStart: day, progress: reported, asOf: day))
            ?? Evaluation(asOf: day, tasks: [], graph: graph)
        for (index, hazard) in listed.enumerated() where hazard.waitingOn != nil && hazard.state != .closed {
            evaluation.tasks[index].status = .blocked
        }
        return evaluation
    }
}
