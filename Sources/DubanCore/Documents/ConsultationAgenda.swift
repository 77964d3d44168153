/// The content of a quarterly consultation meeting's agenda (季度会商研判): who attends and what
/// is decided, in the order the meeting takes it.
public struct ConsultationAgenda: Hashable, Sendable, Codable {
    /// A slow or overdue item with its department and escalation history.
    public struct SlowItem: Hashable, Sendable, Codable {
        public var task: String
        public var title: String
        public var department: String
        public var status: TaskStatus
        public var due: Day
        public var expected: Double
        public var reported: Double
        /// The steps taken so far, e.g. "2024-04-07 督促提醒 (sent)".
        public var history: [String]
    }

    /// A late prerequisite of one department holding up another department's task.
    public struct Blockage: Hashable, Sendable, Codable {
        public var blocked: String
        public var blockedDepartment: String
        public var prerequisite: String
        public var prerequisiteDepartment: String
    }

    /// A decision the meeting must take: a pending 约谈, 曝光 or proposed 问责.
    public struct Decision: Hashable, Sendable, Codable {
        public var step: Int64?
        public var task: String
        public var department: String
        public var rung: String
        public var reason: String
        /// The grounds in the office's words; absent in agendas stored before it was added.
        public var basis: String?
    }

    /// Whether an item on the previous agenda has been dealt with.
    public struct FollowUp: Hashable, Sendable, Codable {
        public var task: String
        public var department: String
        public var kept: Bool
        public var now: TaskStatus
    }

    /// The quarter reviewed, `2024Q3`.
    public var quarter: String
    /// The meeting day.
    public var meeting: Day
    /// The day evaluated.
    public var asOf: Day
    /// The office and every department with a red item or a pending approval.
    public var attendees: [String]
    /// Counts per light and status across the plan.
    public var situation: [String: Int]
    public var slow: [SlowItem]
    public var blockages: [Blockage]
    /// Milestones and targets due in the coming quarter.
    public var upcoming: [SlowItem]
    /// Recurring duties with missed occurrences.
    public var missedDuties: [SlowItem]
    public var decisions: [Decision]
    public var followUps: [FollowUp]
    /// The hazard ledger's part: overdue or red listed hazards and repeat offenders.
    public var hazards: HazardPart?

    /// The hazards the meeting studies.
    public struct HazardPart: Hashable, Sendable, Codable {
        /// Listed hazards overdue or red, by deadline.
        public var slow: [SlowItem]
        /// Enterprises with more than one hazard.
        public var repeats: [HazardStatistics.Repeat]
        /// The whole ledger's counts.
        public var total: HazardStatistics.Row
    }

    /// Adds the hazard part: the slow listed hazards of `hazards` (their departments attend), the
    /// repeat offenders and the ledger's counts.
    public mutating func add(
        hazards: Evaluation, repeats: [HazardStatistics.Repeat], total: HazardStatistics.Row,
        history: [String: [EscalationStep]]
    ) {
        let slow = hazards.tasks.filter { $0.status == .overdue || $0.light == .red }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
            .map { task in
                SlowItem(
                    task: task.id, title: hazards.graph.index[task.id].map { hazards.graph.tasks[$0].title } ?? task.id,
                    department: task.lead, status: task.status, due: task.due,
                    expected: TaskEvaluation.rounded(task.expected), reported: TaskEvaluation.rounded(task.reported),
                    history: Self.summary(of: history[task.id] ?? []))
            }
        self.hazards = HazardPart(slow: slow, repeats: repeats, total: total)
        let office = attendees.first
        let others = Set(attendees.dropFirst()).union(slow.map(\.department)).subtracting(office.map { [$0] } ?? [])
        attendees = (office.map { [$0] } ?? []) + others.sorted()
    }

    /// Composes the agenda.
    ///
    /// - Parameters:
    ///   - office: the office's department id, always attending.
    ///   - history: escalation steps per task, oldest first.
    ///   - previousSlow: task ids on the previous quarter's agenda as slow or overdue.
    public init(
        quarter: String, meeting: Day, evaluation: Evaluation, office: String?, history: [String: [EscalationStep]],
        previousSlow: [String]
    ) {
        self.quarter = quarter
        self.meeting = meeting
        asOf = evaluation.asOf
        let graph = evaluation.graph
        func title(_ id: String) -> String { graph.index[id].map { graph.tasks[$0].title } ?? id }
        func item(_ task: TaskEvaluation) -> SlowItem {
            SlowItem(
                task: task.id, title: title(task.id), department: task.lead, status: task.status, due: task.due,
                expected: TaskEvaluation.rounded(task.expected), reported: TaskEvaluation.rounded(task.reported),
                history: Self.summary(of: history[task.id] ?? []))
        }
        var situation: [String: Int] = [:]
        for task in evaluation.tasks {
            situation[task.light.rawValue, default: 0] += 1
            situation[task.status.rawValue, default: 0] += 1
        }
        self.situation = situation
        slow = evaluation.tasks.filter {
            $0.kind != .obligation && ($0.light == .red || $0.status == .overdue || $0.status == .late)
        }
        .map(item)
        var blockages: [Blockage] = []
        for task in evaluation.tasks where task.status == .blocked {
            for prerequisite in task.blockedBy {
                guard let owner = evaluation.task(prerequisite)?.lead, owner != task.lead else { continue }
                blockages.append(
                    Blockage(
                        blocked: task.id, blockedDepartment: task.lead, prerequisite: prerequisite,
                        prerequisiteDepartment: owner))
            }
        }
        self.blockages = blockages
        let quarterEnd = evaluation.asOf.adding(days: 92)
        upcoming = evaluation.tasks.filter {
            $0.kind != .obligation && $0.status != .done && $0.due >= evaluation.asOf && $0.due <= quarterEnd
        }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map(item)
        missedDuties = evaluation.tasks.filter { $0.kind == .obligation && !$0.missedOccurrences.isEmpty }.map(item)
        decisions = history.values.flatMap { steps in
            EscalationLadder.active(steps).filter { $0.state == .proposed || $0.state == .held }
        }.sorted { ($0.date, $0.task) < ($1.date, $1.task) }.map {
            Decision(
                step: $0.id, task: $0.task, department: $0.department, rung: $0.rung.chinese, reason: $0.reason,
                basis: $0.basis)
        }
        followUps = previousSlow.compactMap { id in
            evaluation.task(id).map {
                FollowUp(task: id, department: $0.lead, kept: $0.status == .done || $0.light == .green, now: $0.status)
            }
        }
        var attendees = Set(slow.map(\.department)).union(missedDuties.map(\.department))
            .union(decisions.map(\.department)).union(blockages.map(\.prerequisiteDepartment))
        if let office { attendees.remove(office) }
        self.attendees = (office.map { [$0] } ?? []) + attendees.sorted()
    }

    /// A task's steps as the meeting reads them, runs of one rung in one state merged:
    /// `2024-05-06—2024-12-05 督促提醒×8（已批准）`, `2025-01-06 函告（已批准）`.
    static func summary(of steps: [EscalationStep]) -> [String] {
        var lines: [String] = []
        var index = steps.startIndex
        while index < steps.endIndex {
            let first = steps[index]
            var last = index
            while last + 1 < steps.endIndex, steps[last + 1].kind == first.kind, steps[last + 1].rung == first.rung,
                steps[last + 1].state == first.state
            {
                last += 1
            }
            let name = first.kind == .reset ? "重置" : first.rung.chinese
            let count = last - index + 1
            lines.append(
                count == 1
                    ? "\(first.date) \(name)（\(first.state.chinese)）"
                    : "\(first.date)—\(steps[last].date) \(name)×\(count)（\(first.state.chinese)）")
            index = last + 1
        }
        return lines
    }
}
