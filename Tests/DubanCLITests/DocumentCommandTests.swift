import Foundation
import Testing

/// The document commands over the demo history: what the 2024Q4 agenda must name, the ranking
/// recomputed from `duban evaluate --json`, calendar feeds read by an independent parser, bad input.
@Suite struct DocumentCommandTests {
    func json(_ arguments: String...) throws -> Any {
        let result = try DemoStore.duban.run(arguments)
        try #require(result.exitCode == 0, "\(result)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func agendaFor2024Q4NamesTheBlockageAndThePendingApprovals() throws {
        let agenda = try #require(try json("agenda", "--quarter", "2024Q4", "--json") as? [String: Any])
        #expect(agenda["meeting"] as? String == "2025-01-15")
        // The graph: the office's 2025 goal depends on 应急局's 2024 hazard database, which stalled.
        let blockages = try #require(agenda["blockages"] as? [[String: String]])
        #expect(
            blockages.contains([
                "blocked": "goal-2025-curb-increment", "blockedDepartment": "safety-office",
                "prerequisite": "m05-2024-hazard-database", "prerequisiteDepartment": "emergency",
            ]))
        // Every pending 约谈 is a decision for the meeting, and its department attends.
        // Pending: proposed by the agenda's day and not since wiped out by a reset on recovery.
        let steps = try #require(try json("escalations", "--json") as? [[String: Any]])
            .filter { ($0["date"] as? String ?? "") <= "2025-01-08" }
        let pending = steps.filter { step in
            step["state"] as? String == "proposed"
                && !steps.contains {
                    $0["task"] as? String == step["task"] as? String && $0["rung"] as? String == "reset"
                        && ($0["id"] as! Int) > (step["id"] as! Int)
                }
        }
        let decisions = try #require(agenda["decisions"] as? [[String: Any]])
        #expect(!pending.isEmpty)
        #expect(Set(decisions.compactMap { $0["step"] as? Int }) == Set(pending.compactMap { $0["id"] as? Int }))
        #expect(decisions.allSatisfy { $0["rung"] as? String == "约谈" })
        let attendees = try #require(agenda["attendees"] as? [String])
        #expect(attendees.first == "safety-office")
        #expect(Set(decisions.compactMap { $0["department"] as? String }).isSubset(of: attendees))

        let markdown = try DemoStore.duban.run("agenda", "--quarter", "2024Q4").stdout
        #expect(markdown.contains("区应急管理局的前置任务 m05-2024-hazard-database 未完成，影响区安委会办公室的 goal-2025-curb-increment"))
        #expect(markdown.contains("## 六、需会议决定的督办事项"))
        #expect(markdown.contains("第 \(pending[0]["id"] as! Int) 号督办"))
    }

    /// The documented score, recomputed here from `duban evaluate --json` alone.
    @Test func bulletinRankingIsReproducibleFromTheEvaluation() throws {
        let bulletin = try #require(try json("bulletin", "--month", "2025-06", "--json") as? [String: Any])
        let asOf = try #require(bulletin["asOf"] as? String)
        let evaluation = try #require(try json("evaluate", "--json", "--as-of", asOf) as? [String: Any])
        let tasks = try #require(evaluation["tasks"] as? [[String: Any]])
        let escalations = try #require(evaluation["escalations_this_year"] as? [String: Int])
        var expected: [String: Double] = [:]
        for (lead, own) in Dictionary(grouping: tasks, by: { $0["lead"] as! String }) where lead != "safety-office" {
            let done = own.filter { $0["status"] as? String == "done" }
            let onTime = done.filter { ($0["forecast"] as? String ?? "") <= ($0["due"] as! String) }.count
            let overdue = own.filter { $0["status"] as? String == "overdue" }.count
            let rate = done.count + overdue == 0 ? 1 : Double(onTime) / Double(done.count + overdue)
            let lag = own.reduce(0.0) { $0 + max(0, $1["lag"] as! Double) } / Double(own.count)
            let discipline = max(0, 20 - 4 * Double(overdue) - 2 * Double(escalations[lead] ?? 0))
            expected[lead] = ((40 * rate + 40 * (1 - min(100, lag) / 100) + discipline) * 10).rounded() / 10
        }
        let ranking = try #require(bulletin["ranking"] as? [[String: Any]])
        #expect(ranking.count == expected.count)
        for standing in ranking {
            let department = standing["department"] as! String
            #expect(standing["score"] as? Double == expected[department], "\(department)")
        }
        // The bulletin's counts are the evaluation's.
        let items = try #require(bulletin["items"] as? [[String: Any]])
        for light in ["red", "yellow"] {
            #expect(
                items.filter { $0["light"] as? String == light }.count
                    == tasks.filter { $0["light"] as? String == light }.count, "\(light)")
        }
        let lines = try #require(bulletin["departments"] as? [[String: Any]])
        #expect(
            lines.reduce(0) { $0 + ($1["overdue"] as! Int) }
                == tasks.filter { $0["status"] as? String == "overdue" }.count)
        let scores = ranking.map { $0["score"] as! Double }
        #expect(scores == scores.sorted(by: >))
        #expect(ranking.map { $0["rank"] as! Int } == Array(1...ranking.count))
    }

    @Test(arguments: ["emergency", "xingren", "safety-office", "housing"])
    func calendarFeedIsReadByAnIndependentParserOnThePlansDates(_ department: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try DemoStore.duban.run("plan", "show", "--json")
        try Data(plan.stdout.utf8).write(to: folder.appendingPathComponent("plan.json"))
        let feed = try DemoStore.duban.run("calendar-feed", "--department", department)
        #expect(feed.exitCode == 0, "\(feed)")
        try Data(feed.stdout.utf8).write(to: folder.appendingPathComponent("feed.ics"))

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", DubanProcess.packageRoot.appendingPathComponent("Tests/DubanCLITests/check_ics.py").path,
            folder.appendingPathComponent("plan.json").path, folder.appendingPathComponent("feed.ics").path, department,
        ]
        let output = Pipe()
        let errors = Pipe()
        python.standardOutput = output
        python.standardError = errors
        try python.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        try #require(
            python.terminationStatus == 0,
            "check_ics.py failed (is PyPI's icalendar installed? `make test` installs it): \(failure)")
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["problems"] as? [String] == [])
        #expect((report["events"] as? Int ?? 0) > 0)
        #expect(report["events"] as? Int == report["expected"] as? Int)
    }

    @Test func badRequestsAreRefusedWithTheFix() throws {
        let duban = DemoStore.duban
        let month = try duban.run("bulletin", "--month", "2023-06")
        #expect(month.exitCode == 2)
        #expect(month.stderr.hasPrefix("error: no bulletin for 2023-06 is stored; the monthly dispatch composes it"))
        #expect(month.stderr.contains("stored: "))
        let format = try duban.run("bulletin", "--month", "2025-6")
        #expect(format.exitCode == 2)
        #expect(format.stderr.contains("--month “2025-6” is not a month; write YYYY-MM, e.g. 2025-06"))
        let quarter = try duban.run("agenda", "--quarter", "2025Q5")
        #expect(quarter.exitCode == 2)
        #expect(quarter.stderr.contains("write YYYYQn, e.g. 2025Q3"))
        let pdf = try duban.run("bulletin", "--month", "2025-06", "--format", "pdf")
        #expect(pdf.exitCode == 2)
        #expect(pdf.stderr.contains("'pdf'"))
        let letter = try duban.run("letter", "show", "2024-999")
        #expect(letter.exitCode == 2)
        #expect(letter.stderr == "error: no letter 2024-999 was issued; list them with `duban letter list`\n")
        let department = try duban.run("calendar-feed", "--department", "emergncy")
        #expect(department.exitCode == 2)
        #expect(
            department.stderr == "error: --department “emergncy” is not in the registry; did you mean “emergency”?\n")
        let templates = try duban.run("bulletin", "--month", "2025-06", "--templates", "/nonexistent")
        #expect(templates.exitCode == 2)
        #expect(templates.stderr.contains("/nonexistent/bulletin.md.mustache is missing"))
    }

    @Test func lettersAreListedByYearAndNumber() throws {
        let list = try DemoStore.duban.run("letter", "list", "--year", "2024", "--department", "emergency")
        #expect(list.exitCode == 0, "\(list)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NUMBER") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("高新安办函〔2024〕") && $0.contains("emergency") })
        #expect(lines.count > 2)
    }
}
