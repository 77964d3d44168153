import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// Escalation letters: numbered per year in the order they are issued, one per step from 函告 up,
/// kept through a hold and re-approval, with their content stored beside the number.
@Suite struct LetterNumberingTests {
    let now = SchedulerFixtures.date("2024-07-08T10:00:00+08:00")
    let context = SchedulerFixtures.context

    @Test func dispatchesNumberTheirLettersInOrderWithinTheYear() throws {
        let db = try SchedulerFixtures.climbedStore()
        let letters = try db.letters()
        #expect(letters.map(\.number) == (1...4).map { "安办函〔2024〕\($0)号" })
        #expect(letters.map(\.sequence) == [1, 2, 3, 4])
        // Each letter carries out a step from 函告 up that the ladder approved, and names its task.
        let steps = try db.escalations()
        for record in letters {
            let step = try #require(steps.first { $0.id == record.stepId })
            #expect(step.rung >= .letter && step.rung < .summons && step.state == .approved)
            #expect(record.taskId == step.task && record.departmentId == step.department)
            #expect(record.issued == step.date && record.year == 2024)
        }

        let census = try #require(letters.first { $0.taskId == "t-census" }).letter()
        #expect(census.departmentName == "区应急管理局")
        #expect(census.title == "摸底排查")
        #expect(census.due == Day("2024-06-30"))
        #expect(census.rung == "letter")
        #expect(census.basis.contains("已亮红灯"))
        #expect(census.history == ["2024-02-05 督促提醒（已批准）", "2024-03-05 督促提醒（已批准）"])
        // Ten working days after the issue day, on the shipped calendar.
        #expect(census.replyBy == context.calendar.workingDays(10, after: census.issued))
        #expect(census.replyBy.days(to: census.issued) < -10)
    }

    @Test func aNewYearStartsAtOne() throws {
        let db = try SchedulerFixtures.climbedStore()
        let day = Day("2025-01-06")!
        let reminder = try db.force(
            task: "t-coverage", reason: "一", on: day, context: context, now: now, actor: Fixtures.actor)
        #expect(reminder.rung == .reminder)
        #expect(try db.letter(step: reminder.id) == nil)
        let letter = try db.force(
            task: "t-coverage", reason: "二", on: day, context: context, now: now, actor: Fixtures.actor)
        let record = try #require(try db.letter(step: letter.id))
        #expect(record.number == "安办函〔2025〕1号")
        #expect(try record.letter().basis == "区安委会办公室决定提级督办：二。")
        #expect(try db.letters(year: 2024).count == 4)
        #expect(try db.letters(department: "fire").map(\.number) == ["安办函〔2025〕1号"])
    }

    @Test func holdAndReapprovalKeepTheNumberAndSkipIssuesNone() throws {
        let db = try SchedulerFixtures.climbedStore()
        let proposed = try db.escalations().filter { $0.state == .proposed }
        let census = try #require(proposed.first { $0.task == "t-census" }?.id)
        let monthly = try #require(proposed.first { $0.task == "t-monthly" }?.id)
        let day = Day("2024-07-08")!
        func decide(_ id: Int64, _ action: EscalationAction) throws {
            try db.decide(
                step: id, action, reason: "会商", on: day, context: context, now: now, actor: Fixtures.actor)
        }

        try decide(census, .approve)
        #expect(try db.letter(step: census)?.number == "安办函〔2024〕5号")
        try decide(census, .hold)
        try decide(census, .approve)
        #expect(try db.letter(step: census)?.number == "安办函〔2024〕5号")
        try decide(monthly, .skip)
        #expect(try db.letter(step: monthly) == nil)
        #expect(try db.letters().count == 5)
        // The summons letter asks the department's head to come, by the reply day.
        let summons = try #require(try db.letter(step: census)).letter()
        #expect(summons.rung == "summons" && summons.issued == day)
    }

    @Test func theSequenceIsUniquePerYearInTheSchema() throws {
        let db = try SchedulerFixtures.climbedStore()
        let first = try #require(try db.letters().first)
        #expect(throws: StoreError.self) {
            try db.write { db in
                var copy = first
                copy.id = nil
                copy.stepId = 999_999
                try db.insert(&copy)
            }
        }
    }
}
