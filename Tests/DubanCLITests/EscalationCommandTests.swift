import Foundation
import Testing

@testable import DubanStore

/// `duban escalations` and `duban escalation approve|hold|skip|force` on the small plans ticked to
/// 2024-07-10, where t-monthly's 约谈 (step 8) and t-census's (step 9) wait for approval.
@Suite struct EscalationCommandTests {
    static let july = "2024-07-10T10:00:00+08:00"

    /// The small plans loaded on 2024-01-01 and ticked to 2024-07-10; the clock at 2024-07-10 10:00.
    static func climbed(_ body: (DubanProcess) throws -> Void) throws {
        try withDuban { duban in
            try SchedulerCLI.loadSmallPlans(duban)
            let tick = try duban.run("tick", "--as-of", "2024-07-10")
            try #require(tick.exitCode == 0, "\(tick)")
            try body(SchedulerCLI.at(july, duban))
        }
    }

    static let censusTable = """
        ID  DATE        TASK      DEPARTMENT  RUNG      STATE     RULE             REASON
        1   2024-02-05  t-census  emergency   督促提醒  approved  yellow-reminder  t-census is yellow (expected 20%, reported 0%): a reminder only
        3   2024-03-05  t-census  emergency   督促提醒  approved  red-first        t-census is red (expected 36%, reported 0%): first step, 督促提醒
        5   2024-04-07  t-census  emergency   函告      approved  red-climb        t-census was red at the previous dispatch and still is (expected 54%, reported 0%); 督促提醒 on 2024-03-05 did not bring it back: 函告
        7   2024-05-06  t-census  emergency   通报      approved  red-climb        t-census was red at the previous dispatch and still is (expected 70%, reported 0%); 函告 on 2024-04-07 did not bring it back: 通报
        9   2024-06-05  t-census  emergency   约谈      proposed  red-climb        t-census was red at the previous dispatch and still is (expected 86%, reported 0%); 通报 on 2024-05-06 did not bring it back: 约谈, which waits for the office's approval
        5 steps

        """

    @Test func escalationsListsATasksSteps() throws {
        try Self.climbed { duban in
            let result = try duban.run("escalations", "--task", "t-census")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")
            #expect(result.stdout == Self.censusTable)

            let office = try duban.run("escalations", "--department", "office")
            #expect(office.stdout.hasSuffix("\n4 steps\n"), "\(office.stdout)")
            let none = try duban.run("escalations", "--task", "t-coverage")
            #expect(none.stdout == "ID  DATE  TASK  DEPARTMENT  RUNG  STATE  RULE  REASON\n0 steps\n")
        }
    }

    @Test func escalationsJSON() throws {
        try Self.climbed { duban in
            let result = try duban.run("escalations", "--json")
            #expect(result.exitCode == 0)
            let steps = try JSON.array(result.stdout)
            #expect(steps.count == 9)
            #expect(steps.compactMap { $0["id"] as? Int } == Array(1...9))
            for step in steps {
                #expect(Set(step.keys) == ["id", "task", "department", "rung", "date", "state", "rule", "reason"])
            }
            #expect(
                steps.map { "\($0["task"]!) \($0["rung"]!) \($0["state"]!)" }.suffix(3) == [
                    "t-census notice approved", "t-monthly summons proposed", "t-census summons proposed",
                ])
        }
    }

    @Test func approvePrintsTheStepAndQueuesItsLetterOnce() throws {
        try Self.climbed { duban in
            let result = try duban.run("escalation", "approve", "9", "--reason", "区领导同意约谈")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")
            #expect(result.stdout == "step 9 约谈 for emergency on t-census: approved\n")

            let db = try AppDatabase.open(path: duban.db)
            let letters = try db.outbox().filter { $0.idempotencyKey == "step/9" }
            #expect(letters.map(\.kind) == [.letter])
            #expect(letters.map(\.subject) == ["约谈 安办函〔2024〕5号"])
            let audit = try #require(try db.audit(subject: "t-census").last)
            #expect(audit.action == "escalation.approve")
            #expect(audit.actor == "tester")
            #expect(audit.detail == "step 9 约谈 for emergency: proposed → approved; reason: 区领导同意约谈")

            let before = try #require(duban.storeBytes())
            let again = try duban.run("escalation", "approve", "9", "--reason", "再次")
            #expect(again.exitCode == 2)
            #expect(again.stdout == "")
            #expect(
                again.stderr
                    == "error: step 9 is approved, so it cannot be approved; approve applies to steps that are held or proposed\n"
            )
            #expect(duban.storeBytes() == before)
            #expect(try AppDatabase.open(path: duban.db).outbox().filter { $0.idempotencyKey == "step/9" }.count == 1)
        }
    }

    @Test func holdThenSkip() throws {
        try Self.climbed { duban in
            let hold = try duban.run("escalation", "hold", "8", "--reason", "待季度会商")
            #expect(hold.exitCode == 0, "\(hold)")
            #expect(hold.stdout == "step 8 约谈 for office on t-monthly: held\n")
            let skip = try duban.run("escalation", "skip", "8", "--reason", "已当面约谈")
            #expect(skip.exitCode == 0, "\(skip)")
            #expect(skip.stdout == "step 8 约谈 for office on t-monthly: skipped\n")

            let before = try #require(duban.storeBytes())
            let refused = try duban.run("escalation", "hold", "8", "--reason", "再议")
            #expect(refused.exitCode == 2)
            #expect(
                refused.stderr
                    == "error: step 8 is skipped, so it cannot be held; hold applies to steps that are approved or proposed\n"
            )
            #expect(duban.storeBytes() == before)

            let db = try AppDatabase.open(path: duban.db)
            #expect(
                try db.audit(subject: "t-monthly").filter { $0.action.hasPrefix("escalation.") }.map(\.detail) == [
                    "step 8 约谈 for office: proposed → held; reason: 待季度会商",
                    "step 8 约谈 for office: held → skipped; reason: 已当面约谈",
                ])
            #expect(try db.outbox().filter { $0.idempotencyKey == "step/8" }.isEmpty)
        }
    }

    @Test func forceTakesTheNextRungOnTheClocksDay() throws {
        try Self.climbed { duban in
            let result = try duban.run("escalation", "force", "t-coverage", "--reason", "领导批示")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "step 10 督促提醒 for fire on t-coverage: approved\n")
            let second = try duban.run("escalation", "force", "t-coverage", "--reason", "仍未整改")
            #expect(second.stdout == "step 11 函告 for fire on t-coverage: approved\n")

            let listed = try JSON.array(try duban.run("escalations", "--task", "t-coverage", "--json").stdout)
            #expect(listed.map { $0["date"] as? String } == ["2024-07-10", "2024-07-10"])
            #expect(listed.map { $0["rule"] as? String } == ["office-force", "office-force"])
            #expect(
                listed.map { $0["reason"] as? String } == [
                    "forced by the office: 领导批示", "forced by the office: 仍未整改",
                ])
            let db = try AppDatabase.open(path: duban.db)
            // The letter takes the year's next number.
            let letter = try #require(try db.letters().last)
            let issued = try db.letters(year: 2024).count
            #expect(letter.stepId == 11 && letter.number == "安办函〔2024〕\(issued)号")
            #expect(try db.outbox().filter { $0.idempotencyKey == "step/11" }.map(\.subject) == ["函告 \(letter.number)"])
            #expect(
                try db.audit(subject: "t-coverage").map(\.detail) == [
                    "step 10 督促提醒 for fire; reason: 领导批示", "step 11 函告 for fire; reason: 仍未整改",
                ])

            // t-census waits on its proposed 约谈: forcing past it is refused.
            let before = try #require(duban.storeBytes())
            let refused = try duban.run("escalation", "force", "t-census", "--reason", "加快")
            #expect(refused.exitCode == 2)
            #expect(
                refused.stderr
                    == "error: step 9 (约谈) for t-census is still proposed; approve or skip it first: the ladder never passes an undecided rung\n"
            )
            #expect(duban.storeBytes() == before)
            // Approved, the next forced rung is 曝光: never a rung skipped.
            try #require(try duban.run("escalation", "approve", "9", "--reason", "同意").exitCode == 0)
            let exposure = try duban.run("escalation", "force", "t-census", "--reason", "拒不整改")
            #expect(exposure.stdout == "step 12 曝光 for emergency on t-census: approved\n", "\(exposure)")
        }
    }

    @Test(arguments: [
        (
            ["escalation", "approve", "999", "--reason", "同意"],
            "error: no escalation step 999; list the steps with `duban escalations`\n"
        ),
        (
            ["escalation", "skip", "0", "--reason", "同意"],
            "error: no escalation step 0; list the steps with `duban escalations`\n"
        ),
        (
            ["escalation", "approve", "1", "--reason", "同意"],
            "error: step 1 is approved, so it cannot be approved; approve applies to steps that are held or proposed\n"
        ),
        (
            ["escalation", "force", "t-nope", "--reason", "同意"],
            "error: no task “t-nope” is loaded; check the id with `duban plan show`\n"
        ),
        (["escalation", "hold", "abc", "--reason", "同意"], ""),
        (["escalation", "approve", "9"], ""),
        (["escalation", "skip", "9", "--reason", "   "], ""),
        (["escalation", "force", "t-coverage"], ""),
    ])
    func badIdsAndMissingReasonsExitTwo(arguments: [String], message: String) throws {
        try Self.climbed { duban in
            let before = try #require(duban.storeBytes())
            let result = try duban.run(arguments)
            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stdout == "")
            if message.isEmpty {
                #expect(!result.stderr.isEmpty)
            } else {
                #expect(result.stderr == message)
            }
            #expect(duban.storeBytes() == before)
        }
    }

    @Test func missingReasonMessages() throws {
        try Self.climbed { duban in
            let missing = try duban.run("escalation", "approve", "9")
            #expect(missing.stderr.contains("Missing expected argument '--reason <reason>'"), "\(missing)")
            let blank = try duban.run("escalation", "hold", "9", "--reason", " ")
            #expect(blank.stderr.hasPrefix("Error: --reason must say why"), "\(blank)")
            let notANumber = try duban.run("escalation", "approve", "nine", "--reason", "同意")
            #expect(notANumber.stderr.contains("nine"), "\(notANumber)")
        }
    }

    /// `escalation force` refuses a blank `--reason`, as approve, hold and skip do.
    @Test func forceRefusesABlankReason() throws {
        try Self.climbed { duban in
            let before = try #require(duban.storeBytes())
            let result = try duban.run("escalation", "force", "t-coverage", "--reason", " ")
            #expect(result.exitCode == 2, "\(result)")
            #expect(duban.storeBytes() == before)
        }
    }

    @Test func noStoreExitsTwo() throws {
        try withDuban { duban in
            for arguments in [["escalations"], ["escalation", "approve", "1", "--reason", "同意"]] {
                let result = try duban.run(arguments)
                #expect(result.exitCode == 2)
                #expect(result.stderr.hasPrefix("error: no store at \(duban.db); "))
            }
            #expect(!duban.storeExists)
        }
    }
}
