import Foundation
import Testing

/// `duban plan validate` checks plan files, prints a line per plan and a summary, and touches no store.
@Suite struct PlanValidateCommandTests {
    @Test func shippedPlansValidate() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("plan", "validate")
            #expect(result.exitCode == 0, "\(result)")
            #expect(
                result.stdout == """
                    plans/zaozhuang-gaoxin-2024-2026.yaml: plan zaozhuang-gaoxin-2024-2026, 92 tasks \
                    (51 milestones, 25 recurring duties, 16 targets)
                    read: plans/departments.yaml, plans/policy.yaml, plans/zaozhuang-gaoxin-2024-2026.yaml, \
                    plans/sectors.yaml, plans/calendar/2024.yaml, plans/calendar/2025.yaml, plans/calendar/2026.yaml
                    ok: 1 plan, 92 tasks, 24 departments, 11 sectors, 0 warnings

                    """)
            #expect(result.stderr == "")
            #expect(duban.storeExists == false)
        }
    }

    @Test func shippedPlansValidateFromTheirFolderPath() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("plan", "validate", "plans/zaozhuang-gaoxin-2024-2026.yaml")
            #expect(result.exitCode == 0, "\(result)")
            #expect(
                result.stdout == """
                    plans/zaozhuang-gaoxin-2024-2026.yaml: plan zaozhuang-gaoxin-2024-2026, 92 tasks \
                    (51 milestones, 25 recurring duties, 16 targets)
                    read: plans/departments.yaml, plans/zaozhuang-gaoxin-2024-2026.yaml, plans/sectors.yaml, \
                    plans/policy.yaml, plans/calendar/2024.yaml, plans/calendar/2025.yaml, plans/calendar/2026.yaml
                    ok: 1 plan, 92 tasks, 24 departments, 11 sectors, 0 warnings

                    """)
        }
    }

    @Test func smallPlanValidates() throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            let result = try duban.run("plan", "validate")
            #expect(result.exitCode == 0, "\(result)")
            #expect(
                result.stdout == """
                    plans/small.yaml: plan small, 4 tasks (2 milestones, 1 recurring duty, 1 target)
                    read: plans/departments.yaml, plans/policy.yaml, plans/small.yaml
                    ok: 1 plan, 4 tasks, 4 departments, 0 warnings

                    """)
            #expect(result.stderr == "")
        }
    }

    /// A file `duban run` reads beside the plans — a calendar, the policy, the channels — fails the
    /// check with its line and column, as the plans do.
    @Test(arguments: [
        ("plans/calendar/2025.yaml", "holidays: [\n", "plans/calendar/2025.yaml:"),
        ("plans/policy.yaml", "policy:\n  lights: {yellow: [}\n", "plans/policy.yaml:2:"),
        ("notifiers/channels.yaml", "channels:\n  - id: x\n    type: carrier-pigeon\n", "notifiers/channels.yaml:3:"),
    ])
    func aBrokenFileBesideThePlansFailsTheCheck(path: String, text: String, location: String) throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let url = duban.directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            let result = try duban.run("plan", "validate")
            #expect(result.exitCode == 2, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix(location), "\(result.stderr)")
            #expect(result.stderr.contains(": error: "))
        }
    }

    @Test func theChannelsFileIsReadWhenPresentAndListed() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlansWithWebhook(
                into: duban.directory, url: "http://127.0.0.1:9/hook", secret: "whsec_validate_test_secret")
            let result = try duban.run("plan", "validate")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains(", notifiers/channels.yaml\n"), "\(result.stdout)")
            #expect(!result.stdout.contains("whsec_"), "secrets never appear")
        }
    }

    /// 45 tasks each due before its prerequisite: the first 20 warnings, then a count by kind;
    /// `--warnings all` prints every one. The plan is still valid.
    @Test func manyWarningsAreSummedUpPastTheFirstTwenty() throws {
        try withDuban { duban in
            // Under action a1's tasks, beside t-census (due 2024-06-30) which each depends on.
            let tasks = (1...45).map { n in
                "      - id: t-early-\(n)\n        title: 早于前置任务\(n)\n        lead: emergency\n"
                    + "        due: 2024年3月底前\n        depends_on: [t-census]\n"
            }.joined()
            let plan = Fixtures.replacing(
                "      - id: t-census\n", with: tasks + "      - id: t-census\n", in: Fixtures.smallPlan)
            try Fixtures.writeSmallPlans(in: duban.directory, plan: plan)
            let summary = try duban.run("plan", "validate")
            #expect(summary.exitCode == 0, "\(summary)")
            let lines = summary.stderr.split(separator: "\n")
            #expect(lines.count == 21, "\(summary.stderr)")
            #expect(
                lines.prefix(20).allSatisfy {
                    $0.contains("warning: t-early-") && $0.contains("before its prerequisite")
                })
            #expect(
                lines.last
                    == "… and 25 more warnings (45 in all: 45 due before its prerequisite); give --warnings all to see every one"
            )
            #expect(summary.stdout.contains("45 warnings"))
            let all = try duban.run("plan", "validate", "--warnings", "all")
            #expect(all.stderr.split(separator: "\n").count == 45)
            let load = try duban.run("plan", "load")
            #expect(load.exitCode == 0, "\(load)")
            #expect(load.stderr.split(separator: "\n").count == 21)
        }
    }

    @Test func missingFolderIsBadInput() throws {
        try withDuban { duban in
            let result = try duban.run("plan", "validate", "nowhere")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr == """
                    error: nowhere: no such file or folder; check the path; plans live in plans/ (run duban from the project folder)
                    1 error; nothing was changed

                    """)
        }
    }
}
