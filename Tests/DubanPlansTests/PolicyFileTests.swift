import DubanCore
import Foundation
import Testing

@testable import DubanPlans

/// `plans/policy.yaml`: the shipped policy reads as DESIGN's defaults, and every bad value is located.
@Suite struct PolicyFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func shippedPolicyIsTheDocumentedDefaults() throws {
        let policy = try PolicyFile.read(path: Self.root.appendingPathComponent("plans/policy.yaml").path)
        #expect(policy.lights == LightPolicy(blueWithinDays: 14, yellowLag: 10, redLag: 30))
        #expect(policy.reminderWorkingDays == [30, 7, 1])
        #expect(policy.ladder.cooldownDays == 28)
        #expect(policy.ladder.approvalRungs == [.summons, .exposure, .accountability])
        #expect(!policy.ladder.officeTasksClimb)
        #expect(policy.jobs.at == 9 * 60)
        #expect(policy.jobs.dispatchDay == 5)
        #expect(policy.jobs.meetingDay == 15)
        #expect(policy.jobs.agendaWorkingDaysBefore == 5)
        #expect(policy.jobs.reviewMonth == 12 && policy.jobs.reviewDay == 20)
        #expect(policy.documents.issuer == "枣庄高新区安全生产委员会办公室")
        #expect(policy.documents.letterPrefix == "高新安办函")
        #expect(policy.documents.replyWorkingDays == 10)
        #expect(policy.documents.baseURL == nil)
        #expect(policy.ranking == DepartmentRanking.Weights())
    }

    @Test func documentsAndRankingAreRead() throws {
        let policy = try PolicyFile.read(
            yaml: """
                policy:
                  documents:
                    issuer: 某区安委办
                    letter_prefix: 某安办函
                    reply_working_days: 5
                    base_url: https://duban.intranet/
                  ranking:
                    on_time: 50
                    progress: 30
                    discipline: 20
                    overdue_penalty: 5
                    escalation_penalty: 1

                """, file: "p.yaml")
        #expect(
            policy.documents
                == DocumentPolicy(
                    issuer: "某区安委办", letterPrefix: "某安办函", replyWorkingDays: 5, baseURL: "https://duban.intranet/"))
        #expect(policy.documents.link("bulletins/2025-06.html") == "https://duban.intranet/bulletins/2025-06.html")
        #expect(
            policy.ranking
                == DepartmentRanking.Weights(
                    onTime: 50, progress: 30, discipline: 20, overduePenalty: 5, escalationPenalty: 1))
    }

    @Test func missingFileMeansTheDefaults() throws {
        #expect(try PolicyFile.read(path: "/nonexistent/policy.yaml") == Policy())
    }

    @Test func theOfficesOwnTasksClimbOnlyWhenTheFileSaysSo() throws {
        #expect(!Policy().ladder.officeTasksClimb)
        let climb = try PolicyFile.read(yaml: "policy:\n  ladder:\n    office_tasks: climb\n", file: "p.yaml")
        #expect(climb.ladder.officeTasksClimb)
        let remind = try PolicyFile.read(yaml: "policy:\n  ladder:\n    office_tasks: remind\n", file: "p.yaml")
        #expect(!remind.ladder.officeTasksClimb)
    }

    @Test func accountabilityAlwaysWaitsForPeople() throws {
        let policy = try PolicyFile.read(yaml: "policy:\n  ladder:\n    approval: [summons]\n", file: "p.yaml")
        #expect(policy.ladder.approvalRungs == [.summons, .accountability])
    }

    @Test(arguments: [
        ("policy:\n  lights:\n    red_lag: 150\n", 3, 14, "red_lag “150” is not a number from 0 to 100"),
        ("policy:\n  lights:\n    yellow_lag: 40\n    red_lag: 20\n", 4, 14, "red_lag is below yellow_lag"),
        ("policy:\n  ladder:\n    approval: [summons, jail]\n", 3, 15, "“jail” is not a rung of the ladder"),
        ("policy:\n  ladder:\n    office_tasks: skip\n", 3, 19, "office_tasks “skip” is not a choice"),
        ("policy:\n  jobs:\n    at: \"25:00\"\n", 3, 9, "at “25:00” is not a time"),
        ("policy:\n  jobs:\n    yearly_review: \"02-30\"\n", 3, 20, "yearly_review “02-30” is not a month and day"),
        (
            "policy:\n  reminders:\n    working_days_before: [30, 0]\n", 3, 26,
            "working_days_before must be whole numbers"
        ),
        ("policy:\n  lightz: {}\n", 2, 3, "unknown key “lightz”"),
        ("policy:\n  documents:\n    base_url: duban.intranet\n", 3, 15, "base_url “duban.intranet” is not an http(s)"),
        ("policy:\n  documents:\n    issuer: \"  \"\n", 3, 13, "issuer is empty"),
        ("policy:\n  documents:\n    reply_working_days: 0\n", 3, 25, "reply_working_days “0” is not a whole number"),
        ("policy:\n  ranking:\n    on_time: 50\n", 3, 14, "on_time + progress + discipline is 110, not 100"),
        ("policy:\n  ranking:\n    overdue_penalty: -1\n", 3, 22, "overdue_penalty “-1” is not a number from 0 to 100"),
    ])
    func badValueIsLocated(_ yaml: String, _ line: Int, _ column: Int, _ message: String) throws {
        do {
            _ = try PolicyFile.read(yaml: yaml, file: "plans/policy.yaml")
            Issue.record("accepted \(yaml)")
        } catch {
            let issue = try #require(error.issues.first)
            #expect(issue.location == SourceLocation(file: "plans/policy.yaml", line: line, column: column), "\(issue)")
            #expect(issue.message.contains(message), "\(issue.message)")
        }
    }
}
