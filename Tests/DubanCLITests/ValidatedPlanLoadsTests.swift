import Foundation
import Testing

/// What `plan validate` accepts, `plan load` loads; what it must refuse, it refuses as bad input.
@Suite struct ValidatedPlanLoadsTests {
    static let annualPlan = """
        plan:
          id: small-2025
          title: 2025年度计划
          extends: small
          period: 2025年
        actions:
          - id: a1
            measures:
              - number: 1
                tasks:
                  - id: y2025-pilot
                    title: 试点
                    lead: emergency
                    due: 2025年6月底前
                    depends_on: [t-ledger]

        """

    static func writeAnnualPlan(in folder: URL) throws {
        try Data(annualPlan.utf8).write(to: folder.appendingPathComponent("plans/small-2025.yaml"))
    }

    @Test func annualPlanLoadsWithItsBaseAndAlone() throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            try duban.run("plan", "load")
            try Self.writeAnnualPlan(in: duban.directory)

            let alone = try duban.run("plan", "load", "plans/small-2025.yaml")
            #expect(alone.exitCode == 0, "\(alone)")
            #expect(
                alone.stdout == """
                    loaded into \(duban.db) (load 2):
                      plan small-2025 (new): 1 added, 0 unchanged

                    """)

            let all = try duban.run("plan", "load")
            #expect(all.exitCode == 0, "\(all)")
            #expect(
                all.stdout == """
                    nothing changed in \(duban.db): the plans are as loaded before
                      plan small: 4 unchanged
                      plan small-2025: 1 unchanged

                    """)
        }
    }

    /// A prerequisite listed twice is bad input, located, and creates no store.
    @Test func prerequisiteListedTwiceIsRefusedAsBadInput() throws {
        try withDuban { duban in
            let plan = Fixtures.smallPlan(replacing: "depends_on: [t-census]", with: "depends_on: [t-census, t-census]")
            try Fixtures.writeSmallPlans(in: duban.directory, plan: plan)

            let validated = try duban.run("plan", "validate")
            let loaded = try duban.run("plan", "load")

            #expect(validated.exitCode == loaded.exitCode, "validate: \(validated)\nload: \(loaded)")
            #expect(loaded.exitCode == 2, "\(loaded)")
            #expect(loaded.stderr.hasPrefix("plans/small.yaml:23:"), "\(loaded.stderr)")
            #expect(duban.storeExists == false)
        }
    }

    /// Dependencies may cross the plans of one family in either direction: a base task may wait on an annual task.
    @Test func baseTaskMayDependOnAnAnnualTask() throws {
        try withDuban { duban in
            let plan = Fixtures.smallPlan(
                replacing: "every: month", with: "every: month\n            depends_on: [y2025-pilot]")
            try Fixtures.writeSmallPlans(in: duban.directory, plan: plan)
            try Self.writeAnnualPlan(in: duban.directory)

            let validated = try duban.run("plan", "validate")
            #expect(validated.exitCode == 0, "\(validated)")
            let loaded = try duban.run("plan", "load")
            #expect(loaded.exitCode == 0, "\(loaded)")
            #expect(
                loaded.stdout == """
                    loaded into \(duban.db) (load 1):
                      departments: 4 added
                      plan small (new): 4 added, 0 unchanged
                      plan small-2025 (new): 1 added, 0 unchanged

                    """)
            #expect(loaded.stderr == "")
        }
    }
}
