import Foundation
import Testing

/// A bad plan is refused with exit 2 and `file:line:col: error:` lines naming the bad value and a
/// fix, and the store is left byte for byte as it was.
@Suite struct BadPlanInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var old: String
        var new: String
        var stderr: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(
            name: "YAML syntax error", old: "title: 摸底排查", new: "title: 摸底排查: 第一阶段",
            stderr: """
                plans/small.yaml:11:20: error: YAML syntax error: mapping values are not allowed in this context; \
                check indentation, colons and quotes on this line; quote values that contain `: ` or start with `-`, `[`, `{`
                1 error; nothing was changed

                """),
        Case(
            name: "unknown key", old: "    lead: emergency\n        support",
            new: "    leed: emergency\n        support",
            stderr: """
                plans/small.yaml:12:9: error: unknown key “leed” in a task of action a1; allowed keys are id, title, \
                lead, support, due, start, every, high_risk_every, times, until, target, depends_on, source, progress (did you mean “lead”?)
                plans/small.yaml:10:9: error: task t-census has no `lead`; add `lead: …`
                2 errors; nothing was changed

                """),
        Case(
            name: "duplicate task id", old: "id: t-ledger", new: "id: t-census",
            stderr: """
                plans/small.yaml:19:13: error: t-census: duplicate task id “t-census”; it is already used at \
                plans/small.yaml:10:9; give each task its own id
                plans/small.yaml:29:26: error: t-coverage: depends on “t-ledger”, which is not a task in the plans; \
                correct the id in `depends_on` or add the task
                2 errors; nothing was changed

                """),
        Case(
            name: "unknown department", old: "lead: fire", new: "lead: firee",
            stderr: """
                plans/small.yaml:24:13: error: t-coverage: lead department “firee” is not in the department registry; \
                did you mean “fire”? Otherwise use an id from plans/departments.yaml or add the department there
                1 error; nothing was changed

                """),
        Case(
            name: "dependency on a missing task", old: "depends_on: [t-census]", new: "depends_on: [t-censsus]",
            stderr: """
                plans/small.yaml:23:26: error: t-ledger: depends on “t-censsus”, which is not a task in the plans; \
                correct the id in `depends_on` or add the task
                1 error; nothing was changed

                """),
        Case(
            name: "dependency cycle", old: "due: 2024年6月底前", new: "due: 2024年6月底前\n        depends_on: [t-coverage]",
            stderr: """
                plans/small.yaml:10:9: error: t-census: dependency cycle: t-census → t-coverage → t-ledger → t-census \
                (each depends on the next); remove one of these dependencies
                1 error; nothing was changed

                """),
        Case(
            name: "unparseable deadline", old: "due: 2024年底前", new: "due: 2024年底以后",
            stderr: """
                plans/small.yaml:22:18: error: t-ledger: `due` “2024年底以后”: this is not a deadline duban can read; \
                write an ISO date (2025-06-30) or one of 2024年底前, 2025年6月底前, 2024年9月30日前, 2024年, 2024年上半年, \
                2025年第三季度, 2024至2026年, 三年内
                1 error; nothing was changed

                """),
        Case(
            name: "impossible deadline", old: "due: 2024年底前", new: "due: 2024年2月30日前",
            stderr: """
                plans/small.yaml:22:18: error: t-ledger: `due` “2024年2月30日前”: 2024年2月 has 29 days, so day 30 \
                does not exist; write a day that exists, e.g. 2024年2月底前
                1 error; nothing was changed

                """),
        Case(
            name: "start after due", old: "due: 2024年底前", new: "start: 2025-03-01\n            due: 2024年底前",
            stderr: """
                plans/small.yaml:19:13: error: t-ledger: starts 2025-03-01, after it is due 2024-12-31; \
                move `start` before `due`, or correct the deadline
                1 error; nothing was changed

                """),
    ]

    @Test(arguments: cases)
    func badPlanIsRefusedAndTheStoreIsUnchanged(_ bad: Case) throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            let good = try duban.run("plan", "load")
            try #require(good.exitCode == 0, "\(good)")
            let tasksBefore = try duban.run("plan", "show", "--json").stdout
            let before = try #require(duban.storeBytes())

            try Fixtures.writeSmallPlans(
                in: duban.directory, plan: Fixtures.smallPlan(replacing: bad.old, with: bad.new))
            let validated = try duban.run("plan", "validate")
            let loaded = try duban.run("plan", "load")

            for result in [validated, loaded] {
                #expect(result.exitCode == 2)
                #expect(result.stdout == "")
                #expect(result.stderr == bad.stderr)
            }
            // Exactly the same bytes: the refused load must not write to the store at all.
            #expect(duban.storeBytes() == before)
            #expect(try JSON.same(try duban.run("plan", "show", "--json").stdout, tasksBefore))
        }
    }

    @Test(arguments: cases)
    func badPlanDoesNotCreateAStore(_ bad: Case) throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(
                in: duban.directory, plan: Fixtures.smallPlan(replacing: bad.old, with: bad.new))
            let result = try duban.run("plan", "load")
            #expect(result.exitCode == 2)
            #expect(result.stderr == bad.stderr)
            #expect(duban.storeExists == false)
            #expect(FileManager.default.fileExists(atPath: duban.db + "-wal") == false)
        }
    }

    @Test func dependentDueBeforeItsPrerequisiteIsAWarningAndLoads() throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            try duban.run("plan", "load")

            let plan = Fixtures.smallPlan(replacing: "due: 2025年底前", with: "due: 2024年9月30日前")
            try Fixtures.writeSmallPlans(in: duban.directory, plan: plan)
            let result = try duban.run("plan", "load")

            #expect(result.exitCode == 0)
            #expect(
                result.stderr == """
                    plans/small.yaml:24:13: warning: t-coverage: is due 2024-09-30, before its prerequisite t-ledger \
                    is due 2024-12-31 plus 30 days; check both deadlines, or drop the dependency if the work is independent

                    """)
            #expect(
                result.stdout == """
                    loaded into \(duban.db) (load 2):
                      plan small: 1 changed, 3 unchanged
                        changed t-coverage: due 2025-12-31 → 2024-09-30; due_text 2025年底前 → 2024年9月30日前

                    """)
        }
    }
}
