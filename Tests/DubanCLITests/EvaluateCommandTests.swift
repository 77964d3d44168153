import Foundation
import Testing

/// `duban evaluate` on the shipped plans: the JSON object and its fields, the table, and a report
/// turning measure 26's census green.
@Suite struct EvaluateCommandTests {
    static let task = "m26-2024-confined-space-census"
    static let taskKeys: Set<String> = [
        "id", "lead", "kind", "due", "expected", "reported", "lag", "light", "status", "blocked_by", "forecast",
        "slack_days", "missed_occurrences",
    ]

    static func evaluate(_ duban: DubanProcess, _ more: [String] = []) throws -> [String: Any] {
        let result = try duban.run(["evaluate", "--as-of", "2024-06-15", "--json"] + more)
        try #require(result.exitCode == 0, "\(result)")
        #expect(result.stderr == "")
        return try #require(try JSON.parse(result.stdout) as? [String: Any])
    }

    static func tasks(_ object: [String: Any]) throws -> [[String: Any]] {
        try #require(object["tasks"] as? [[String: Any]])
    }

    @Test func jsonHasEveryTaskWithItsFields() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            let object = try Self.evaluate(duban)
            #expect(Set(object.keys) == ["as_of", "tasks", "departments", "escalations_this_year", "goals"])
            #expect(object["as_of"] as? String == "2024-06-15")
            // The plan's three goals take their progress from the (empty) hazard ledger.
            let goals = try #require(object["goals"] as? [[String: Any]])
            #expect(
                Set(goals.compactMap { $0["task"] as? String })
                    == ["goal-2024-clear-stock", "goal-2025-curb-increment", "goal-2026-dynamic-zero"])
            #expect(goals.allSatisfy { ($0["explanation"] as? String)?.isEmpty == false })

            let tasks = try Self.tasks(object)
            #expect(tasks.count == 92)
            for task in tasks {
                #expect(Set(task.keys) == Self.taskKeys, "\(task["id"] ?? "?")")
                #expect(task["id"] is String && task["lead"] is String)
                #expect(task["expected"] is NSNumber && task["reported"] is NSNumber && task["lag"] is NSNumber)
                #expect(["green", "blue", "yellow", "red"].contains(task["light"] as? String ?? ""))
                #expect(
                    ["done", "on track", "at risk", "late", "overdue", "blocked", "not started"].contains(
                        task["status"] as? String ?? ""))
                #expect(task["blocked_by"] is [String])
                #expect(task["forecast"] is String || task["forecast"] is NSNull)
                #expect(task["slack_days"] is Int)
            }
            // Due 2024-03-31, nothing reported: overdue, red, a forecast of today at best.
            let census = try #require(tasks.first { $0["id"] as? String == Self.task })
            #expect(census["lead"] as? String == "emergency")
            #expect(census["due"] as? String == "2024-03-31")
            #expect(census["expected"] as? Double == 100)
            #expect(census["reported"] as? Double == 0)
            #expect(census["lag"] as? Double == 100)
            #expect(census["light"] as? String == "red")
            #expect(census["status"] as? String == "overdue")
            #expect(census["forecast"] as? String == "2024-06-15")

            let departments = try #require(object["departments"] as? [[String: Any]])
            #expect(departments.reduce(0) { $0 + ($1["tasks"] as? Int ?? 0) } == 92)
            let emergency = try #require(departments.first { $0["key"] as? String == "emergency" })
            #expect(emergency["tasks"] as? Int == tasks.filter { $0["lead"] as? String == "emergency" }.count)
            #expect((emergency["red"] as? Int ?? 0) >= 1)
        }
    }

    @Test func aDoneReportTurnsTheCensusGreen() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            let report = try duban.run(
                "progress", "report", Self.task, "--percent", "100", "--by", "emergency", "--date", "2024-03-20")
            #expect(report.exitCode == 0, "\(report)")
            #expect(report.stdout == "recorded: \(Self.task) 100% as of 2024-03-20 by emergency (report 1)\n")

            let census = try #require(
                try Self.tasks(try Self.evaluate(duban)).first { $0["id"] as? String == Self.task })
            #expect(census["status"] as? String == "done")
            #expect(census["light"] as? String == "green")
            #expect(census["reported"] as? Double == 100)
            #expect(census["lag"] as? Double == 0)
            #expect(census["forecast"] as? String == "2024-03-20")
            #expect(census["blocked_by"] as? [String] == [])

            // Evaluated before the report's date, it is still open.
            let result = try duban.run("evaluate", "--as-of", "2024-03-19", "--json")
            let object = try #require(try JSON.parse(result.stdout) as? [String: Any])
            let earlier = try #require(try Self.tasks(object).first { $0["id"] as? String == Self.task })
            #expect(earlier["status"] as? String != "done")
        }
    }

    @Test func departmentFilterAndTable() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            let object = try Self.evaluate(duban, ["--department", "emergency"])
            let tasks = try Self.tasks(object)
            #expect(!tasks.isEmpty)
            #expect(tasks.allSatisfy { $0["lead"] as? String == "emergency" })
            #expect((object["departments"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["emergency"])

            let table = try duban.run("evaluate", "--as-of", "2024-06-15", "--department", "emergency")
            #expect(table.exitCode == 0)
            let lines = table.stdout.components(separatedBy: "\n")
            #expect(lines.first == "as of 2024-06-15")
            #expect(
                lines.dropFirst().first?.split(separator: " ", omittingEmptySubsequences: true) == [
                    "ID", "LEAD", "DUE", "EXPECTED", "REPORTED", "LAG", "LIGHT", "STATUS", "SLACK", "BLOCKED", "BY",
                ])
            let row = try #require(lines.first { $0.hasPrefix(Self.task + " ") })
            #expect(
                row.split(separator: " ").prefix(8) == [
                    "m26-2024-confined-space-census", "emergency", "2024-03-31", "100%", "0%", "100%", "red", "overdue",
                ])
            #expect(lines.contains { $0.hasPrefix("DEPARTMENT  TASKS  EXPECTED") })
        }
    }

    @Test(arguments: [
        (["evaluate", "--department", "nowhere"], "error: --department “nowhere” is not in the registry\n"),
        (
            ["evaluate", "--as-of", "2024-06-31"],
            "error: --as-of “2024-06-31” is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30\n"
        ),
    ])
    func badInputExitsTwo(arguments: [String], message: String) throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            let before = try #require(duban.storeBytes())
            let result = try duban.run(arguments)
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == message)
            #expect(duban.storeBytes() == before)
        }
    }

    @Test func noStoreExitsTwo() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("evaluate", "--json")
            #expect(result.exitCode == 2)
            #expect(result.stderr.hasPrefix("error: no store at \(duban.db); "))
            #expect(!duban.storeExists)
        }
    }
}
