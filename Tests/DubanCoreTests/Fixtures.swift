@testable import DubanCore

/// Small, hand-checked building blocks for the core tests.
enum Fixture {
    /// The plan start most fixtures use.
    static let planStart = Day(year: 2024, month: 1, day: 1)!

    /// The day written as `YYYY-MM-DD`; fixtures only pass literal, valid dates.
    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("bad fixture date \(text)") }
        return day
    }

    /// A deadline phrase read against `planStart`; fixtures only pass phrases that parse.
    static func phrase(_ text: String) -> DeadlinePhrase {
        do {
            return try DeadlinePhrase.parse(text, planStart: planStart)
        } catch {
            fatalError("bad fixture phrase \(text): \(error)")
        }
    }

    /// The location of line `line` of the fixture plan file.
    static func at(_ line: Int, column: Int = 9) -> SourceLocation {
        SourceLocation(file: "plans/p.yaml", line: line, column: column)
    }

    /// A milestone task.
    static func milestone(
        _ id: String, due: String, start: String? = nil, after prerequisites: [String] = [], lag: Int = 0,
        action: String = "a1", measure: Int? = 1, lead: String = "emergency", support: [String] = [],
        line: Int? = nil, plan: String = "p"
    ) -> PlanTask {
        PlanTask(
            id: id, title: "任务 \(id)", plan: plan, action: action, measure: measure, lead: lead, support: support,
            schedule: .milestone(start: start.map(day), due: phrase(due)),
            dependsOn: prerequisites.map { Dependency(task: $0, lagDays: lag, location: line.map { at($0 + 1) }) },
            location: line.map { at($0) })
    }

    /// A target task.
    static func target(
        _ id: String, due: String, value: Double, unit: String = "%", line: Int? = nil
    ) -> PlanTask {
        PlanTask(
            id: id, title: "目标 \(id)", plan: "p", action: "a1", measure: 1, lead: "emergency",
            schedule: .target(
                start: nil, due: phrase(due), threshold: Threshold(metric: "覆盖率", value: value, unit: unit)),
            location: line.map { at($0) })
    }

    /// The registry the fixture plans use.
    static let departments: [Department] = [
        Department(id: "safety-office", name: "区安委会办公室", kind: .department, location: at(2, column: 5)),
        Department(id: "emergency", name: "区应急管理局", kind: .department, location: at(5, column: 5)),
        Department(id: "housing", name: "区住房和城乡建设局", kind: .department, location: at(8, column: 5)),
        Department(id: "xingren", name: "兴仁街道", kind: .subdistrict, location: at(11, column: 5)),
    ]

    /// Plan `p` (2024–2026) with actions a1, a2 and measures 1 (a1), 2 (a2).
    static func plan(_ tasks: [PlanTask], id: String = "p", extends: String? = nil) -> Plan {
        Plan(
            id: id, title: "测试计划", extends: extends, start: planStart, end: day("2026-12-31"),
            office: "safety-office",
            actions: extends == nil ? [Action(id: "a1", title: "行动一"), Action(id: "a2", title: "行动二")] : [],
            measures: extends == nil
                ? [Measure(number: 1, action: "a1", title: "措施1"), Measure(number: 2, action: "a2", title: "措施2")] : [],
            tasks: tasks, location: at(1, column: 1))
    }

    /// The fixture registry and plan `p` holding `tasks`.
    static func set(_ tasks: [PlanTask]) -> PlanSet {
        PlanSet(departments: departments, plans: [plan(tasks)])
    }
}
