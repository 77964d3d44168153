import Foundation
import Testing

/// Argument mistakes exit 2 (not ArgumentParser's 64), and reading commands without a store say how
/// to make one.
@Suite struct ArgumentErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var stderr: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases = [
        Case(
            arguments: ["frobnicate"],
            stderr: """
                Error: Unexpected argument 'frobnicate'
                Usage: duban <subcommand>
                  See 'duban --help' for more information.

                """),
        Case(
            arguments: ["plan", "frob"],
            stderr: """
                Error: Unexpected argument 'frob'
                Usage: duban plan <subcommand>
                  See 'duban plan --help' for more information.

                """),
        Case(
            arguments: ["plan", "generate"],
            stderr: """
                Error: Missing expected argument '--tasks <tasks>'
                Help:  --tasks <tasks>  How many tasks to generate.
                Usage: duban plan generate --tasks <tasks> [--seed <seed>] [--output <output>]
                  See 'duban plan generate --help' for more information.

                """),
        Case(
            arguments: ["progress", "report", "t-census", "--by", "emergency"],
            stderr: """
                Error: give exactly one of --percent (a milestone), --occurrence (a recurring duty) or --value (a target)
                Usage: duban progress report <task> [--percent <percent>] [--occurrence <occurrence>] [--not-done] [--value <value>] --by <by> [--date <date>] [--note <note>] [--db <db>]
                  See 'duban progress report --help' for more information.

                """),
        Case(
            arguments: ["plan", "show", "--measure", "0"],
            stderr: """
                Error: --measure must be a measure number, 1 or more; got 0
                Usage: duban plan show [--json] [--measure <measure>] [--department <department>] [--db <db>]
                  See 'duban plan show --help' for more information.

                """),
    ]

    @Test(arguments: cases)
    func argumentErrorExitsTwo(_ bad: Case) throws {
        try withDuban { duban in
            let result = try duban.run(bad.arguments)
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == bad.stderr)
            #expect(duban.storeExists == false)
        }
    }

    @Test(arguments: [["plan", "show"], ["plan", "show", "--json"], ["graph"], ["progress", "show", "t-census"]])
    func readingWithoutAStoreSaysToLoadAPlan(_ arguments: [String]) throws {
        try withDuban { duban in
            let result = try duban.run(arguments)
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr
                    == "error: no store at \(duban.db); load a plan first with `duban plan load` (or `make run`), or pass --db\n"
            )
            #expect(duban.storeExists == false)
        }
    }

    @Test func helpAndVersionExitZero() throws {
        try withDuban { duban in
            let version = try duban.run("--version")
            #expect(version.exitCode == 0)
            #expect(version.stdout == "0.1.0\n")
            let help = try duban.run("--help")
            #expect(help.exitCode == 0)
            #expect(help.stdout.hasPrefix("OVERVIEW: Follow a government action plan's deadlines"))
            #expect(help.stderr == "")
        }
    }

    @Test func badClockIsBadInput() throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            var late = duban
            late.now = "yesterday"
            let result = try late.run("plan", "load")
            #expect(result.exitCode == 2)
            #expect(
                result.stderr
                    == "error: DUBAN_NOW “yesterday” is not an ISO 8601 time; write 2025-06-30T09:00:00+08:00 or 2025-06-30\n"
            )
        }
    }
}
