import Foundation
import Testing

/// `duban progress report` and `duban progress show`, with exact output, and the refusals.
@Suite struct ProgressCommandTests {
    static func loaded(_ duban: DubanProcess) throws {
        try Fixtures.writeSmallPlans(in: duban.directory)
        let load = try duban.run("plan", "load")
        try #require(load.exitCode == 0, "\(load)")
    }

    /// Two reports on t-census: the lead's with a note, then the subdistrict's on today's date.
    static func reported(_ duban: DubanProcess) throws {
        try loaded(duban)
        let first = try duban.run(
            "progress", "report", "t-census", "--percent", "40", "--by", "emergency", "--date", "2024-06-10", "--note",
            "完成兴仁街道")
        #expect(first.exitCode == 0)
        #expect(first.stdout == "recorded: t-census 40% as of 2024-06-10 by emergency (report 1)\n")
        #expect(first.stderr == "")
        let second = try duban.run("progress", "report", "t-census", "--percent", "75.5", "--by", "xingren")
        #expect(second.exitCode == 0)
        #expect(second.stdout == "recorded: t-census 75.5% as of 2024-06-15 by xingren (report 2)\n")
    }

    static let table = """
        t-census: 摸底排查
        lead emergency; due 2024-06-30
        DATE        REPORTED  BY         NOTE
        2024-06-10  40%       emergency  完成兴仁街道
        2024-06-15  75.5%     xingren

        """

    @Test func showWithoutReports() throws {
        try withDuban { duban in
            try Self.loaded(duban)
            let result = try duban.run("progress", "show", "t-monthly")
            #expect(result.exitCode == 0)
            #expect(result.stdout == "t-monthly: 每月调度\nlead office; due 2026-12-31\nno progress reported\n")
            #expect(result.stderr == "")
        }
    }

    @Test func reportThenShowAsATable() throws {
        try withDuban { duban in
            try Self.reported(duban)
            let result = try duban.run("progress", "show", "t-census")
            #expect(result.exitCode == 0)
            #expect(result.stdout == Self.table)
            #expect(result.stderr == "")
        }
    }

    @Test func reportThenShowAsJSON() throws {
        try withDuban { duban in
            try Self.reported(duban)
            let result = try duban.run("progress", "show", "t-census", "--json")
            #expect(result.exitCode == 0)
            #expect(result.stderr == "")
            let expected = """
                {"task": {"id": "t-census", "kind": "milestone", "action": "a1", "measure": null, "title": "摸底排查",
                          "lead": "emergency", "support": ["xingren"], "start": null, "due": "2024-06-30",
                          "every": null, "high_risk_every": null, "target": null, "depends_on": [], "source": null},
                 "archived": false,
                 "reports": [
                   {"date": "2024-06-10", "percent": 40, "occurrence": null, "done": null, "value": null,
                    "by": "emergency", "note": "完成兴仁街道", "reported_at": "2024-06-15T10:00:00+08:00"},
                   {"date": "2024-06-15", "percent": 75.5, "occurrence": null, "done": null, "value": null,
                    "by": "xingren", "note": null, "reported_at": "2024-06-15T10:00:00+08:00"}]}
                """
            #expect(try JSON.same(result.stdout, expected), "\(result.stdout)")
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var stderr: String
        var testDescription: String { name }
    }

    static let refusals = [
        Refusal(
            name: "percent 150", arguments: ["t-census", "--percent", "150", "--by", "emergency"],
            stderr: """
                Error: --percent must be between 0 and 100; got 150
                Usage: duban progress report <task> [--percent <percent>] [--occurrence <occurrence>] [--not-done] [--value <value>] --by <by> [--date <date>] [--note <note>] [--db <db>]
                  See 'duban progress report --help' for more information.

                """),
        Refusal(
            name: "unknown task", arguments: ["t-nope", "--percent", "15", "--by", "emergency"],
            stderr: "error: no task “t-nope” is loaded; check the id with `duban plan show`\n"),
        Refusal(
            name: "wrong department", arguments: ["t-census", "--percent", "15", "--by", "fire"],
            stderr: "error: 区消防救援大队 (fire) neither leads nor supports task t-census; "
                + "report as the lead, emergency, or a supporting department: xingren\n"),
        Refusal(
            name: "unknown department", arguments: ["t-census", "--percent", "15", "--by", "nobody"],
            stderr:
                "error: no department “nobody” is in the registry; use a department id, name or alias from plans/departments.yaml\n"
        ),
        Refusal(
            name: "bad date", arguments: ["t-census", "--percent", "15", "--by", "emergency", "--date", "2024-13-01"],
            stderr: "error: --date “2024-13-01” is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30\n"),
    ]

    @Test(arguments: refusals)
    func refusedReportIsBadInputAndRecordsNothing(_ refusal: Refusal) throws {
        try withDuban { duban in
            try Self.reported(duban)
            let before = try #require(duban.storeBytes())

            let result = try duban.run(["progress", "report"] + refusal.arguments)

            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == refusal.stderr)
            #expect(duban.storeBytes() == before)
            #expect(try duban.run("progress", "show", "t-census").stdout == Self.table)
        }
    }

    @Test func showUnknownTaskIsBadInput() throws {
        try withDuban { duban in
            try Self.loaded(duban)
            let result = try duban.run("progress", "show", "t-nope")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "error: no task “t-nope” is loaded; check the id with `duban plan show`\n")
        }
    }

    @Test func archivedTaskShowsAsArchived() throws {
        try withDuban { duban in
            try Self.reported(duban)
            let plan = Fixtures.replacing(
                "        tasks:\n" + Fixtures.monthlyTask, with: "        tasks: []\n", in: Fixtures.smallPlan)
            try Fixtures.writeSmallPlans(in: duban.directory, plan: plan)
            try duban.run("plan", "load")
            let result = try duban.run("progress", "show", "t-monthly")
            #expect(result.stdout == "t-monthly (archived): 每月调度\nlead office; due 2026-12-31\nno progress reported\n")
            let refused = try duban.run("progress", "report", "t-monthly", "--percent", "10", "--by", "office")
            #expect(refused.exitCode == 2)
            #expect(
                refused.stderr == "error: task “t-monthly” was removed from its plan and is archived; "
                    + "report on a current task, or put the task back in the plan and reload\n")
        }
    }
}
