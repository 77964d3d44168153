import Testing

@testable import DubanCore

/// `TaskGraph.timings(planStart:finishes:)`: earliest start and finish, latest finish and slack.
/// Every number below is worked out by hand in the comments.
@Suite struct TaskGraphSlackTests {
    /// 2024年底前 → 2025年底前 (no start) → 2026年底前, as the plan's goals are written.
    private var chain: TaskGraph {
        TaskGraph(tasks: [
            Fixture.milestone("g2024", due: "2024年底前"),
            Fixture.milestone("g2025", due: "2025年底前", after: ["g2024"]),
            Fixture.milestone("g2026", due: "2026年底前", after: ["g2025"]),
        ])
    }

    @Test func onTimeChainHasNoSlackAnywhere() throws {
        let timings = try chain.timings(planStart: Fixture.planStart)
        #expect(timings.map(\.slackDays) == [0, 0, 0])
        #expect(timings.map(\.earliestStart) == ["2024-01-01", "2025-01-01", "2026-01-01"].map(Fixture.day))
        #expect(timings.map(\.earliestFinish) == ["2024-12-31", "2025-12-31", "2026-12-31"].map(Fixture.day))
        #expect(timings.map(\.latestFinish) == ["2024-12-31", "2025-12-31", "2026-12-31"].map(Fixture.day))
    }

    @Test func forecastNinetyDaysLatePushesEveryDependentNinetyDaysLate() throws {
        // g2024 finishes 2024-12-31 + 90 = 2025-03-31. g2025 keeps its 365-day window and now starts
        // 2025-04-01, finishing 2026-03-31, 90 days after its due 2025-12-31; likewise g2026.
        let late = Fixture.day("2024-12-31").adding(days: 90)
        #expect(late == Fixture.day("2025-03-31"))
        let timings = try chain.timings(planStart: Fixture.planStart, finishes: [0: late])
        #expect(timings.map(\.slackDays) == [-90, -90, -90])
        #expect(timings[1].earliestStart == Fixture.day("2025-04-01"))
        #expect(timings[1].earliestFinish == Fixture.day("2026-03-31"))
        #expect(timings[2].earliestStart == Fixture.day("2026-04-01"))
        #expect(timings[2].earliestFinish == Fixture.day("2027-03-31"))
    }

    @Test func finishingEarlyGivesPositiveSlack() throws {
        // g2024 is done 2024-06-30, 184 days before its due 2024-12-31 (Jul 31 + Aug 31 + Sep 30 +
        // Oct 31 + Nov 30 + Dec 31 = 184). g2025 can start 2024-07-01 and, taking its 365-day window,
        // finish 2025-06-30: again 184 days before 2025-12-31.
        let timings = try chain.timings(planStart: Fixture.planStart, finishes: [0: Fixture.day("2024-06-30")])
        #expect(timings[0].slackDays == 184)
        #expect(timings[0].latestFinish == Fixture.day("2024-12-31"))
        #expect(timings[1].earliestStart == Fixture.day("2024-07-01"))
        #expect(timings[1].earliestFinish == Fixture.day("2025-06-30"))
        #expect(timings[1].slackDays == 184)
        #expect(timings[2].earliestStart == Fixture.day("2025-07-01"))
        #expect(timings[2].slackDays == 184)
    }

    @Test func lagDaysShiftTheEarliestStart() throws {
        // b may only start 30 days after a is due: 2024-12-31 + 30 + 1 = 2025-01-31; its window then
        // runs to its due 2025-12-31, so nothing is late.
        let graph = TaskGraph(tasks: [
            Fixture.milestone("a", due: "2024年底前"),
            Fixture.milestone("b", due: "2025年底前", after: ["a"], lag: 30),
        ])
        let timings = try graph.timings(planStart: Fixture.planStart)
        #expect(timings[1].earliestStart == Fixture.day("2025-01-31"))
        #expect(timings[1].earliestFinish == Fixture.day("2025-12-31"))
        #expect(timings.map(\.slackDays) == [0, 0])
        #expect(timings[0].latestFinish == Fixture.day("2024-12-31"))
    }

    @Test func lagOnALateFinishAddsUp() throws {
        // a finishes 2025-01-10 (10 days late); b waits 30 days: starts 2025-02-10, and its planned
        // window 2025-01-31…2025-12-31 (335 days) ends 2026-01-10, 10 days late.
        let graph = TaskGraph(tasks: [
            Fixture.milestone("a", due: "2024年底前"),
            Fixture.milestone("b", due: "2025年底前", after: ["a"], lag: 30),
        ])
        let timings = try graph.timings(planStart: Fixture.planStart, finishes: [0: Fixture.day("2025-01-10")])
        #expect(timings[1].earliestStart == Fixture.day("2025-02-10"))
        #expect(timings[1].earliestFinish == Fixture.day("2026-01-10"))
        #expect(timings.map(\.slackDays) == [-10, -10])
    }

    @Test func explicitStartAfterPrerequisitesIsKept() throws {
        // b's own window 2025-03-01…2025-12-31 starts after a is due, so it is not moved.
        let graph = TaskGraph(tasks: [
            Fixture.milestone("a", due: "2024年底前"),
            Fixture.milestone("b", due: "2025年底前", start: "2025-03-01", after: ["a"]),
        ])
        let timings = try graph.timings(planStart: Fixture.planStart)
        #expect(timings[1].earliestStart == Fixture.day("2025-03-01"))
        #expect(timings[1].earliestFinish == Fixture.day("2025-12-31"))
        #expect(timings.map(\.slackDays) == [0, 0])
    }

    /// A task whose explicit window (2024-01-01…2026-12-31) opens before its prerequisite is due
    /// (2024-12-31). The plan validates without a warning and every task is on time, so no task can
    /// be late: slack must not be negative, and the prerequisite may finish on its own due day.
    @Test func explicitGenerousWindowOverlappingAPrerequisiteIsNotLate() throws {
        let tasks = [
            Fixture.milestone("a", due: "2024年底前"),
            Fixture.milestone("b", due: "2026年底前", start: "2024-01-01", after: ["a"]),
        ]
        #expect(PlanValidator.validate(Fixture.set(tasks)).isEmpty)
        let timings = try TaskGraph(tasks: tasks).timings(planStart: Fixture.planStart)
        #expect(timings[0].latestFinish == Fixture.day("2024-12-31"))
        #expect(timings[0].slackDays == 0)
        #expect(timings[1].slackDays == 0)
        #expect(timings[1].earliestFinish <= Fixture.day("2026-12-31"))
    }

    @Test func dueBeforePrerequisiteIsLateByTheGap() throws {
        // b is due 2024-06-30 but a only 2024-12-31: b gets a one-day window starting 2025-01-01,
        // 185 days after its due; a must finish by b's latest start − 1 = 2024-06-29, 185 days early.
        let graph = TaskGraph(tasks: [
            Fixture.milestone("a", due: "2024年底前"),
            Fixture.milestone("b", due: "2024年6月底前", after: ["a"]),
        ])
        let timings = try graph.timings(planStart: Fixture.planStart)
        #expect(timings[1].earliestFinish == Fixture.day("2025-01-01"))
        #expect(timings[1].slackDays == -185)
        #expect(timings[0].latestFinish == Fixture.day("2024-06-29"))
        #expect(timings[0].slackDays == -185)
    }

    @Test func obligationSpansItsWindow() throws {
        let duty = PlanTask(
            id: "duty", title: "月调度", plan: "p", action: "a1", measure: nil, lead: "safety-office",
            schedule: .obligation(Obligation(every: .month, start: Fixture.planStart, end: Fixture.day("2026-12-31"))))
        let timings = try TaskGraph(tasks: [duty]).timings(planStart: Fixture.planStart)
        #expect(
            timings == [
                TaskTiming(
                    earliestStart: Fixture.planStart, earliestFinish: Fixture.day("2026-12-31"),
                    latestFinish: Fixture.day("2026-12-31"), slackDays: 0)
            ])
    }
}
