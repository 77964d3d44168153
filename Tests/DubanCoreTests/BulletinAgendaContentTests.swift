import Testing

@testable import DubanCore

/// `MonthlyBulletin` and `ConsultationAgenda` content reconciles with the evaluation it is made from.
///
/// As of 2024-04-08 (day 99 of 2024):
/// - ins (emergency) 01-01 … 06-30 (182 days), 10%: expected 54.4 → red, late.
/// - plan-doc (housing) due 03-31, nothing reported → red, overdue.
/// - build (emergency) and same-dept (housing) wait on plan-doc → blocked.
/// - drill (xingren), quarterly, 2024Q1 not reported → red, overdue.
/// - slow-x (xingren) 01-01 … 12-31 (366 days), 15%: expected 27.0 → yellow, at risk.
/// - fine (xingren), 30% → green, on track.
/// - soon (housing) 01-01 … 04-20 (111 days), 97%: expected 89.2, due in 12 days → blue.
@Suite struct BulletinAgendaContentTests {
    typealias F = EvalFixture

    private func evaluation() throws -> Evaluation {
        let tasks = [
            F.milestone("ins", start: "2024-01-01", due: "2024-06-30"),
            F.milestone("plan-doc", start: "2024-01-01", due: "2024-03-31", lead: "housing"),
            F.milestone("build", due: "2024-09-30", after: ["plan-doc"]),
            F.milestone("same-dept", due: "2024-12-31", after: ["plan-doc"], lead: "housing"),
            F.duty("drill", start: "2024-01-01", end: "2024-12-31", lead: "xingren"),
            F.milestone("slow-x", start: "2024-01-01", due: "2024-12-31", lead: "xingren"),
            F.milestone("fine", start: "2024-01-01", due: "2024-12-31", lead: "xingren"),
            F.milestone("soon", start: "2024-01-01", due: "2024-04-20", lead: "housing"),
        ]
        let progress = [
            "ins": F.percent(10, on: "2024-04-08"), "slow-x": F.percent(15, on: "2024-04-08"),
            "fine": F.percent(30, on: "2024-04-08"), "soon": F.percent(97, on: "2024-04-08"),
        ]
        return try F.evaluate(tasks, progress: progress, asOf: "2024-04-08")
    }

    @Test func scenarioLightsAndStatuses() throws {
        let e = try evaluation()
        #expect(e.tasks.map(\.light) == [.red, .red, .green, .green, .red, .yellow, .green, .blue])
        #expect(e.tasks.map(\.status) == [.late, .overdue, .blocked, .blocked, .overdue, .atRisk, .onTrack, .onTrack])
    }

    @Test func bulletinNumbersReconcileWithTheEvaluation() throws {
        let e = try evaluation()
        let steps = EscalationLadder().decide(e, history: [:], previousLights: [:], on: F.day("2024-04-08"))
        let bulletin = MonthlyBulletin(month: "2024-04", evaluation: e, registry: Fixture.departments, steps: steps)
        #expect(bulletin.asOf == F.day("2024-04-08"))
        #expect(bulletin.departments.map(\.department) == ["emergency", "housing", "xingren"])
        #expect(bulletin.departments.map(\.name) == ["区应急管理局", "区住房和城乡建设局", "兴仁街道"])
        #expect(bulletin.departments.map(\.tasks) == [2, 3, 3])
        #expect(bulletin.departments.map(\.red) == [1, 1, 1])
        #expect(bulletin.departments.map(\.yellow) == [0, 0, 1])
        #expect(bulletin.departments.map(\.overdue) == [0, 1, 1])
        #expect(bulletin.departments.map(\.done) == [0, 0, 0])
        #expect(bulletin.departments.reduce(0) { $0 + $1.tasks } == e.tasks.count)
        #expect(bulletin.departments.reduce(0) { $0 + $1.red } == e.tasks.filter { $0.light == .red }.count)
        #expect(bulletin.departments.reduce(0) { $0 + $1.yellow } == e.tasks.filter { $0.light == .yellow }.count)
        // Red first by due day then id (drill's current period and ins both end 06-30), then yellow.
        #expect(bulletin.items.map(\.task) == ["plan-doc", "drill", "ins", "slow-x"])
        #expect(bulletin.items.map(\.title) == ["任务 plan-doc", "职责 drill", "任务 ins", "任务 slow-x"])
        #expect(bulletin.items[2].expected == 54.4)  // 99 / 182
        #expect(bulletin.items[2].reported == 10)
        #expect(bulletin.steps.map(\.task) == ["ins", "plan-doc", "drill", "slow-x"])
        #expect(
            bulletin.steps.map(\.rule) == [
                EscalationRule.redFirst, EscalationRule.redFirst, EscalationRule.redFirst,
                EscalationRule.yellowReminder,
            ])
        #expect(bulletin.steps.allSatisfy { $0.rung == "督促提醒" })
        #expect(bulletin.upcoming.map(\.task) == ["soon"])  // due within 31 days
        let expected = e.tasks.reduce(0) { $0 + $1.expected } / Double(e.tasks.count)
        #expect(bulletin.expected == TaskEvaluation.rounded(expected))
    }

    /// Items, roll-ups and titles find each task's plan task by its place when the evaluation is in
    /// the graph's order, and by its id when it is not.
    @Test func anEvaluationOutOfItsGraphsOrderIsTitledAndRolledUpByID() throws {
        let e = try evaluation()
        var reversed = e
        reversed.tasks.reverse()
        #expect(reversed.node(of: 0) == e.tasks.count - 1)
        #expect(e.node(of: 0) == 0)
        let steps = EscalationLadder().decide(e, history: [:], previousLights: [:], on: F.day("2024-04-08"))
        let inOrder = MonthlyBulletin(month: "2024-04", evaluation: e, registry: Fixture.departments, steps: steps)
        let outOfOrder = MonthlyBulletin(
            month: "2024-04", evaluation: reversed, registry: Fixture.departments, steps: steps)
        #expect(outOfOrder.items == inOrder.items)
        #expect(outOfOrder.upcoming == inOrder.upcoming)
        #expect(outOfOrder.items.map(\.title) == ["任务 plan-doc", "职责 drill", "任务 ins", "任务 slow-x"])
        #expect(outOfOrder.departments.map(\.tasks) == inOrder.departments.map(\.tasks))
        #expect(reversed.actions([]).map(\.key) == e.actions([]).map(\.key))
        #expect(reversed.actions([]).map(\.tasks) == e.actions([]).map(\.tasks))
        #expect(reversed.measures().map(\.tasks) == e.measures().map(\.tasks))
    }

    /// The monthly digests: one per department with a red or yellow task or a step, its own slow
    /// tasks as text and as facts, and the steps taken this month.
    @Test func digestsGoToDepartmentsWithSlowTasksOrSteps() throws {
        let e = try evaluation()
        let steps = EscalationLadder().decide(e, history: [:], previousLights: [:], on: F.day("2024-04-08"))
        let bulletin = MonthlyBulletin(month: "2024-04", evaluation: e, registry: Fixture.departments, steps: steps)
        let digests = JobMessages.digests(bulletin, steps: steps, link: "https://duban.intranet/bulletins/2024-04.html")
        let expected = bulletin.departments.filter { $0.red + $0.yellow > 0 }.map(\.department)
        #expect(digests.map(\.department) == expected)
        #expect(Set(expected) == ["emergency", "housing", "xingren"])
        for digest in digests {
            let own = bulletin.items.filter { $0.lead == digest.department }
            #expect(digest.kind == .dispatchDigest && digest.subject == "2024-04 月调度")
            #expect(digest.facts.period == "2024-04")
            #expect(digest.facts.tasks.map(\.task) == own.map(\.task))
            #expect(digest.facts.tasks.map(\.light) == own.map(\.light))
            #expect(digest.body.contains("通报全文: https://duban.intranet/bulletins/2024-04.html"))
        }
        let xingren = try #require(digests.first { $0.department == "xingren" })
        #expect(xingren.body.contains("本月督办:"))
        #expect(xingren.body.contains("- 督促提醒 (approved): slow-x — yellow-reminder"))
        #expect(xingren.facts.tasks.first { $0.task == "slow-x" }?.light == .yellow)
        // With no slow task and no step, a department hears nothing.
        #expect(JobMessages.digests(bulletin, steps: [], link: nil).allSatisfy { expected.contains($0.department) })
    }

    @Test func bulletinLeavesResetsOutOfItsSteps() throws {
        let e = try evaluation()
        let reset = F.step(
            .letter, on: "2024-04-08", state: .approved, rule: EscalationRule.recovered, task: "fine", kind: .reset)
        let bulletin = MonthlyBulletin(month: "2024-04", evaluation: e, registry: Fixture.departments, steps: [reset])
        #expect(bulletin.steps.isEmpty)
    }

    private let pendingSummons = [
        "slow-x": [
            F.step(.reminder, on: "2024-01-05", rule: EscalationRule.redFirst, task: "slow-x", lead: "xingren"),
            F.step(.letter, on: "2024-02-05", task: "slow-x", lead: "xingren"),
            F.step(.notice, on: "2024-03-05", task: "slow-x", lead: "xingren"),
            F.step(.summons, on: "2024-04-07", state: .proposed, task: "slow-x", lead: "xingren"),
        ]
    ]

    @Test func agendaContent() throws {
        let e = try evaluation()
        let agenda = ConsultationAgenda(
            quarter: "2024Q1", meeting: F.day("2024-04-15"), evaluation: e, office: "safety-office",
            history: pendingSummons, previousSlow: ["plan-doc", "fine"])
        #expect(agenda.attendees == ["safety-office", "emergency", "housing", "xingren"])
        #expect(agenda.slow.map(\.task) == ["ins", "plan-doc"])
        #expect(agenda.slow.map(\.department) == ["emergency", "housing"])
        #expect(
            agenda.blockages == [
                .init(
                    blocked: "build", blockedDepartment: "emergency", prerequisite: "plan-doc",
                    prerequisiteDepartment: "housing")
            ])
        #expect(agenda.decisions.map(\.task) == ["slow-x"])
        #expect(agenda.decisions.map(\.rung) == ["约谈"])
        #expect(agenda.decisions.map(\.department) == ["xingren"])
        #expect(agenda.missedDuties.map(\.task) == ["drill"])
        #expect(agenda.upcoming.map(\.task) == ["soon", "ins"])
        #expect(agenda.situation["red"] == 3)
        #expect(agenda.situation["red"] == e.tasks.filter { $0.light == .red }.count)
        #expect(agenda.situation["blocked"] == 2)
        #expect(agenda.situation["overdue"] == 2)
        #expect(["green", "blue", "yellow", "red"].reduce(0) { $0 + (agenda.situation[$1] ?? 0) } == e.tasks.count)
        #expect(agenda.followUps.map(\.kept) == [false, true])
        #expect(agenda.followUps.map(\.now) == [.overdue, .onTrack])
    }

    @Test func slowItemCarriesItsHistory() throws {
        var history = pendingSummons
        history["ins"] = [F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst, task: "ins")]
        let agenda = ConsultationAgenda(
            quarter: "2024Q1", meeting: F.day("2024-04-15"), evaluation: try evaluation(), office: "safety-office",
            history: history, previousSlow: [])
        #expect(agenda.slow.first?.history == ["2024-04-07 督促提醒（已发送）"])
    }

    @Test func runsOfOneRungAreMergedInTheHistory() {
        let steps = [
            F.step(.reminder, on: "2024-02-05", rule: EscalationRule.redFirst, task: "ins"),
            F.step(.reminder, on: "2024-03-05", rule: EscalationRule.redFirst, task: "ins"),
            F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst, task: "ins"),
            F.step(.letter, on: "2024-05-06", rule: EscalationRule.redClimb, task: "ins"),
        ]
        #expect(
            ConsultationAgenda.summary(of: steps) == [
                "2024-02-05—2024-04-07 督促提醒×3（已发送）", "2024-05-06 函告（已发送）",
            ])
        #expect(ConsultationAgenda.summary(of: []) == [])
    }

    private func small(_ tasks: [PlanTask], history: [String: [EscalationStep]] = [:]) throws -> ConsultationAgenda {
        let e = try F.evaluate(tasks, asOf: "2024-04-08")
        return ConsultationAgenda(
            quarter: "2024Q1", meeting: F.day("2024-04-15"), evaluation: e, office: "safety-office",
            history: history, previousSlow: [])
    }

    @Test func aPendingApprovalAloneBringsItsDepartment() throws {
        let tasks = [F.milestone("h", start: "2024-01-01", due: "2024-12-31", lead: "housing")]
        let held = ["h": [F.step(.summons, on: "2024-04-07", state: .held, task: "h", lead: "housing")]]
        #expect(try small(tasks).attendees == ["safety-office"])
        #expect(try small(tasks, history: held).attendees == ["safety-office", "housing"])
        #expect(try small(tasks, history: held).decisions.map(\.rung) == ["约谈"])
        // A reset clears what was pending before it.
        let reset = ["h": held["h"]! + [F.step(.summons, on: "2024-04-08", task: "h", lead: "housing", kind: .reset)]]
        #expect(try small(tasks, history: reset).decisions.isEmpty)
    }

    @Test func ownerOfACrossDepartmentBlockingDutyAttends() throws {
        // patrol's only quarter (2024Q1) was missed; fix (emergency, green) waits on it since 04-01.
        let tasks = [
            F.duty("patrol", start: "2024-01-01", end: "2024-03-31", lead: "xingren"),
            F.milestone("fix", due: "2024-06-30", after: ["patrol"]),
        ]
        let agenda = try small(tasks)
        #expect(agenda.blockages.map(\.prerequisiteDepartment) == ["xingren"])
        #expect(agenda.attendees == ["safety-office", "xingren"])
    }

    /// The agenda's doc comment: "The office and every department with a red item". A duty with a
    /// missed quarter is red (overdue) and is on the agenda under `missedDuties`, but its department
    /// is not invited, because attendees come from `slow`, which leaves duties out.
    @Test func departmentWhoseOnlyRedItemIsAMissedDutyAttends() throws {
        let tasks = [F.duty("drill", start: "2024-01-01", end: "2024-12-31", lead: "xingren")]
        let agenda = try small(tasks)
        #expect(agenda.missedDuties.map(\.department) == ["xingren"])
        #expect(agenda.attendees == ["safety-office", "xingren"])
    }
}
