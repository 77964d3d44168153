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
        #expect(policy.jobs.at == 9 * 60)
        #expect(policy.jobs.dispatchDay == 5)
        #expect(policy.jobs.meetingDay == 15)
        #expect(policy.jobs.agendaWorkingDaysBefore == 5)
        #expect(policy.jobs.reviewMonth == 12 && policy.jobs.reviewDay == 20)
    }

    @Test func missingFileMeansTheDefaults() throws {
        #expect(try PolicyFile.read(path: "/nonexistent/policy.yaml") == Policy())
    }

    @Test func accountabilityAlwaysWaitsForPeople() throws {
        let policy = try PolicyFile.read(yaml: "policy:\n  ladder:\n    approval: [summons]\n", file: "p.yaml")
        #expect(policy.ladder.approvalRungs == [.summons, .accountability])
    }

    @Test(arguments: [
        ("policy:\n  lights:\n    red_lag: 150\n", 3, 14, "red_lag “150” is not a number from 0 to 100"),
        ("policy:\n  lights:\n    yellow_lag: 40\n    red_lag: 20\n", 4, 14, "red_lag is below yellow_lag"),
        ("policy:\n  ladder:\n    approval: [summons, jail]\n", 3, 15, "“jail” is not a rung of the ladder"),
        ("policy:\n  jobs:\n    at: \"25:00\"\n", 3, 9, "at “25:00” is not a time"),
        ("policy:\n  jobs:\n    yearly_review: \"02-30\"\n", 3, 20, "yearly_review “02-30” is not a month and day"),
        (
            "policy:\n  reminders:\n    working_days_before: [30, 0]\n", 3, 26,
            "working_days_before must be whole numbers"
        ),
        ("policy:\n  lightz: {}\n", 2, 3, "unknown key “lightz”"),
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
