import Testing

@testable import DubanCore

/// `EscalationLadder`: 督促提醒 → 函告 → 通报 → 约谈 → 曝光 → 问责, one rung per monthly dispatch
/// while red, with a 28-day cooldown (`EscalationPolicy`'s documented default).
@Suite struct EscalationLadderTests {
    let ladder = EscalationLadder()
    typealias F = EvalFixture

    private func decide(
        _ light: Light, _ history: [EscalationStep], previous: Light? = .red, on day: String
    )
        -> EscalationStep?
    {
        ladder.decide(F.judged(light: light), history: history, previous: previous, on: F.day(day))
    }

    @Test func redFirstIsAReminder() throws {
        let step = try #require(decide(.red, [], previous: nil, on: "2024-04-07"))
        #expect(step.kind == .rung)
        #expect(step.rung == .reminder)
        #expect(step.rung.chinese == "督促提醒")
        #expect(step.state == .approved)
        #expect(step.rule == EscalationRule.redFirst)
        #expect(step.department == "emergency")
        #expect(step.date == F.day("2024-04-07"))
        #expect(step.reason.contains("t is red"))
    }

    @Test func climbsOneRungAfterTheCooldown() throws {
        let history = [F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst)]
        // 2024-04-07 → 2024-05-06 is 29 days.
        let step = try #require(decide(.red, history, on: "2024-05-06"))
        #expect(step.rung == .letter)
        #expect(step.state == .approved)
        #expect(step.rule == EscalationRule.redClimb)
        #expect(step.reason.contains("督促提醒 on 2024-04-07"))
        // Exactly 28 days climbs; 27 and 20 do not.
        #expect(decide(.red, history, on: "2024-05-05")?.rung == .letter)
        #expect(decide(.red, history, on: "2024-05-04") == nil)
        #expect(decide(.red, history, on: "2024-04-27") == nil)
    }

    /// The office's own task (月通报, say) is reminded at every dispatch while red, and never gets a
    /// 函告 from itself; another department's task, with the same history, climbs.
    @Test func theOfficesOwnTaskIsRemindedAndNeverClimbs() throws {
        let office = EscalationLadder(office: "emergency")  // the fixture task's lead
        var history: [EscalationStep] = []
        for day in ["2024-04-07", "2024-05-06", "2024-06-05", "2024-07-05"] {
            let step = try #require(
                office.decide(F.judged(light: .red), history: history, previous: .red, on: F.day(day)))
            #expect(step.rung == .reminder && step.rule == EscalationRule.officeOwn && step.state == .approved)
            #expect(step.reason.contains("the office's own task"))
            history.append(step)
        }
        #expect(
            office.decide(F.judged(light: .yellow), history: [], previous: nil, on: F.day("2024-04-07"))?.rule
                == EscalationRule.yellowReminder)
        let climbing = EscalationLadder(policy: EscalationPolicy(officeTasksClimb: true), office: "emergency")
        #expect(
            climbing.decide(F.judged(light: .red), history: [history[0]], previous: .red, on: F.day("2024-05-06"))?
                .rung == .letter)
        let other = EscalationLadder(office: "safety-office")
        #expect(
            other.decide(F.judged(light: .red), history: history, previous: .red, on: F.day("2024-08-05"))?.rung
                == .letter)
    }

    @Test func noClimbWhenThePreviousDispatchWasNotRed() {
        let history = [F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst)]
        #expect(decide(.red, history, previous: .yellow, on: "2024-05-06") == nil)
        #expect(decide(.red, history, previous: .green, on: "2024-05-06") == nil)
        #expect(decide(.red, history, previous: nil, on: "2024-05-06") == nil)
    }

    @Test func aThirtyDayCooldownWouldSkipTheMayDispatch() {
        let strict = EscalationLadder(policy: EscalationPolicy(cooldownDays: 30))
        let history = [F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst)]
        #expect(strict.decide(F.judged(light: .red), history: history, previous: .red, on: F.day("2024-05-06")) == nil)
        #expect(ladder.policy.cooldownDays == 28)
    }

    /// The monthly dispatch days of 2024-02 … 2025-01 (first working day on or after the 5th).
    static let dispatches = [
        "2024-02-05", "2024-03-05", "2024-04-07", "2024-05-06", "2024-06-05", "2024-07-05", "2024-08-05",
        "2024-09-05", "2024-10-08", "2024-11-05", "2024-12-05", "2025-01-06",
    ]

    /// Runs a red task through every dispatch; the office approves proposals when `approve`.
    private func redRun(approve: Bool) -> [(day: String, step: EscalationStep?)] {
        var history: [EscalationStep] = []
        var previous: Light? = nil
        var out: [(String, EscalationStep?)] = []
        for day in Self.dispatches {
            if approve {
                history = history.map {
                    var s = $0; if s.state == .proposed { s.state = .approved }; return s
                }
            }
            let step = decide(.red, history, previous: previous, on: day)
            if let step { history.append(step) }
            out.append((day, step))
            previous = .red
        }
        return out
    }

    @Test func twelveRedDispatchesNeverSkipARung() {
        let run = redRun(approve: true)
        let steps = run.compactMap(\.step)
        #expect(steps.map(\.rung) == EscalationRung.allCases)
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $1.rung.rawValue == $0.rung.rawValue + 1 })
        #expect(run.prefix(6).allSatisfy { $0.step != nil })
        #expect(run.dropFirst(6).allSatisfy { $0.step == nil })  // 问责 is the top
        #expect(steps.map(\.rule) == [EscalationRule.redFirst] + Array(repeating: EscalationRule.redClimb, count: 5))
        #expect(steps.map(\.state) == [.approved, .approved, .approved, .proposed, .proposed, .proposed])
        #expect(steps.map(\.date.description) == Array(Self.dispatches.prefix(6)))
        #expect(steps.allSatisfy { F.rules.contains($0.rule) && $0.reason.contains("t ") })
    }

    @Test func neverClimbsPastAnUnapprovedRung() {
        let steps = redRun(approve: false).compactMap(\.step)
        #expect(steps.map(\.rung) == [.reminder, .letter, .notice, .summons])
        #expect(steps.last?.state == .proposed)
        #expect(steps.last?.reason.contains("waits for the office's approval") == true)
    }

    private let throughNotice = [
        F.step(.reminder, on: "2024-02-05", rule: EscalationRule.redFirst), F.step(.letter, on: "2024-03-05"),
        F.step(.notice, on: "2024-04-07"),
    ]

    @Test func approvalRungsAreProposedAndHoldTheLadder() throws {
        let summons = try #require(decide(.red, throughNotice, on: "2024-05-06"))
        #expect(summons.rung == .summons)
        #expect(summons.state == .proposed)
        let waiting = throughNotice + [summons]
        #expect(decide(.red, waiting, on: "2024-06-05") == nil)
        #expect(decide(.red, waiting, on: "2024-09-05") == nil)
        var held = summons
        held.state = .held
        #expect(decide(.red, throughNotice + [held], on: "2024-06-05") == nil)
        #expect(decide(.yellow, throughNotice + [held], on: "2024-06-05") == nil)
        var approved = summons
        approved.state = .approved
        let exposure = try #require(decide(.red, throughNotice + [approved], on: "2024-06-05"))
        #expect(exposure.rung == .exposure)
        #expect(exposure.state == .proposed)
        var exposed = exposure
        exposed.state = .sent
        let accountability = try #require(decide(.red, throughNotice + [approved, exposed], on: "2024-07-05"))
        #expect(accountability.rung == .accountability)
        #expect(accountability.state == .proposed)
    }

    /// Brief: "while one is proposed or held there is no new step for that task". The code only
    /// stops red climbs on a proposal; a yellow task still gets a reminder (see the report).
    @Test func noReminderWhileAProposalWaits() {
        let waiting = throughNotice + [F.step(.summons, on: "2024-05-06", state: .proposed)]
        #expect(decide(.yellow, waiting, on: "2024-06-05") == nil)
    }

    @Test func skippedCountsAsReached() throws {
        let history = [
            F.step(.reminder, on: "2024-02-05", rule: EscalationRule.redFirst), F.step(.letter, on: "2024-03-05"),
            F.step(.notice, on: "2024-04-07", state: .skipped),
        ]
        #expect(decide(.red, history, on: "2024-05-06")?.rung == .summons)
        // The skipped rung's date still runs the cooldown.
        #expect(decide(.red, history, on: "2024-04-20") == nil)
    }

    @Test func yellowGetsAReminderOnlyAndTheNextClimbContinuesFromTheTop() throws {
        var history = [
            F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst), F.step(.letter, on: "2024-05-06"),
        ]
        let yellow = try #require(decide(.yellow, history, on: "2024-06-05"))
        #expect(yellow.rung == .reminder)
        #expect(yellow.rule == EscalationRule.yellowReminder)
        #expect(yellow.state == .approved)
        history.append(yellow)
        // Red again, but yellow at the previous dispatch: no climb yet.
        #expect(decide(.red, history, previous: .yellow, on: "2024-07-05") == nil)
        let climb = try #require(decide(.red, history, previous: .red, on: "2024-08-05"))
        #expect(climb.rung == .notice)
        #expect(climb.reason.contains("函告 on 2024-05-06"))
    }

    @Test func yellowRemindersAloneLeaveTheFirstRedAtTheBottom() throws {
        let history = [F.step(.reminder, on: "2024-05-06", rule: EscalationRule.yellowReminder)]
        let step = try #require(decide(.red, history, on: "2024-06-05"))
        #expect(step.rule == EscalationRule.redFirst)
        #expect(step.rung == .reminder)
    }

    @Test func recoveryResetsAndTheNextRedStartsAgainWithHistoryKept() throws {
        var history = [
            F.step(.reminder, on: "2024-04-07", rule: EscalationRule.redFirst), F.step(.letter, on: "2024-05-06"),
        ]
        let reset = try #require(decide(.green, history, on: "2024-06-05"))
        #expect(reset.kind == .reset)
        #expect(reset.rung == .letter)
        #expect(reset.rule == EscalationRule.recovered)
        history.append(reset)
        #expect(EscalationLadder.active(history) == [])
        #expect(decide(.green, history, on: "2024-07-05") == nil)
        let again = try #require(decide(.red, history, on: "2024-07-05"))
        #expect(again.rung == .reminder)
        #expect(again.rule == EscalationRule.redFirst)
        history.append(again)
        #expect(history.count == 4)
        #expect(decide(.red, history, on: "2024-08-05")?.rung == .letter)  // not 通报: the old 函告 is gone
        let done = F.judged(light: .green, status: .done)
        #expect(ladder.decide(done, history: history, previous: .red, on: F.day("2024-08-05"))?.kind == .reset)
        #expect(decide(.green, [], on: "2024-07-05") == nil)
    }

    // MARK: Blocked tasks: their prerequisites' owners are reminded instead.

    /// As of 2024-04-08: a (housing, due 03-31) is overdue; b (due 04-05) and c wait on it.
    private func blocked(extra: [PlanTask] = []) throws -> Evaluation {
        try F.evaluate(
            [
                F.milestone("a", start: "2024-01-01", due: "2024-03-31", lead: "housing"),
                F.milestone("b", due: "2024-04-05", after: ["a"]),
                F.milestone("c", due: "2024-06-30", after: ["a"], lead: "xingren"),
            ] + extra, asOf: "2024-04-08")
    }

    @Test func blockedTaskGetsNoStepAndItsEscalatedPrerequisiteNoExtraReminder() throws {
        let evaluation = try blocked()
        #expect(evaluation.task("b")?.status == .blocked)
        #expect(evaluation.task("b")?.light == .red)
        let steps = ladder.decide(evaluation, history: [:], previousLights: [:], on: F.day("2024-04-08"))
        #expect(steps.map(\.task) == ["a"])
        #expect(steps.map(\.rule) == [EscalationRule.redFirst])
        #expect(steps.map(\.department) == ["housing"])
    }

    @Test func prerequisiteInCooldownGetsOneReminderNamingTheBlockedTask() throws {
        let evaluation = try blocked()
        let history = [
            "a": [F.step(.reminder, on: "2024-04-01", rule: EscalationRule.redFirst, task: "a", lead: "housing")]
        ]
        let steps = ladder.decide(evaluation, history: history, previousLights: ["a": .red], on: F.day("2024-04-08"))
        let step = try #require(steps.first)
        #expect(steps.count == 1)  // once, though b and c both wait on a
        #expect(step.task == "a")
        #expect(step.department == "housing")
        #expect(step.rung == .reminder)
        #expect(step.rule == EscalationRule.blockedPrerequisite)
        #expect(step.reason.contains("holds up b (emergency)"))
        #expect(steps.allSatisfy { F.rules.contains($0.rule) })
    }

    @Test func prerequisiteAwaitingADecisionIsNotRemindedAgain() throws {
        let extra = [
            F.milestone("a2", start: "2024-01-01", due: "2024-03-31", lead: "xingren"),
            F.milestone("d", due: "2024-09-30", after: ["a", "a2"]),
        ]
        let evaluation = try blocked(extra: extra)
        #expect(evaluation.task("d")?.blockedBy == ["a", "a2"])
        let history = [
            "a": [F.step(.reminder, on: "2024-04-01", rule: EscalationRule.redFirst, task: "a", lead: "housing")],
            "a2": [F.step(.summons, on: "2024-03-05", state: .proposed, task: "a2", lead: "xingren")],
        ]
        let steps = ladder.decide(
            evaluation, history: history, previousLights: ["a": .red, "a2": .red], on: F.day("2024-04-08"))
        // a2's own 约谈 waits for the office's decision, so a2 gets nothing new; a is reminded once.
        #expect(steps.map(\.task) == ["a"])
        #expect(steps.map(\.department) == ["housing"])
        #expect(steps.allSatisfy { $0.rule == EscalationRule.blockedPrerequisite })
        #expect(steps[0].reason.contains("holds up b"))

        let decided = history.merging(
            [
                "a2": [
                    F.step(
                        .reminder, on: "2024-03-05", rule: EscalationRule.yellowReminder, task: "a2", lead: "xingren")
                ]
            ]
        ) { _, new in new }
        let both = ladder.decide(evaluation, history: decided, previousLights: [:], on: F.day("2024-04-08"))
        #expect(both.filter { $0.rule == EscalationRule.blockedPrerequisite }.map(\.task) == ["a"])
        #expect(both.contains { $0.task == "a2" && $0.rule == EscalationRule.redFirst })
    }
}
