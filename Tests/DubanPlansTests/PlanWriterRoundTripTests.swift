import DubanCore
import Testing

@testable import DubanPlans

/// `PlanWriter` writes what `PlanDocumentReader` reads back unchanged.
@Suite struct PlanWriterRoundTripTests {
    private func roundTrip(_ plan: Plan) throws -> Plan {
        try Fixture.readPlan(PlanWriter.yaml(plan: plan), file: "written.yaml")
    }

    @Test func generatedPlanReadsBackEqual() throws {
        let set = PlanGenerator(taskCount: 300, seed: 7).generate()
        let plan = try #require(set.plans.first)
        let back = try roundTrip(plan)
        #expect(back.id == plan.id)
        #expect(back.title == plan.title)
        #expect(back.start == plan.start)
        #expect(back.end == plan.end)
        #expect(back.office == plan.office)
        #expect(back.actions.map { [$0.id, $0.title] } == plan.actions.map { [$0.id, $0.title] })
        // Measures come back grouped under their actions.
        #expect(
            back.measures.sorted { $0.number < $1.number }.map { "\($0.number) \($0.action) \($0.title)" }
                == plan.measures.map { "\($0.number) \($0.action) \($0.title)" })
        #expect(back.tasks.count == 300)
        // The writer groups tasks under their action and measure, so compare as sets.
        #expect(Set(back.tasks.map(TaskEssentials.init)) == Set(plan.tasks.map(TaskEssentials.init)))
        #expect(Set(back.tasks.map(\.kind)) == [.milestone, .obligation, .target])
    }

    @Test func generatedRegistryReadsBackEqual() throws {
        let departments = PlanGenerator(taskCount: 300, seed: 7).generate().departments
        let document = try PlanDocumentReader.read(yaml: PlanWriter.yaml(departments: departments), file: "d.yaml")
        guard case .departments(let back) = document else {
            Issue.record("expected departments, read \(document)")
            return
        }
        #expect(
            back.map { [$0.id, $0.name, $0.kind.rawValue] } == departments.map { [$0.id, $0.name, $0.kind.rawValue] })
    }

    @Test func registryWithAliasesAndChannelsReadsBackEqual() throws {
        let departments = [
            Department(
                id: "emergency", name: "区应急管理局", kind: .department, aliases: ["应急局", "“区”应急局"], channels: ["dingtalk-1"]
            ),
            Department(id: "xingren", name: "兴仁街道", kind: .subdistrict),
        ]
        let document = try PlanDocumentReader.read(yaml: PlanWriter.yaml(departments: departments), file: "d.yaml")
        guard case .departments(let back) = document else {
            Issue.record("expected departments, read \(document)")
            return
        }
        #expect(
            back.map { Department(id: $0.id, name: $0.name, kind: $0.kind, aliases: $0.aliases, channels: $0.channels) }
                == departments)
    }

    static let tricky = "他说:\"先查隐患\"; C:\\plans\\2024 \\n 不是换行\n第二行\t制表 # 不是注释 - [x]: {y} 'z' 😀"

    /// A plan with one task of each kind, all strings made hard to quote.
    private func handMade() throws -> Plan {
        let start = Fixture.day("2024-01-01")
        let end = Fixture.day("2026-12-31")
        var plan = Plan(id: "hand-made", title: "手写计划 " + Self.tricky, start: start, end: end, office: "safety-office")
        plan.actions = [Action(id: "a1", title: "行动:\"一\""), Action(id: "a2", title: "行动\\二")]
        plan.measures = [Measure(number: 3, action: "a2", title: "措施\n三")]
        plan.tasks = [
            PlanTask(
                id: "t1", title: Self.tricky, plan: plan.id, action: "a1", measure: nil, lead: "emergency",
                support: ["housing", "xingren"],
                schedule: .milestone(start: nil, due: try DeadlinePhrase.parse("2025年6月底前")),
                source: "2025年6月底前,组建区级执法骨干库。\"引号\" \\ 反斜杠\n换行"),
            PlanTask(
                id: "t2", title: "季度检查", plan: plan.id, action: "a2", measure: 3, lead: "emergency",
                schedule: .obligation(
                    Obligation(
                        every: .quarter, highRiskEvery: .month, times: 2, start: Fixture.day("2024-03-01"), end: end)),
                dependsOn: [Dependency(task: "t1", lagDays: 30)]),
            PlanTask(
                id: "t3", title: "上限", plan: plan.id, action: "a2", measure: 3, lead: "safety-office",
                schedule: .target(
                    start: Fixture.day("2025-01-01"), due: try DeadlinePhrase.parse("2025年底前"),
                    threshold: Threshold(metric: "事故起数 \"较大\"", comparison: .atMost, value: 2.5, unit: "起")),
                dependsOn: [Dependency(task: "t1"), Dependency(task: "t2", lagDays: 7)], source: "'单引号' 与 \"双引号\""),
        ]
        return plan
    }

    @Test func handMadeTasksWithTrickyStringsReadBackEqual() throws {
        let plan = try handMade()
        let back = try roundTrip(plan)
        #expect(back.title == plan.title)
        #expect(back.actions.map(\.title) == plan.actions.map(\.title))
        #expect(back.measures.map(\.title) == ["措施\n三"])
        #expect(back.tasks.map(TaskEssentials.init) == plan.tasks.map(TaskEssentials.init))
        #expect(back.tasks.first?.title == Self.tricky)
    }

    /// Every character a title can hold must survive, including DEL and the C1 controls, which YAML
    /// only accepts escaped, and NEL (U+0085), which YAML otherwise reads as a line break.
    @Test(arguments: ["DEL\u{7F}end", "NEL\u{85}end", "CSI\u{9B}end", "BEL\u{07}end", "LS\u{2028}end"])
    func controlCharactersSurviveTheRoundTrip(_ title: String) throws {
        var plan = try handMade()
        plan.tasks[0].title = title
        let back = try roundTrip(plan)
        #expect(back.tasks.first?.title == title)
    }

    @Test func anAnnualPlanNamesTheBaseActionsAndMeasuresWithoutTitles() throws {
        let yaml = """
            plan:
              id: y2025
              title: 2025年度计划
              extends: p
              period: 2025年
            actions:
              - id: a2
                tasks:
                  - id: y-direct
                    title: 行动下的任务
                    lead: emergency
                    due: 2025年底前
              - id: a1
                measures:
                  - number: 1
                    tasks:
                      - id: y-measure
                        title: 措施下的任务
                        lead: emergency
                        every: quarter
            """
        let plan = try Fixture.readPlan(yaml, file: "y2025.yaml")
        #expect(plan.actions.isEmpty && plan.measures.isEmpty)  // an annual plan only names them
        let written = PlanWriter.yaml(plan: plan)
        #expect(written.contains("  - id: \"a2\"\n    tasks:\n"))
        #expect(written.contains("  - id: \"a1\"\n    measures:\n      - number: 1\n        tasks:\n"))
        let back = try roundTrip(plan)
        #expect(back.extends == "p")
        #expect(back.tasks.map(TaskEssentials.init) == plan.tasks.map(TaskEssentials.init))
        #expect(back.tasks.map { "\($0.action) \($0.measure.map(String.init) ?? "-")" } == ["a2 -", "a1 1"])
    }

    @Test func quoteEscapesWhatYAMLNeeds() {
        #expect(PlanWriter.quote("a\"b\\c\nd\te\u{1}") == "\"a\\\"b\\\\c\\nd\\te\\x01\"")
        #expect(PlanWriter.quote("中文") == "\"中文\"")
    }
}
