import DubanCore
import Testing

@testable import DubanPlans

/// `PlanDocumentReader.read(yaml:file:)` on good input: the exact model a small plan reads into.
@Suite struct PlanReaderModelTests {
    static let yaml = Fixture.plan(tasks: [
        "- id: base",  // line 13
        "  title: 建立专家库",
        "  lead: emergency",
        "  support: [housing, safety-office]",
        "  due: 2024年底前",
        "  source: '2024年底前,区有关部门统筹建立安全生产专家库'",
        "- id: duty",  // line 19
        "  title: 每季度检查",
        "  lead: emergency",
        "  every: 每季度",
        "  high_risk_every: month",
        "  times: 2",
        "  start: 自2024年3月起",
        "  until: 2025年底前",
        "- id: share",  // line 27
        "  title: 四不演练占比",
        "  lead: emergency",
        "  target: {metric: 四不演练占比, value: 40, unit: '%'}",
        "  due: 2024年",
        "- id: cap",  // line 32
        "  title: 事故起数",
        "  lead: safety-office",
        "  target: {metric: 事故起数, value: 2.5, unit: 起, op: '<='}",
        "  start: 2025-01-01",
        "  due: 2025-12-31",
        "- id: next",  // line 38
        "  title: 组建骨干库",
        "  lead: emergency",
        "  due: 2025年6月底前",
        "  depends_on:",
        "    - base",  // line 43
        "    - {task: duty, lag_days: 30}",  // line 44
    ])

    @Test func readsThePlanHeader() throws {
        let plan = try Fixture.readPlan(Self.yaml)
        #expect(plan.id == "p")
        #expect(plan.title == "测试计划")
        #expect(plan.start == Fixture.day("2024-01-01"))
        #expect(plan.end == Fixture.day("2026-12-31"))
        #expect(plan.office == "safety-office")
        #expect(plan.extends == nil)
        #expect(plan.location == Fixture.location(2, 3))
        #expect(plan.actions.map(\.id) == ["a1"])
        #expect(plan.measures == [Measure(number: 1, action: "a1", title: "措施一", location: Fixture.location(10, 9))])
        #expect(plan.tasks.map(\.id) == ["base", "duty", "share", "cap", "next"])
        #expect(plan.tasks.allSatisfy { $0.plan == "p" && $0.action == "a1" && $0.measure == 1 })
    }

    @Test func readsAMilestone() throws {
        let task = try #require(try Fixture.readPlan(Self.yaml).tasks.first)
        #expect(task.title == "建立专家库")
        #expect(task.lead == "emergency")
        #expect(task.support == ["housing", "safety-office"])
        #expect(
            task.schedule
                == .milestone(
                    start: nil, due: DeadlinePhrase(text: "2024年底前", start: nil, due: Fixture.day("2024-12-31"))))
        #expect(task.source == "2024年底前,区有关部门统筹建立安全生产专家库")
        #expect(task.dependsOn.isEmpty)
        #expect(task.location == Fixture.location(13, 13))
        #expect(task.kind == .milestone)
    }

    @Test func readsAnObligation() throws {
        let task = try Fixture.readPlan(Self.yaml).tasks[1]
        #expect(
            task.schedule
                == .obligation(
                    Obligation(
                        every: .quarter, highRiskEvery: .month, times: 2, start: Fixture.day("2024-03-01"),
                        end: Fixture.day("2025-12-31"))))
        #expect(task.schedule.start == Fixture.day("2024-03-01"))
        #expect(task.schedule.due == Fixture.day("2025-12-31"))
        #expect(task.location == Fixture.location(19, 13))
    }

    @Test func obligationDefaultsToThePlanPeriodAndOnceAPeriod() throws {
        let plan = try Fixture.readPlan(
            Fixture.plan(tasks: ["- id: d", "  title: 月调度", "  lead: safety-office", "  every: month"]))
        #expect(
            plan.tasks.first?.schedule
                == .obligation(
                    Obligation(
                        every: .month, start: Fixture.day("2024-01-01"), end: Fixture.day("2026-12-31"))))
    }

    @Test func readsTargets() throws {
        let tasks = try Fixture.readPlan(Self.yaml).tasks
        #expect(
            tasks[2].schedule
                == .target(
                    start: nil,
                    due: DeadlinePhrase(
                        text: "2024年", start: Fixture.day("2024-01-01"), due: Fixture.day("2024-12-31")),
                    threshold: Threshold(metric: "四不演练占比", comparison: .atLeast, value: 40, unit: "%")))
        #expect(tasks[2].schedule.start == Fixture.day("2024-01-01"))
        #expect(
            tasks[3].schedule
                == .target(
                    start: Fixture.day("2025-01-01"),
                    due: DeadlinePhrase(text: "2025-12-31", start: nil, due: Fixture.day("2025-12-31")),
                    threshold: Threshold(metric: "事故起数", comparison: .atMost, value: 2.5, unit: "起")))
    }

    @Test func readsBothDependencyForms() throws {
        let task = try Fixture.readPlan(Self.yaml).tasks[4]
        #expect(
            task.dependsOn == [
                Dependency(task: "base", lagDays: 0, location: Fixture.location(43, 17)),
                Dependency(task: "duty", lagDays: 30, location: Fixture.location(44, 17)),
            ])
        #expect(task.schedule.due == Fixture.day("2025-06-30"))
    }

    @Test func readsTheRegistry() throws {
        let document = try PlanDocumentReader.read(yaml: Fixture.departmentsYAML, file: "plans/departments.yaml")
        guard case .departments(let departments) = document else {
            Issue.record("expected departments, read \(document)")
            return
        }
        #expect(departments.map(\.id) == ["safety-office", "emergency", "housing"])
        #expect(
            departments[1]
                == Department(
                    id: "emergency", name: "区应急管理局", kind: .department, aliases: ["应急局"],
                    location: Fixture.location(5, 5, file: "plans/departments.yaml")))
    }
}
