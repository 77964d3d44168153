/// Decides, at a monthly dispatch, the ladder steps each task's evaluation calls for.
///
/// Pure: a function of the evaluation, the step history, the light at the previous dispatch and
/// the day. Rules, each named on the steps it makes:
/// - `red-first`: a red task with no step since its last reset gets a reminder.
/// - `red-climb`: a red task that was red at the previous dispatch, whose highest rung is at least
///   `cooldownDays` old, moves up exactly one rung; approval rungs are only proposed.
/// - `awaiting-approval`, `held`: while a step waits for approval or is held, the task gets no new step.
/// - `yellow-reminder`: a yellow task gets a reminder; its rung does not change.
/// - `recovered`: a task back to green (or done) with active steps is reset; history is kept.
/// - `blocked-prerequisite`: a blocked task is not escalated; the lead of each unfinished
///   prerequisite gets a reminder naming it, unless that prerequisite is already escalated.
/// - `office-own`: a red task the office itself leads gets a reminder at each dispatch and never
///   climbs: the office that runs the ladder does not write 函告 to, circulate, summon or expose
///   itself (its lag goes to the committee through the bulletin and the quarterly agenda). The
///   policy's `office_tasks: climb` turns this off.
public struct EscalationLadder: Sendable {
    /// The ladder's settings.
    public var policy: EscalationPolicy
    /// The department that runs the ladder (the plan's `office`), whose own tasks are reminded only.
    public var office: String?

    /// Makes a ladder.
    public init(policy: EscalationPolicy = EscalationPolicy(), office: String? = nil) {
        self.policy = policy
        self.office = office
    }

    /// The steps to record at a dispatch on `day`.
    ///
    /// - Parameters:
    ///   - evaluation: every task as of `day`.
    ///   - history: each task's steps so far, oldest first.
    ///   - previousLights: each task's light at the previous dispatch (absent: not red).
    public func decide(
        _ evaluation: Evaluation, history: [String: [EscalationStep]], previousLights: [String: Light], on day: Day
    ) -> [EscalationStep] {
        var steps: [EscalationStep] = []
        var escalated: Set<String> = []
        var blocked: [TaskEvaluation] = []
        for task in evaluation.tasks {
            if task.status == .blocked {
                blocked.append(task)
                continue
            }
            if let step = decide(task, history: history[task.id] ?? [], previous: previousLights[task.id], on: day) {
                steps.append(step)
                if step.kind == .rung { escalated.insert(task.id) }
            }
        }
        for task in blocked {
            for prerequisite in task.blockedBy where !escalated.contains(prerequisite) {
                // A prerequisite whose own step waits for the office's decision gets nothing new either.
                let pending = Self.active(history[prerequisite] ?? []).contains {
                    $0.state == .proposed || $0.state == .held
                }
                if pending { continue }
                guard let owner = evaluation.task(prerequisite)?.lead else { continue }
                steps.append(
                    EscalationStep(
                        task: prerequisite, department: owner, rung: .reminder, date: day, state: .approved,
                        reason: "\(prerequisite) is not done and holds up \(task.id) (\(task.lead)); "
                            + "\(task.id) is blocked, so its prerequisite's owner is reminded",
                        rule: .blockedPrerequisite))
                escalated.insert(prerequisite)
            }
        }
        return steps
    }

    /// The step for one task that is not blocked, or nil.
    public func decide(
        _ task: TaskEvaluation, history: [EscalationStep], previous: Light?, on day: Day
    ) -> EscalationStep? {
        let active = Self.active(history)
        if task.light == .green || task.status == .done {
            guard let top = active.max(by: { $0.rung < $1.rung }) else { return nil }
            return EscalationStep(
                kind: .reset, task: task.id, department: task.lead, rung: top.rung, date: day, state: .approved,
                reason: "\(task.id) is back to green (\(task.status.rawValue)): the ladder starts again",
                rule: .recovered)
        }
        // While the office is deciding a step (proposed or held), the task gets nothing new.
        if active.contains(where: { $0.state == .held || $0.state == .proposed }) { return nil }
        let climbed = active.filter { $0.rule.climbs }
        switch task.light {
        case .red where task.lead == office && !policy.officeTasksClimb:
            return EscalationStep(
                task: task.id, department: task.lead, rung: .reminder, date: day, state: .approved,
                reason: "\(task.id) is red (\(describe(task))) and is the office's own task: a reminder; the ladder "
                    + "does not climb for the office that runs it",
                rule: .officeOwn)
        case .red:
            guard let top = climbed.max(by: { ($0.rung, $0.date) < ($1.rung, $1.date) }) else {
                return EscalationStep(
                    task: task.id, department: task.lead, rung: .reminder, date: day, state: .approved,
                    reason: "\(task.id) is red (\(describe(task))): first step, \(EscalationRung.reminder.chinese)",
                    rule: .redFirst)
            }
            guard previous == .red, top.date.days(to: day) >= policy.cooldownDays, let next = top.rung.next else {
                return nil
            }
            let needsApproval = policy.approvalRungs.contains(next)
            return EscalationStep(
                task: task.id, department: task.lead, rung: next, date: day,
                state: needsApproval ? .proposed : .approved,
                reason: "\(task.id) was red at the previous dispatch and still is (\(describe(task))); "
                    + "\(top.rung.chinese) on \(top.date) did not bring it back: \(next.chinese)"
                    + (needsApproval ? ", which waits for the office's approval" : ""),
                rule: .redClimb)
        case .yellow:
            return EscalationStep(
                task: task.id, department: task.lead, rung: .reminder, date: day, state: .approved,
                reason: "\(task.id) is yellow (\(describe(task))): a reminder only", rule: .yellowReminder)
        case .green, .blue:
            return nil
        }
    }

    /// The steps since the last reset.
    public static func active(_ history: [EscalationStep]) -> [EscalationStep] {
        guard let reset = history.lastIndex(where: { $0.kind == .reset }) else { return history }
        return Array(history[(reset + 1)...])
    }

    private func describe(_ task: TaskEvaluation) -> String {
        if task.status == .overdue {
            return task.missedOccurrences.isEmpty
                ? "overdue since \(task.due)" : "missed \(task.missedOccurrences.joined(separator: ", "))"
        }
        return "expected \(Int(task.expected.rounded()))%, reported \(Int(task.reported.rounded()))%"
    }
}
