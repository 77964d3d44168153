import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// The office's decisions on the ladder: approve, hold, skip and force, each refused in the wrong
/// state with the states it applies to, each audited with its reason.
@Suite struct EscalationDecisionTests {
    let now = SchedulerFixtures.date("2024-07-08T10:00:00+08:00")
    let today = Fixtures.day("2024-07-08")

    @discardableResult
    func decide(
        _ db: AppDatabase, _ id: Int64, _ action: EscalationAction, _ reason: String = "会商决定"
    ) throws
        -> EscalationStep
    {
        try db.decide(
            step: id, action, reason: reason, on: today, context: SchedulerFixtures.context, now: now,
            actor: Fixtures.actor)
    }

    @discardableResult
    func force(_ db: AppDatabase, _ task: String, _ reason: String = "领导批示") throws -> EscalationStep {
        try db.force(
            task: task, reason: reason, on: today, context: SchedulerFixtures.context, now: now, actor: Fixtures.actor)
    }

    /// The one step of `task` in `state` (of kind rung).
    func step(
        _ db: AppDatabase, _ task: String, _ state: StepState, rung: EscalationRung? = nil
    ) throws
        -> EscalationStep
    {
        let found = try db.escalations(task: task).filter {
            $0.kind == .rung && $0.state == state && (rung == nil || $0.rung == rung)
        }
        try #require(found.count == 1, "\(found)")
        return found[0]
    }

    func letters(_ db: AppDatabase, _ id: Int64) throws -> [OutboxMessage] {
        try db.outbox().filter { $0.idempotencyKey == "step/\(id)" }
    }

    @Test func climbedStoreHasProposedSummonses() throws {
        let db = try SchedulerFixtures.climbedStore()
        let census = try db.escalations(task: "t-census").filter { $0.rule != EscalationRule.blockedPrerequisite }
        #expect(census.map(\.rung.chinese) == ["督促提醒", "督促提醒", "函告", "通报", "约谈"])
        #expect(
            census.map(\.rule) == [
                EscalationRule.yellowReminder, EscalationRule.redFirst, EscalationRule.redClimb,
                EscalationRule.redClimb, EscalationRule.redClimb,
            ])
        #expect(census.last?.state == .proposed)
        #expect(try step(db, "t-monthly", .proposed).rung == .summons)
        // A proposed rung queues nothing.
        #expect(try letters(db, try step(db, "t-census", .proposed).id!).isEmpty)
    }

    @Test func approveQueuesTheLetterOnceAndAudits() throws {
        let db = try SchedulerFixtures.climbedStore()
        let proposed = try step(db, "t-census", .proposed)
        let id = try #require(proposed.id)

        let approved = try decide(db, id, .approve, "区领导同意约谈")
        #expect(approved.state == .approved)
        #expect(approved.rung == .summons)
        #expect(approved.id == id)
        #expect(try db.escalations(task: "t-census").first { $0.id == id }?.state == .approved)

        let letter = try letters(db, id)
        #expect(letter.count == 1)
        #expect(letter.first?.runId == nil)
        #expect(letter.first?.kind == .letter)
        #expect(letter.first?.departmentId == "emergency")
        // The dispatches issued 〔2024〕1–4号; the approved 约谈 takes the next number.
        #expect(letter.first?.subject == "约谈 安办函〔2024〕5号")
        #expect(letter.first?.body.hasPrefix("区应急管理局：\n“摸底排查”（t-census）") == true)
        #expect(try db.letter(step: id)?.number == "安办函〔2024〕5号")
        #expect(letter.first?.state == .queued)
        #expect(letter.first?.createdAt == now)

        let audit = try #require(try db.audit(subject: "t-census").last)
        #expect(audit.action == "escalation.approve")
        #expect(audit.actor == Fixtures.actor)
        #expect(audit.at == now)
        #expect(audit.detail == "step \(id) 约谈 for emergency: proposed → approved; reason: 区领导同意约谈")

        // Approving again is refused and changes nothing.
        let counts = try SchedulerCounts(db)
        #expect(
            throws: ProgressError(
                .conflict, field: "step", message: "step \(id) is approved, so it cannot be approved",
                fix: "approve applies to steps that are held or proposed")
        ) { try decide(db, id, .approve) }
        #expect(try SchedulerCounts(db) == counts)
    }

    @Test func holdThenApproveQueuesTheLetterOnce() throws {
        let db = try SchedulerFixtures.climbedStore()
        let id = try #require(try step(db, "t-census", .proposed).id)

        #expect(try decide(db, id, .hold, "待会商").state == .held)
        #expect(try letters(db, id).isEmpty)
        #expect(try decide(db, id, .approve, "会商同意").state == .approved)
        #expect(try letters(db, id).count == 1)
        #expect(try decide(db, id, .hold, "暂缓").state == .held)
        #expect(try decide(db, id, .approve, "恢复").state == .approved)
        #expect(try letters(db, id).count == 1)

        let audit = try db.audit(subject: "t-census").filter { $0.action.hasPrefix("escalation.") }
        #expect(
            audit.map(\.detail) == [
                "step \(id) 约谈 for emergency: proposed → held; reason: 待会商",
                "step \(id) 约谈 for emergency: held → approved; reason: 会商同意",
                "step \(id) 约谈 for emergency: approved → held; reason: 暂缓",
                "step \(id) 约谈 for emergency: held → approved; reason: 恢复",
            ])
        #expect(
            audit.map(\.action) == ["escalation.hold", "escalation.approve", "escalation.hold", "escalation.approve"])
    }

    @Test func aHeldTaskDoesNotClimbUntilApproved() throws {
        let db = try SchedulerFixtures.climbedStore()
        let id = try #require(try step(db, "t-census", .proposed).id)
        try decide(db, id, .hold, "待会商")
        try SchedulerFixtures.dispatch(db, ["2024-08", "2024-09"])
        let climbing = { try db.escalations(task: "t-census").filter { $0.rule.rawValue.hasPrefix("red-") } }
        #expect(try climbing().map(\.rung) == [.reminder, .letter, .notice, .summons])

        try decide(db, id, .approve, "会商同意")
        try SchedulerFixtures.dispatch(db, ["2024-10"])
        // One rung up from the approved 约谈, proposed again.
        #expect(try climbing().map(\.rung) == [.reminder, .letter, .notice, .summons, .exposure])
        #expect(try climbing().last?.state == .proposed)
        #expect(try climbing().last?.date == Fixtures.day("2024-10-08"))
    }

    @Test func skipCountsTheRungAsReachedAndSendsNothing() throws {
        let db = try SchedulerFixtures.climbedStore()
        let id = try #require(try step(db, "t-census", .proposed).id)
        let skipped = try decide(db, id, .skip, "已当面约谈")
        #expect(skipped.state == .skipped)
        #expect(try letters(db, id).isEmpty)
        #expect(
            try db.audit(subject: "t-census").last?.detail
                == "step \(id) 约谈 for emergency: proposed → skipped; reason: 已当面约谈")
        #expect(try db.audit(subject: "t-census").last?.action == "escalation.skip")

        // The next rung is 曝光, whether forced or climbed.
        let forced = try force(db, "t-census")
        #expect(forced.rung == .exposure)
    }

    @Test(arguments: [
        (EscalationAction.approve, StepState.approved, "approved", "held or proposed"),
        (.approve, .skipped, "approved", "held or proposed"),
        (.hold, .held, "held", "approved or proposed"),
        (.hold, .skipped, "held", "approved or proposed"),
        (.skip, .skipped, "skipped", "approved or held or proposed"),
    ])
    func wrongStateIsRefusedWithTheAllowedStates(
        action: EscalationAction, state: StepState, verb: String, allowed: String
    ) throws {
        let db = try SchedulerFixtures.climbedStore()
        let id = try #require(try step(db, "t-census", .proposed).id)
        switch state {
        case .approved: try decide(db, id, .approve)
        case .held: try decide(db, id, .hold)
        case .skipped: try decide(db, id, .skip)
        case .proposed, .sent: break
        }
        let counts = try SchedulerCounts(db)
        let steps = try db.escalations()
        #expect(
            throws: ProgressError(
                .conflict, field: "step", message: "step \(id) is \(state.rawValue), so it cannot be \(verb)",
                fix: "\(action.rawValue) applies to steps that are \(allowed)")
        ) { try decide(db, id, action) }
        #expect(try SchedulerCounts(db) == counts)
        #expect(try db.escalations() == steps)
    }

    @Test func unknownStepsAndResetsAreRefused() throws {
        let db = try SchedulerFixtures.climbedStore()
        _ = try db.reportProgress(
            task: "t-census", percent: 100, by: "emergency", date: Fixtures.day("2024-07-20"), note: nil, now: now,
            actor: Fixtures.actor)
        try SchedulerFixtures.dispatch(db, ["2024-08"])
        let reset = try #require(try db.escalations(task: "t-census").last)
        #expect(reset.kind == .reset)
        #expect(reset.rule == EscalationRule.recovered)
        let counts = try SchedulerCounts(db)
        for id in [reset.id!, 9999] {
            for action in EscalationAction.allCases {
                #expect(
                    throws: ProgressError(
                        .notFound, field: "step", message: "no escalation step \(id)",
                        fix: "list the steps with `duban escalations`")
                ) { try decide(db, id, action) }
            }
        }
        #expect(try SchedulerCounts(db) == counts)
    }

    @Test func forceClimbsOneRungAtATimeToAccountability() throws {
        let db = try SchedulerFixtures.smallStore()
        var forced: [EscalationStep] = []
        for reason in ["一", "二", "三", "四", "五", "六"] {
            forced.append(try force(db, "t-coverage", reason))
        }
        #expect(forced.map(\.rung) == EscalationRung.allCases)
        #expect(forced.map(\.state) == [.approved, .approved, .approved, .approved, .approved, .proposed])
        #expect(
            forced.allSatisfy { $0.rule == EscalationRule.officeForce && $0.department == "fire" && $0.date == today })
        #expect(forced.map(\.reason).first == "forced by the office: 一")
        #expect(try db.escalations(task: "t-coverage") == forced)

        // A letter for each approved rung from 函告 up; none for 督促提醒 nor the proposed 问责.
        let letters = try db.outbox().filter { $0.kind == .letter }
        #expect(letters.map(\.idempotencyKey) == forced[1...4].map { "step/\($0.id!)" })
        #expect(
            letters.map(\.subject) == ["函告 安办函〔2024〕1号", "通报 安办函〔2024〕2号", "约谈 安办函〔2024〕3号", "曝光 安办函〔2024〕4号"])
        #expect(letters.allSatisfy { $0.runId == nil && $0.departmentId == "fire" })

        let audit = try db.audit(subject: "t-coverage")
        #expect(audit.map(\.action) == Array(repeating: "escalation.force", count: 6))
        #expect(
            audit.map(\.detail)
                == zip(forced, ["一", "二", "三", "四", "五", "六"]).map {
                    "step \($0.id!) \($0.rung.chinese) for fire; reason: \($1)"
                })

        let counts = try SchedulerCounts(db)
        #expect(
            throws: ProgressError(
                .conflict, field: "task", message: "t-coverage is already at 问责", fix: "the ladder has no higher rung")
        ) {
            try force(db, "t-coverage")
        }
        #expect(try SchedulerCounts(db) == counts)
    }

    @Test func forceIsRefusedWhileAStepIsProposedOrHeld() throws {
        let db = try SchedulerFixtures.climbedStore()
        let id = try #require(try step(db, "t-census", .proposed).id)
        let counts = try SchedulerCounts(db)
        #expect(
            throws: ProgressError(
                .conflict, field: "task", message: "step \(id) (约谈) for t-census is still proposed",
                fix: "approve or skip it first: the ladder never passes an undecided rung")
        ) { try force(db, "t-census") }
        #expect(try SchedulerCounts(db) == counts)

        try decide(db, id, .hold)
        #expect(
            throws: ProgressError(
                .conflict, field: "task", message: "step \(id) (约谈) for t-census is still held",
                fix: "approve or skip it first: the ladder never passes an undecided rung")
        ) { try force(db, "t-census") }

        try decide(db, id, .approve)
        let forced = try force(db, "t-census", "连续三月未改")
        #expect(forced.rung == .exposure)
        #expect(forced.state == .approved)
        #expect(try letters(db, forced.id!).count == 1)
        #expect(try db.audit(subject: "t-census").last?.detail == "step \(forced.id!) 曝光 for emergency; reason: 连续三月未改")
    }

    @Test func forceDoesNotCountRemindersThatAreNotRungs() throws {
        let db = try SchedulerFixtures.smallStore()
        try SchedulerFixtures.dispatch(db, ["2024-02"])
        #expect(try db.escalations(task: "t-census").map(\.rule) == [EscalationRule.yellowReminder])
        // A yellow reminder is not a rung climbed: forcing starts the ladder at 督促提醒.
        #expect(try force(db, "t-census").rung == .reminder)
        #expect(try force(db, "t-census").rung == .letter)
    }

    @Test func forceOnAnUnknownTaskIsRefused() throws {
        let db = try SchedulerFixtures.smallStore()
        #expect(
            throws: ProgressError(
                .notFound, field: "task", message: "no task “t-nope” is loaded",
                fix: "check the id with `duban plan show`")
        ) { try force(db, "t-nope") }
        #expect(try db.escalations().isEmpty)
        #expect(try db.audit(subject: "t-nope").isEmpty)
    }

    /// Holding or skipping a step that was already approved withdraws its queued letter: a held or
    /// skipped step is not sent.
    @Test(arguments: [EscalationAction.hold, .skip])
    func holdingOrSkippingAnApprovedStepStopsItsLetter(action: EscalationAction) throws {
        let db = try SchedulerFixtures.climbedStore()
        let letter = try step(db, "t-census", .approved, rung: .letter)
        let id = try #require(letter.id)
        #expect(try letters(db, id).map(\.state) == [.queued])

        #expect(try decide(db, id, action, "函告暂缓发出").state == (action == .hold ? .held : .skipped))
        #expect(
            try letters(db, id).filter { $0.state == .queued }.isEmpty,
            "step \(id) is \(action == .hold ? "held" : "skipped") but its letter is still queued for delivery")
    }
}
