/// A message a job run decided to send: to whom, of what kind, its text and its facts. The store
/// queues it in the run's transaction, keyed `job/period/department` unless it names its own key.
public struct OutgoingMessage: Hashable, Sendable {
    public var department: String
    public var kind: MessageKind
    public var subject: String
    /// The text, a line each (Markdown).
    public var body: [String]
    public var facts: MessageFacts

    public init(department: String, kind: MessageKind, subject: String, body: [String], facts: MessageFacts) {
        self.department = department
        self.kind = kind
        self.subject = subject
        self.body = body
        self.facts = facts
    }
}

/// Who gets which message from a job run, and what it says: pure functions of what the run
/// decided (the reminders due, the bulletin and steps, the agenda, the review). No store, no clock.
public enum JobMessages {
    /// One message per department with deadlines 30, 7 or 1 working days ahead, in department order.
    public static func reminders(_ due: [DueReminder], on day: Day, titles: (String) -> String) -> [OutgoingMessage] {
        Dictionary(grouping: due, by: \.department).sorted { $0.key < $1.key }.map { department, items in
            OutgoingMessage(
                department: department, kind: .reminders, subject: "到期提醒 \(day)",
                body: items.map { "- \($0.task) \(titles($0.task)): 截止 \($0.due)，还有 \($0.workingDaysBefore) 个工作日" },
                facts: MessageFacts(
                    period: day.description,
                    tasks: items.map {
                        .init(
                            task: $0.task, title: titles($0.task), department: department, due: $0.due,
                            workingDaysLeft: $0.workingDaysBefore)
                    }))
        }
    }

    /// The monthly dispatch's digest to each department with a red or yellow task or a step this
    /// month: its standing, its slow tasks, the steps taken. `link` is the bulletin's address.
    public static func digests(_ bulletin: MonthlyBulletin, steps: [EscalationStep], link: String?) -> [OutgoingMessage]
    {
        // Grouped once, by place (grouping copied every item): a plan of a million tasks has
        // thousands of departments.
        var itemsByLead: [String: [Int]] = [:]
        for index in bulletin.items.indices { itemsByLead[bulletin.items[index].lead, default: []].append(index) }
        var stepsByDepartment: [String: [Int]] = [:]
        for index in steps.indices { stepsByDepartment[steps[index].department, default: []].append(index) }
        let standings = Dictionary(bulletin.ranking.map { ($0.department, $0) }, uniquingKeysWith: { a, _ in a })
        let hazardsByLead = Dictionary(grouping: bulletin.hazards?.items ?? [], by: \.lead)
        func fact(_ item: MonthlyBulletin.Item) -> MessageFacts.TaskFact {
            .init(
                task: item.task, title: item.title, department: item.lead, due: item.due, light: item.light,
                status: item.status, expected: item.expected, reported: item.reported)
        }
        var messages: [OutgoingMessage] = []
        for line in bulletin.departments
        where line.red + line.yellow > 0 || stepsByDepartment[line.department] != nil
            || hazardsByLead[line.department] != nil
        {
            var summary: [String] = []
            if let standing = standings[line.department] {
                summary.append(
                    "本月通报: 得分 \(standing.score.plainText)，排名第 \(standing.rank)/\(bulletin.ranking.count)"
                        + (standing.change.map { $0 > 0 ? "（上升 \($0)）" : $0 < 0 ? "（下降 \(-$0)）" : "（持平）" } ?? "")
                        + "；全区序时进度 \(bulletin.expected.plainText)%，报送 \(bulletin.reported.plainText)%")
            }
            if let link { summary.append("通报全文: \(link)") }
            let items = itemsByLead[line.department] ?? []
            let own = items.map {
                let item = bulletin.items[$0]
                return
                    "- [\(item.light.rawValue)] \(item.task) \(item.title): 序时 \(Int(item.expected))%，报送 \(Int(item.reported))%，截止 \(item.due)"
            }
            let hazards = hazardsByLead[line.department] ?? []
            let hazardLines = hazards.map {
                "- [\($0.light.rawValue)] \($0.task) \($0.title): 整改进度 \(Int($0.reported))%，整改期限 \($0.due)"
            }
            let takenLines = (stepsByDepartment[line.department] ?? []).compactMap { index -> String? in
                let step = steps[index]
                guard step.kind == .rung else { return nil }
                return "- \(step.rung.chinese) (\(step.state.rawValue)): \(step.task) — \(step.rule)"
            }
            messages.append(
                OutgoingMessage(
                    department: line.department, kind: .dispatchDigest, subject: "\(bulletin.month) 月调度",
                    body: summary + (summary.isEmpty ? [] : [""]) + own
                        + (hazardLines.isEmpty ? [] : ["", "挂牌督办重大事故隐患:"] + hazardLines)
                        + (takenLines.isEmpty ? [] : ["", "本月督办:"] + takenLines),
                    facts: MessageFacts(
                        period: bulletin.month,
                        tasks: items.map { fact(bulletin.items[$0]) } + hazards.map(fact))))
        }
        return messages
    }

    /// The quarterly agenda's notice to each attendee. `link` is the agenda's address.
    public static func agenda(_ agenda: ConsultationAgenda, link: String?) -> [OutgoingMessage] {
        let facts = MessageFacts(
            period: agenda.quarter,
            tasks: agenda.slow.map {
                .init(
                    task: $0.task, title: $0.title, department: $0.department, due: $0.due, status: $0.status,
                    expected: $0.expected, reported: $0.reported)
            })
        return agenda.attendees.map { attendee in
            OutgoingMessage(
                department: attendee, kind: .agenda, subject: "\(agenda.quarter) 季度会商研判 \(agenda.meeting)",
                body: [
                    "会议: \(agenda.meeting)",
                    "议题: \(agenda.slow.count) 项滞后事项, \(agenda.blockages.count) 项跨部门堵点, \(agenda.decisions.count) 项待决督办",
                ] + (link.map { ["议程全文: \($0)"] } ?? []),
                facts: facts)
        }
    }

    /// The yearly review, to the office.
    public static func review(_ review: MonthlyBulletin, office: String?) -> [OutgoingMessage] {
        guard let office else { return [] }
        return [
            OutgoingMessage(
                department: office, kind: .review, subject: "\(review.month) 年度一致性评估",
                body: ["\(review.departments.count) 个单位; 序时进度 \(review.expected)%, 报送 \(review.reported)%"],
                facts: MessageFacts(period: review.month))
        ]
    }
}
