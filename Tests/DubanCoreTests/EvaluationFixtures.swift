@testable import DubanCore

/// Builders for the evaluation, ladder, scheduling and document tests. Tasks come from `Fixture`;
/// every day is passed explicitly.
enum EvalFixture {
    static func day(_ text: String) -> Day { Fixture.day(text) }

    /// Every day from `first` through `last`.
    static func days(_ first: String, _ last: String) -> [Day] {
        let start = day(first)
        return (0...start.days(to: day(last))).map { start.adding(days: $0) }
    }

    /// Whether two percentages agree to within rounding noise.
    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    /// A milestone with an ISO due day (and start), led by `lead`.
    static func milestone(
        _ id: String, start: String? = nil, due: String, after: [String] = [], lead: String = "emergency"
    ) -> PlanTask {
        Fixture.milestone(id, due: due, start: start, after: after, lead: lead)
    }

    /// A target `metric op value` due on an ISO day.
    static func target(
        _ id: String, start: String, due: String, value: Double, comparison: Comparison = .atLeast,
        lead: String = "emergency"
    ) -> PlanTask {
        PlanTask(
            id: id, title: "目标 \(id)", plan: "p", action: "a1", measure: 1, lead: lead,
            schedule: .target(
                start: day(start), due: Fixture.phrase(due),
                threshold: Threshold(metric: "占比", comparison: comparison, value: value, unit: "%")))
    }

    /// A recurring duty over `start...end`.
    static func duty(
        _ id: String, every: Frequency = .quarter, start: String, end: String, lead: String = "emergency",
        after: [String] = []
    ) -> PlanTask {
        PlanTask(
            id: id, title: "职责 \(id)", plan: "p", action: "a2", measure: 2, lead: lead,
            schedule: .obligation(Obligation(every: every, start: day(start), end: day(end))),
            dependsOn: after.map { Dependency(task: $0) })
    }

    /// A percent report made on `on` (100 = done that day).
    static func percent(_ value: Double, on: String) -> TaskProgress {
        TaskProgress(percent: value, reportedOn: day(on), doneOn: value >= 100 ? day(on) : nil)
    }

    /// A measured value reported on `on`.
    static func value(_ value: Double, on: String) -> TaskProgress {
        TaskProgress(reportedOn: day(on), value: value)
    }

    /// The tasks evaluated as of `asOf` with the default light policy and the fixture plan start.
    static func evaluate(
        _ tasks: [PlanTask], progress: [String: TaskProgress] = [:], asOf: String
    ) throws -> Evaluation {
        try evaluate(tasks, progress: progress, asOf: day(asOf))
    }

    static func evaluate(_ tasks: [PlanTask], progress: [String: TaskProgress] = [:], asOf: Day) throws -> Evaluation {
        try Evaluator().evaluate(TaskGraph(tasks: tasks), planStart: Fixture.planStart, progress: progress, asOf: asOf)
    }

    /// A hand-made evaluation of one task, for the ladder's per-task rules.
    static func judged(
        _ id: String = "t", lead: String = "emergency", light: Light, status: TaskStatus? = nil
    ) -> TaskEvaluation {
        let status =
            status
            ?? {
                switch light {
                case .red: .late
                case .yellow: .atRisk
                case .green, .blue: .onTrack
                }
            }()
        return TaskEvaluation(
            id: id, lead: lead, kind: .milestone, due: day("2024-12-31"), expected: 60, reported: 20, lag: 40,
            light: light, status: status, blockedBy: [], forecast: nil, slackDays: 0, missedOccurrences: [])
    }

    /// A step already in the history.
    static func step(
        _ rung: EscalationRung, on date: String, state: StepState = .sent, rule: EscalationRule = .redClimb,
        task: String = "t", lead: String = "emergency", kind: EscalationStep.Kind = .rung
    ) -> EscalationStep {
        EscalationStep(
            kind: kind, task: task, department: lead, rung: rung, date: day(date), state: state,
            reason: "\(task) earlier step", rule: rule)
    }

    /// The rules the ladder may name.
    static let rules: Set<EscalationRule> = [
        EscalationRule.redFirst, EscalationRule.redClimb, EscalationRule.yellowReminder, EscalationRule.recovered,
        EscalationRule.blockedPrerequisite,
    ]

    // MARK: The State Council schedules of 2024 and 2025 (国办发明电〔2023〕7号, 〔2024〕12号)

    private static func year(_ year: Int, holidays: [(String, String, String)], workdays: [String]) -> WorkCalendar.Year
    {
        var named: [Day: String] = [:]
        for (name, first, last) in holidays {
            for d in days(first, last) { named[d] = name }
        }
        return WorkCalendar.Year(year: year, holidays: named, workdays: Set(workdays.map(day)))
    }

    static let calendar = WorkCalendar(years: [
        year(
            2024,
            holidays: [
                ("元旦", "2024-01-01", "2024-01-01"), ("春节", "2024-02-10", "2024-02-17"),
                ("清明节", "2024-04-04", "2024-04-06"), ("劳动节", "2024-05-01", "2024-05-05"),
                ("端午节", "2024-06-10", "2024-06-10"), ("中秋节", "2024-09-15", "2024-09-17"),
                ("国庆节", "2024-10-01", "2024-10-07"),
            ],
            workdays: [
                "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
                "2024-10-12",
            ]),
        year(
            2025,
            holidays: [
                ("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"),
                ("清明节", "2025-04-04", "2025-04-06"), ("劳动节", "2025-05-01", "2025-05-05"),
                ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
            ],
            workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
    ])
}
