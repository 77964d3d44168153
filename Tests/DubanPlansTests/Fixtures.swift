import DubanCore
import Foundation
import Testing

@testable import DubanPlans

/// Shared inputs for the plan-file tests.
enum Fixture {
    /// The package folder, found from this file's path (Tests/DubanPlansTests/Fixtures.swift).
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A plan header with one action `a1` and measure 1; its 12 lines end with `tasks:`, so the
    /// first task appended starts on line 13 and its keys sit in column 13.
    static let header = """
        plan:
          id: p
          title: 测试计划
          period: 2024至2026年
          office: safety-office
        actions:
          - id: a1
            title: 行动一
            measures:
              - number: 1
                title: 措施一
                tasks:

        """

    /// A registry with the departments the fixture plans name.
    static let departmentsYAML = """
        departments:
          - id: safety-office
            name: 区安委会办公室
            kind: department
          - id: emergency
            name: 区应急管理局
            kind: department
            aliases: [应急局]
          - id: housing
            name: 区住房和城乡建设局
            kind: department

        """

    /// `header` followed by task lines, each indented under `tasks:`.
    static func plan(tasks lines: [String]) -> String {
        header + lines.map { "          " + $0 + "\n" }.joined()
    }

    /// The problems reading `yaml` reports; records a failure when it reads without error.
    static func issues(_ yaml: String, file: String = "plans/p.yaml") -> [PlanIssue] {
        do {
            let document = try PlanDocumentReader.read(yaml: yaml, file: file)
            Issue.record("expected an error, read \(document)")
            return []
        } catch {
            return error.issues
        }
    }

    /// The plan `yaml` holds.
    static func readPlan(_ yaml: String, file: String = "plans/p.yaml") throws -> Plan {
        guard case .plan(let plan) = try PlanDocumentReader.read(yaml: yaml, file: file) else {
            throw PlanError(PlanIssue(.error, at: nil, "not a plan", fix: "-"))
        }
        return plan
    }

    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("bad fixture date \(text)") }
        return day
    }

    static func location(_ line: Int, _ column: Int, file: String = "plans/p.yaml") -> DubanCore.SourceLocation {
        DubanCore.SourceLocation(file: file, line: line, column: column)
    }

    /// A fresh empty folder under the temporary directory, removed by `body`'s end.
    static func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("duban-plans-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// What a test compares of a task: everything the file says, nothing of where it was written.
struct TaskEssentials: Hashable, CustomStringConvertible {
    var id: String
    var title: String
    var lead: String
    var support: [String]
    var schedule: Schedule
    var dependsOn: [String]
    var measure: Int?
    var action: String
    var source: String?

    init(_ task: PlanTask) {
        id = task.id
        title = task.title
        lead = task.lead
        support = task.support
        schedule = task.schedule
        dependsOn = task.dependsOn.map { "\($0.task)+\($0.lagDays)" }
        measure = task.measure
        action = task.action
        source = task.source
    }

    var description: String { "\(id) \(title.debugDescription) \(schedule) \(dependsOn)" }
}
