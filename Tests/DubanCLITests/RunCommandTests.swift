import Foundation
import Testing

/// `duban run --as-of 2024-06-15` on a copy of the shipped plans: the summary's counts and lists
/// agree with what `plan show --json` says is loaded.
@Suite struct RunCommandTests {
    struct Listed {
        var id: String
        var kind: String
        var action: String
        var due: String
    }

    static func listed(_ duban: DubanProcess) throws -> [Listed] {
        let result = try duban.run("plan", "show", "--json")
        try #require(result.exitCode == 0, "\(result)")
        return try JSON.array(result.stdout).map { task in
            Listed(
                id: try #require(task["id"] as? String), kind: try #require(task["kind"] as? String),
                action: try #require(task["action"] as? String), due: try #require(task["due"] as? String))
        }
    }

    /// The ids in the table under the line starting with `heading`, and the count the heading gives.
    static func section(_ output: String, _ heading: String) throws -> (count: Int, ids: [String]) {
        let lines = output.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix(heading) }, "no “\(heading)” in\n\(output)")
        let count = try #require(Int(lines[start].dropFirst(heading.count)), "\(lines[start])")
        let rows = lines[(start + 1)...].prefix { !$0.isEmpty }
        guard let header = rows.first else { return (count, []) }
        #expect(header.split(separator: " ") == ["DUE", "ID", "LEAD", "TITLE"])
        return (count, rows.dropFirst().map { String($0.split(separator: " ")[1]) })
    }

    static let ahead = "deadlines in the next 90 days (through 2024-09-13): "
    static let overdue = "past due with no progress report: "

    @Test func summaryAgreesWithTheLoadedPlan() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("run", "--as-of", "2024-06-15")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")
            let tasks = try Self.listed(duban)
            #expect(tasks.count == 92)
            let count = { (kind: String) in tasks.filter { $0.kind == kind }.count }

            #expect(
                result.stdout.hasPrefix(
                    """
                    loaded into \(duban.db) (load 1):
                      departments: 24 added
                      plan zaozhuang-gaoxin-2024-2026 (new): \(tasks.count) added, 0 unchanged

                    nothing due: every job is up to date
                    delivered 0, retrying 0, dead 0, waiting 0
                    documents: not written (no notifiers/templates/documents here; run from duban's folder)

                    as of 2024-06-15 (Asia/Shanghai)

                    tasks per action:
                      ACTION                   TASKS  MILESTONES  DUTIES  TARGETS  TITLE

                    """), "\(result.stdout)")

            let lines = result.stdout.components(separatedBy: "\n")
            let total = try #require(lines.first { $0.hasPrefix("  total ") })
            #expect(
                total.split(separator: " ").map(String.init)
                    == [
                        "total", "\(tasks.count)", "\(count("milestone"))", "\(count("obligation"))",
                        "\(count("target"))",
                    ])
            for action in Set(tasks.map(\.action)) {
                let row = try #require(lines.first { $0.hasPrefix("  \(action) ") }, "\(action)")
                #expect(row.split(separator: " ")[1] == "\(tasks.filter { $0.action == action }.count)", "\(row)")
            }

            let dated = tasks.filter { $0.kind != "obligation" }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
            let expectedAhead = dated.filter { $0.due >= "2024-06-15" && $0.due <= "2024-09-13" }.map(\.id)
            let ahead = try Self.section(result.stdout, Self.ahead)
            #expect(ahead.ids == expectedAhead)
            #expect(ahead.count == expectedAhead.count)
            #expect(expectedAhead == ["m10-2024-institution-review"])

            let expectedOverdue = dated.filter { $0.due < "2024-06-15" }.map(\.id)
            let overdue = try Self.section(result.stdout, Self.overdue)
            #expect(overdue.ids == expectedOverdue)
            #expect(overdue.count == expectedOverdue.count)
            #expect(expectedOverdue == ["m26-2024-confined-space-census"])
        }
    }

    @Test func reportedTaskIsNoLongerPastDue() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try duban.run("plan", "load")
            let report = try duban.run(
                "progress", "report", "m26-2024-confined-space-census", "--percent", "100", "--by", "emergency")
            try #require(report.exitCode == 0, "\(report)")

            let result = try duban.run("run", "--as-of", "2024-06-15")

            #expect(result.exitCode == 0)
            #expect(result.stdout.hasPrefix("nothing changed in \(duban.db): the plans are as loaded before\n"))
            #expect(result.stdout.hasSuffix("\n\npast due with no progress report: 0\n"))
            #expect(try Self.section(result.stdout, Self.overdue).ids == [])
        }
    }

    @Test func horizonAndDayAreHonoured() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("run", "--as-of", "2024-09-01", "--horizon", "30")
            #expect(result.exitCode == 0)
            let tasks = try Self.listed(duban)
            let expected = tasks.filter { $0.kind != "obligation" && $0.due >= "2024-09-01" && $0.due <= "2024-10-01" }
                .sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map(\.id)
            let ahead = try Self.section(result.stdout, "deadlines in the next 30 days (through 2024-10-01): ")
            #expect(ahead.ids == expected)
            #expect(expected == ["m18-2024-emergency-handbooks"])
        }
    }

    @Test func runWritesTheDocumentsBesideTheStore() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let templates = duban.directory.appendingPathComponent("notifiers/templates")
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: DubanProcess.packageRoot.appendingPathComponent("notifiers/templates/documents"),
                to: templates.appendingPathComponent("documents"))
            var early = duban
            early.now = "2024-01-01T08:00:00+08:00"
            var later = duban
            later.now = "2024-02-10T12:00:00+08:00"
            _ = try early.run("plan", "load")
            let result = try later.run("run", "--as-of", "2024-02-10")
            #expect(result.exitCode == 0, "\(result)")
            let folder = duban.directory.appendingPathComponent("documents")
            #expect(result.stdout.contains("documents: "))
            #expect(result.stdout.contains(" files in \(folder.path)\n"))
            // The January and February dispatches composed bulletins; the chart and calendars are always written.
            for path in [
                "bulletins/2024-01.md", "bulletins/2024-02.html", "bulletins/2024-02.docx", "gantt.svg",
                "calendars/emergency.ics",
            ] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
            }
        }
    }

    @Test func badAsOfIsBadInput() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("run", "--as-of", "2024/06/15")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr == "error: --as-of “2024/06/15” is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30\n")
            #expect(duban.storeExists == false)
        }
    }
}
