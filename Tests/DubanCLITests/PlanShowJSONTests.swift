import Foundation
import Testing

/// `duban plan show --json` on the shipped plan: every key on every task, exact values, filters.
@Suite struct PlanShowJSONTests {
    static let keys: Set<String> = [
        "id", "kind", "action", "measure", "title", "lead", "support", "start", "due", "every", "high_risk_every",
        "target", "depends_on", "source",
    ]

    /// Loads the shipped plans into the test's store and runs `plan show --json` with `filters`.
    static func show(_ duban: DubanProcess, _ filters: String...) throws -> (DubanResult, [[String: Any]]) {
        try Fixtures.copyShippedPlans(into: duban.directory)
        let load = try duban.run("plan", "load")
        try #require(load.exitCode == 0, "\(load)")
        let result = try duban.run(["plan", "show", "--json"] + filters)
        try #require(result.exitCode == 0, "\(result)")
        return (result, try JSON.array(result.stdout))
    }

    @Test func everyTaskHasExactlyTheDocumentedKeys() throws {
        try withDuban { duban in
            let (result, tasks) = try Self.show(duban)
            #expect(result.stderr == "")
            #expect(tasks.count == 92)
            for task in tasks {
                #expect(Set(task.keys) == Self.keys, "\(task["id"] ?? "?")")
            }
            #expect(Set(tasks.compactMap { $0["id"] as? String }).count == 92)
        }
    }

    /// Five tasks, one of each shape, with every field.
    static let expected: [String: String] = [
        "goal-2025-curb-increment": """
        {"id": "goal-2025-curb-increment", "kind": "milestone", "action": "goals", "measure": null,
         "title": "有效遏制重大事故隐患增量", "lead": "safety-office", "support": [], "start": null,
         "due": "2025-12-31", "every": null, "high_risk_every": null, "target": null,
         "depends_on": ["goal-2024-clear-stock", "m05-2024-hazard-database"],
         "source": "2025年底前有效遏制重大事故隐患增量"}
        """,
        "m03-leader-led-inspections": """
        {"id": "m03-leader-led-inspections", "kind": "obligation", "action": "a2-major-hazards", "measure": 3,
         "title": "主要负责人带队检查本单位重大事故隐患排查整治情况", "lead": "emergency",
         "support": ["xingren", "xingcheng", "zhangfan"], "start": "2024-01-01", "due": "2026-12-31",
         "every": "quarter", "high_risk_every": "month", "target": null, "depends_on": [],
         "source": "生产经营单位主要负责人要每季度带队对本单位重大事故隐患排查整治情况至少开展1次检查(高危行业领域每月至少1次)"}
        """,
        "m10-2024-hazard-exam-content": """
        {"id": "m10-2024-hazard-exam-content", "kind": "milestone", "action": "a4-worker-competence", "measure": 10,
         "title": "培训机构将重大事故隐患排查整治要求作为培训考核重要内容", "lead": "emergency", "support": [],
         "start": "2024-03-01", "due": "2026-12-31", "every": null, "high_risk_every": null, "target": null,
         "depends_on": [], "source": "自2024年3月起,各培训机构要将重大事故隐患排查整治有关要求作为培训考核的重要内容"}
        """,
        "m11-2025-injury-prevention-complete": """
        {"id": "m11-2025-injury-prevention-complete", "kind": "target", "action": "a4-worker-competence",
         "measure": 11, "title": "全面完成工伤预防能力提升各项培训任务", "lead": "hrss", "support": [],
         "start": null, "due": "2025-12-31", "every": null, "high_risk_every": null,
         "target": {"value": 100, "unit": "%", "metric": "工伤预防能力提升培训三年任务完成比例", "op": ">="},
         "depends_on": ["m11-2024-injury-prevention-60", "m11-2024-hazchem-staff-training"],
         "source": "2025年底前,全面完成各项培训任务"}
        """,
        "m16-enforcer-tiered-training": """
        {"id": "m16-enforcer-tiered-training", "kind": "milestone", "action": "a6-enforcement", "measure": 16,
         "title": "全区安全监管执法人员分类分级集中培训", "lead": "emergency", "support": [],
         "start": "2024-01-01", "due": "2026-12-31", "every": null, "high_risk_every": null, "target": null,
         "depends_on": [], "source": "三年内,根据国家、省、市统一部署,对全区安全监管执法人员分类分级开展集中培训"}
        """,
    ]

    @Test func fiveTasksHaveExactlyTheirFields() throws {
        try withDuban { duban in
            let (_, tasks) = try Self.show(duban)
            for (id, expected) in Self.expected {
                let task = try #require(tasks.first { $0["id"] as? String == id }, "\(id)")
                let actual = String(decoding: try JSONSerialization.data(withJSONObject: task), as: UTF8.self)
                #expect(try JSON.same(actual, expected), "\(id): \(actual)")
            }
        }
    }

    @Test func measureFilterKeepsOnlyThatMeasure() throws {
        try withDuban { duban in
            let (_, tasks) = try Self.show(duban, "--measure", "26")
            #expect(tasks.compactMap { $0["id"] as? String } == ["m26-2024-confined-space-census"])
            #expect(tasks.first?["due"] as? String == "2024-03-31")
            #expect(tasks.first?["measure"] as? Int == 26)
        }
    }

    @Test func departmentFilterKeepsTasksItLeadsOrSupports() throws {
        try withDuban { duban in
            let (_, all) = try Self.show(duban)
            let filtered = try JSON.array(try duban.run("plan", "show", "--json", "--department", "xingren").stdout)
            let expected = all.filter {
                $0["lead"] as? String == "xingren" || ($0["support"] as? [String] ?? []).contains("xingren")
            }
            #expect(filtered.count == 24)
            #expect(filtered.compactMap { $0["id"] as? String } == expected.compactMap { $0["id"] as? String })
            #expect(filtered.compactMap { $0["lead"] as? String }.filter { $0 == "xingren" }.count == 3)
        }
    }

    @Test func unknownDepartmentIsBadInput() throws {
        try withDuban { duban in
            _ = try Self.show(duban)
            let result = try duban.run("plan", "show", "--json", "--department", "xingrn")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr == "error: --department “xingrn” is not in the registry; known ids: safety-office, "
                    + "emergency, housing, transport, market, fire, police, hrss, education, publicity, finance, "
                    + "economy, natural-resources, agriculture, water, urban-management, science, justice, "
                    + "trade-union, youth-league, media, xingren, xingcheng, zhangfan\n")
        }
    }

    /// Keys are printed sorted, so the output is the same on every run and diffs cleanly.
    @Test func keysArePrintedSorted() throws {
        try withDuban { duban in
            let (result, _) = try Self.show(duban, "--measure", "26")
            // The first object's own keys are the lines indented by exactly four spaces.
            let firstObject = result.stdout.split(separator: "\n").prefix { $0 != "  }" && $0 != "  }," }
            let keys = firstObject.filter { $0.hasPrefix("    \"") }.map { String($0.split(separator: "\"")[1]) }
            #expect(
                keys == [
                    "action", "depends_on", "due", "every", "high_risk_every", "id", "kind", "lead", "measure",
                    "source", "start", "support", "target", "title",
                ])
        }
    }
}
