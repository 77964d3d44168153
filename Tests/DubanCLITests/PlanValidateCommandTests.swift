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
                    ok: 1 plan, 4 tasks, 4 departments, 0 warnings

                    """)
            #expect(result.stderr == "")
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
