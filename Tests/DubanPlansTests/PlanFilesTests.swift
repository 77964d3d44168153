import DubanCore
import Foundation
import Testing

@testable import DubanPlans

/// `PlanFiles.read(paths:)` on real folders.
@Suite struct PlanFilesTests {
    private static let base = Fixture.plan(tasks: [
        "- id: base-task", "  title: 基础任务", "  lead: emergency", "  due: 2024年底前",
    ])

    private static let annual = """
        plan:
          id: p-2025
          title: 2025年度行动计划
          extends: p
          period: 2025年
        actions:
          - id: a1
            measures:
              - number: 1
                tasks:
                  - id: y2025-task
                    title: 年度任务
                    lead: housing
                    due: 2025年6月底前
                    depends_on: [base-task]

        """

    private func issues(_ body: () throws -> Void) -> [PlanIssue] {
        do {
            try body()
            Issue.record("expected PlanError")
            return []
        } catch let error as PlanError {
            return error.issues
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func readsTheRegistryFirst() throws {
        try Fixture.withTemporaryFolder { folder in
            // "a-plan.yaml" sorts before "departments.yaml"; the registry must still come first.
            try Fixture.write(Self.base, to: folder + "/a-plan.yaml")
            try Fixture.write(Fixture.departmentsYAML, to: folder + "/departments.yaml")
            try Fixture.write("not yaml at all: [", to: folder + "/notes.txt")
            let contents = try PlanFiles.read(paths: [folder])
            #expect(contents.files == [folder + "/departments.yaml", folder + "/a-plan.yaml"])
            #expect(contents.set.departments.map(\.id) == ["safety-office", "emergency", "housing"])
            #expect(contents.set.departments[0].location?.file == folder + "/departments.yaml")
            #expect(contents.set.plans.map(\.id) == ["p"])
            #expect(contents.set.tasks.first?.location == Fixture.location(13, 13, file: folder + "/a-plan.yaml"))
            #expect(contents.contextPlans.isEmpty)
            #expect(contents.departmentsFromContext == false)
            #expect(try PlanValidator.check(contents.set).isEmpty)
        }
    }

    @Test func folderWithoutYAMLIsAnError() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write("说明", to: folder + "/README.txt")
            let found = issues { _ = try PlanFiles.read(paths: [folder]) }
            #expect(found.count == 1)
            #expect(found.first?.subject == folder)
            #expect(found.first?.message == "the folder holds no .yaml files")
            #expect(found.first?.severity == .error)
        }
    }

    @Test func missingPathIsAnErrorNamingIt() throws {
        try Fixture.withTemporaryFolder { folder in
            let missing = folder + "/no-such-plans"
            let found = issues { _ = try PlanFiles.read(paths: [missing]) }
            #expect(found.map(\.subject) == [missing])
            #expect(found.first?.message == "no such file or folder")
            #expect(found.first?.description.contains(missing) == true)
        }
    }

    @Test func errorsOfEveryFileAreReportedTogether() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Fixture.departmentsYAML, to: folder + "/departments.yaml")
            try Fixture.write(
                Fixture.plan(tasks: ["- id: t1", "  title: 一", "  lead: emergency", "  due: 明年"]),
                to: folder + "/one.yaml")
            try Fixture.write("plan:\n  id: q\n title: bad\n", to: folder + "/two.yaml")
            let found = issues { _ = try PlanFiles.read(paths: [folder]) }
            #expect(
                found.map(\.location) == [
                    Fixture.location(16, 18, file: folder + "/one.yaml"),
                    Fixture.location(3, 2, file: folder + "/two.yaml"),
                ])
        }
    }

    @Test func planWithoutAnyRegistryIsAnError() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Self.base, to: folder + "/p.yaml")
            let found = issues { _ = try PlanFiles.read(paths: [folder + "/p.yaml"]) }
            #expect(found.map(\.message) == ["no department registry was found"])
        }
    }

    @Test func annualPlanAloneValidatesAgainstItsSiblingBase() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Fixture.departmentsYAML, to: folder + "/departments.yaml")
            try Fixture.write(Self.base, to: folder + "/base.yaml")
            try Fixture.write(Self.annual, to: folder + "/2025.yaml")
            let paths = [folder + "/2025.yaml"]
            let contents = try PlanFiles.read(paths: paths, bases: { PlanFiles.sibling($0, near: paths) })
            #expect(contents.files == [folder + "/departments.yaml", folder + "/2025.yaml"])
            #expect(contents.set.plans.map(\.id) == ["p", "p-2025"])
            #expect(contents.contextPlans == ["p"])
            #expect(contents.set.plans[1].extends == "p")
            #expect(contents.set.tasks.map(\.id) == ["base-task", "y2025-task"])
            #expect(contents.set.tasks[1].action == "a1")
            #expect(contents.set.tasks[1].measure == 1)
            #expect(try PlanValidator.check(contents.set).isEmpty)
        }
    }

    @Test func annualPlanWithoutItsBaseFailsValidation() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Fixture.departmentsYAML, to: folder + "/departments.yaml")
            try Fixture.write(Self.annual, to: folder + "/2025.yaml")
            let contents = try PlanFiles.read(paths: [folder + "/2025.yaml"])
            #expect(contents.set.plans.map(\.id) == ["p-2025"])
            let messages = PlanValidator.validate(contents.set).map(\.message)
            #expect(messages.contains("extends “p”, which is not loaded"))
            #expect(messages.contains("depends on “base-task”, which is not a task in the plans"))
        }
    }

    @Test func departmentsFromTheStoreWhenNoneSitsBeside() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Self.base, to: folder + "/p.yaml")
            let stored = [
                Department(id: "safety-office", name: "区安委会办公室", kind: .department),
                Department(id: "emergency", name: "区应急管理局", kind: .department),
            ]
            let contents = try PlanFiles.read(paths: [folder], departments: { stored })
            #expect(contents.departmentsFromContext)
            #expect(contents.set.departments == stored)
        }
    }
}
