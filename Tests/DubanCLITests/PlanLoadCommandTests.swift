import Foundation
import Testing

/// `duban plan load` prints what changed; loading again says nothing changed.
@Suite struct PlanLoadCommandTests {
    @Test func loadThenLoadAgainOnTheShippedPlans() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)

            let first = try duban.run("plan", "load")
            #expect(first.exitCode == 0, "\(first)")
            #expect(
                first.stdout == """
                    loaded into \(duban.db) (load 1):
                      departments: 24 added
                      plan zaozhuang-gaoxin-2024-2026 (new): 92 added, 0 unchanged

                    """)
            #expect(first.stderr == "")
            #expect(duban.storeExists)

            let second = try duban.run("plan", "load")
            #expect(second.exitCode == 0, "\(second)")
            #expect(
                second.stdout == """
                    nothing changed in \(duban.db): the plans are as loaded before
                      plan zaozhuang-gaoxin-2024-2026: 92 unchanged

                    """)
            #expect(second.stderr == "")
        }
    }

    @Test func reloadPrintsEachChangedArchivedAndRestoredTask() throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            try duban.run("plan", "load")

            let edited = Fixtures.smallPlan(replacing: "due: 2024年底前", with: "due: 2024年9月30日前")
            let withoutMonthly = Fixtures.replacing(
                "        tasks:\n" + Fixtures.monthlyTask, with: "        tasks: []\n", in: edited)
            try Fixtures.writeSmallPlans(in: duban.directory, plan: withoutMonthly)
            let changed = try duban.run("plan", "load")
            #expect(changed.exitCode == 0, "\(changed)")
            #expect(
                changed.stdout == """
                    loaded into \(duban.db) (load 2):
                      plan small: 1 changed, 1 archived, 2 unchanged
                        changed t-ledger: due 2024-12-31 → 2024-09-30; due_text 2024年底前 → 2024年9月30日前
                        archived t-monthly (its progress and history are kept)

                    """)
            #expect(changed.stderr == "")

            try Fixtures.writeSmallPlans(in: duban.directory)
            let restored = try duban.run("plan", "load")
            #expect(restored.exitCode == 0, "\(restored)")
            #expect(
                restored.stdout == """
                    loaded into \(duban.db) (load 3):
                      plan small: 1 changed, 1 restored, 2 unchanged
                        changed t-ledger: due 2024-09-30 → 2024-12-31; due_text 2024年9月30日前 → 2024年底前
                        restored t-monthly

                    """)
        }
    }

    @Test func dbOptionWinsOverTheEnvironment() throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            let result = try duban.run("plan", "load", "--db", "other.sqlite")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.hasPrefix("loaded into other.sqlite (load 1):\n"))
            #expect(duban.storeExists == false)
            #expect(FileManager.default.fileExists(atPath: duban.directory.appendingPathComponent("other.sqlite").path))
        }
    }
}
