import Foundation
import Testing

/// `duban simulate` replays a year of jobs on a scratch copy of the shipped plans: measure 26's census,
/// never reported, climbs one rung per monthly dispatch up to a proposed 约谈 and waits there; the
/// real store is neither created nor touched, and the scratch copy is removed.
@Suite struct SimulateCommandTests {
    static let task = "m26-2024-confined-space-census"
    static let arguments = ["simulate", "--from", "2024-01-01", "--to", "2024-12-31"]

    /// `duban` with its own temporary folder, to see the scratch store go.
    static func scratch(_ duban: DubanProcess) throws -> (DubanProcess, URL) {
        let tmp = duban.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        var copy = duban
        copy.environment["TMPDIR"] = tmp.path + "/"
        return (copy, tmp)
    }

    @Test func censusClimbsOneRungPerDispatchThenWaits() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let (simulate, tmp) = try Self.scratch(duban)
            let started = Date()
            let result = try simulate.run(Self.arguments)
            let seconds = Date().timeIntervalSince(started)
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")

            // Month headings, January to December, each with its dispatch.
            let lines = result.stdout.components(separatedBy: "\n")
            let headings = lines.filter { !$0.hasPrefix(" ") && !$0.isEmpty }
            #expect(headings.map { String($0.prefix(7)) } == (1...12).map { String(format: "2024-%02d", $0) })
            #expect(headings.first?.hasPrefix("2024-01 — 月调度 2024-01-05, ") == true, "\(headings)")
            #expect(headings.contains { $0.hasPrefix("2024-04 — 月调度 2024-04-07, ") })
            #expect(headings.contains { $0.hasPrefix("2024-10 — 月调度 2024-10-08, ") })

            // Every line about the census, under the month it falls in.
            var month = ""
            var census: [String] = []
            for line in lines {
                if !line.hasPrefix(" ") && !line.isEmpty { month = String(line.prefix(7)) }
                if line.contains(" on \(Self.task) ") { census.append("\(month) \(line)") }
            }
            #expect(
                census == [
                    "2024-02   督促提醒 → emergency on \(Self.task) [approved, red-first]",
                    "2024-03   函告 → emergency on \(Self.task) [approved, red-climb]",
                    "2024-04   通报 → emergency on \(Self.task) [approved, red-climb]",
                    "2024-05   约谈 → emergency on \(Self.task) [proposed, red-climb]",
                ])

            // Neither the real store nor the default one was created; the scratch copy is gone.
            #expect(!duban.storeExists)
            #expect(!FileManager.default.fileExists(atPath: duban.directory.appendingPathComponent("var").path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
            print("SimulateCommandTests: simulate 2024 took \(String(format: "%.1f", seconds)) s")
        }
    }

    @Test func jsonTellsTheSameStoryAndTheRealStoreIsUntouched() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let load = try duban.run("plan", "load")
            try #require(load.exitCode == 0, "\(load)")
            let before = try #require(duban.storeBytes())

            let (simulate, tmp) = try Self.scratch(duban)
            let result = try simulate.run(Self.arguments + ["--json"])
            #expect(result.exitCode == 0, "\(result)")
            #expect(duban.storeBytes() == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])

            let object = try #require(try JSON.parse(result.stdout) as? [String: Any])
            let months = try #require(object["months"] as? [[String: Any]])
            #expect(months.compactMap { $0["month"] as? String } == (1...12).map { String(format: "2024-%02d", $0) })
            #expect(months.first?["dispatch"] as? String == "2024-01-05")
            for month in months {
                #expect(
                    Set(month.keys) == ["month", "dispatch", "reminders", "departments", "hazards", "goals", "steps"],
                    "\(month.keys)")
                #expect(month["reminders"] is Int)
            }
            var census: [String] = []
            for month in months {
                for step in month["steps"] as? [[String: Any]] ?? [] where step["task"] as? String == Self.task {
                    #expect(step["department"] as? String == "emergency")
                    #expect((step["reason"] as? String)?.hasPrefix(Self.task) == true)
                    census.append(
                        "\(month["month"]!) \(step["rung"]!) \(step["state"]!) \(step["rule"]!)")
                }
            }
            #expect(
                census == [
                    "2024-02 督促提醒 approved red-first", "2024-03 函告 approved red-climb",
                    "2024-04 通报 approved red-climb", "2024-05 约谈 proposed red-climb",
                ])
            let february = try #require(months.first { $0["month"] as? String == "2024-02" })
            let departments = try #require(february["departments"] as? [[String: Any]])
            let emergency = try #require(departments.first { $0["department"] as? String == "emergency" })
            #expect((emergency["red"] as? Int ?? 0) >= 1)
            #expect(emergency["name"] as? String == "区应急管理局")
        }
    }

    /// The demo ledger replayed with the demo progress: hz-2023-0002 (due 2024-03-31, rectified
    /// only in August) climbs a rung a month, and each month says where the ledger and the goals stand.
    @Test func theDemoLedgerClimbsAndTheGoalsAreComputedMonthByMonth() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let demo = DubanProcess.packageRoot.appendingPathComponent("plans/demo")
            let result = try duban.run(
                Self.arguments + [
                    "--progress", demo.appendingPathComponent("progress.csv").path, "--hazards",
                    demo.appendingPathComponent("hazards.csv").path,
                ])
            #expect(result.exitCode == 0, "\(result)")
            var month = ""
            var climb: [String] = []
            var ledger: [String: String] = [:]
            for line in result.stdout.components(separatedBy: "\n") {
                if line.hasPrefix("2024-") { month = String(line.prefix(7)) }
                if line.contains("→ emergency on hz-2023-0002 ") {
                    climb.append("\(month) \(line.split(separator: " ")[0])")
                }
                if line.hasPrefix("  hazards: ") { ledger[month] = line }
            }
            #expect(climb == ["2024-04 督促提醒", "2024-05 函告", "2024-06 通报", "2024-07 约谈"])
            #expect(
                ledger["2024-01"]?.hasPrefix("  hazards: 5 found, 0 listed, 0 closed, 0 overdue; ") == true, "\(ledger)"
            )
            #expect(ledger["2024-09"]?.contains("goal-2024-clear-stock 80%") == true, "\(ledger)")
            #expect(ledger["2024-02"]?.contains("goal-2025-curb-increment") == true)
            #expect(!(ledger["2024-02"]?.contains("goal-2025-curb-increment 4.9% met") ?? true), "2025 has not begun")
        }
    }

    @Test func backwardsSpanExitsTwo() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("simulate", "--from", "2024-12-31", "--to", "2024-01-01")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "error: --from 2024-12-31 is after --to 2024-01-01\n")
            #expect(!duban.storeExists)
        }
    }
}
