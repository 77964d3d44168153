import Foundation
import Testing

/// `duban plan generate` writes a synthetic plan that `duban plan validate` accepts.
@Suite struct PlanGenerateCommandTests {
    @Test func generatedPlanValidates() throws {
        try withDuban { duban in
            let generated = try duban.run("plan", "generate", "--tasks", "2000", "--seed", "3", "--output", "gen")
            #expect(generated.exitCode == 0, "\(generated)")
            #expect(generated.stdout == "wrote gen/plan.yaml (2000 tasks) and gen/departments.yaml (14 departments)\n")
            #expect(generated.stderr == "")

            let validated = try duban.run("plan", "validate", "gen")
            #expect(validated.exitCode == 0, "\(validated)")
            #expect(
                validated.stdout == """
                    gen/plan.yaml: plan synthetic-2000-3, 2000 tasks (1389 milestones, 395 recurring duties, 216 targets)
                    read: gen/departments.yaml, gen/plan.yaml
                    ok: 1 plan, 2000 tasks, 14 departments, 0 warnings

                    """)
            #expect(validated.stderr == "")
        }
    }

    @Test func sameSeedAndSizeWriteTheSameFiles() throws {
        try withDuban { duban in
            try duban.run("plan", "generate", "--tasks", "50", "--seed", "9", "--output", "one")
            try duban.run("plan", "generate", "--tasks", "50", "--seed", "9", "--output", "two")
            for name in ["plan.yaml", "departments.yaml"] {
                let one = try Data(contentsOf: duban.directory.appendingPathComponent("one/\(name)"))
                let two = try Data(contentsOf: duban.directory.appendingPathComponent("two/\(name)"))
                #expect(one == two, "\(name)")
            }
        }
    }

    @Test(arguments: ["0", "-5", "10000001"])
    func taskCountOutOfRangeIsBadInput(_ count: String) throws {
        try withDuban { duban in
            let result = try duban.run("plan", "generate", "--tasks=\(count)", "--output", "gen")
            #expect(result.exitCode == 2)
            #expect(result.stderr.hasPrefix("Error: --tasks must be between 1 and 10000000; got \(count)\n"))
            #expect(FileManager.default.fileExists(atPath: duban.directory.appendingPathComponent("gen").path) == false)
        }
    }
}
