import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// A changed task keeps its id, its progress and its history; each changed field becomes a revision
/// with the old and the new value.
@Suite struct ReloadRevisionTests {
    /// The small plan with t-ledger due 2025-06-30 instead of 2024-12-31 and led by fire instead of emergency.
    static var edited: PlanSet {
        Fixtures.editing(Fixtures.smallSet, task: "t-ledger") { task in
            task.lead = "fire"
            task.schedule = .milestone(start: Fixtures.day("2024-03-01"), due: Fixtures.due("2025-06-30"))
        }
    }

    @Test func changedDueAndLeadAreReportedFieldByField() throws {
        let db = try Fixtures.loadedStore()
        let report = try db.load(Self.edited, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")

        #expect(report.isNoChange == false)
        let plan = try #require(report.plans.first)
        #expect(plan.changed.map(\.task) == ["t-ledger"])
        #expect(
            plan.changed.first?.fields == [
                LoadReport.FieldChange(field: "lead", old: "emergency", new: "fire"),
                LoadReport.FieldChange(field: "due", old: "2024-12-31", new: "2025-06-30"),
                LoadReport.FieldChange(field: "due_text", old: "2024-12-31", new: "2025-06-30"),
            ])
        #expect(plan.unchanged == 3)
        #expect(plan.added == [])
        #expect(plan.archived == [])
    }

    @Test func revisionsRecordOldAndNewValues() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Self.edited, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")

        let revisions = try db.revisions(of: "t-ledger")
        #expect(revisions.map(\.field) == ["added", "lead", "due", "due_text"])
        #expect(revisions.map(\.revision) == [1, 2, 2, 2])
        #expect(revisions.map(\.loadId) == [1, 2, 2, 2])
        #expect(revisions.map(\.oldValue) == [nil, "emergency", "2024-12-31", "2024-12-31"])
        #expect(revisions.map(\.newValue) == ["2024-12-31", "fire", "2025-06-30", "2025-06-30"])
        #expect(revisions.dropFirst().allSatisfy { $0.at == Fixtures.later })
        // Other tasks are untouched.
        #expect(try db.revisions(of: "t-census").map(\.field) == ["added"])
    }

    @Test func revisionNumberGoesUpOncePerChangingLoad() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Self.edited, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")
        _ = try db.load(Self.edited, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")
        #expect(try db.revisions(of: "t-ledger").last?.revision == 2)

        _ = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")
        let revisions = try db.revisions(of: "t-ledger")
        #expect(revisions.map(\.revision) == [1, 2, 2, 2, 3, 3, 3])
        #expect(revisions.suffix(3).map(\.oldValue) == ["fire", "2025-06-30", "2025-06-30"])
        #expect(revisions.suffix(3).map(\.newValue) == ["emergency", "2024-12-31", "2024-12-31"])
    }

    @Test func storedTaskHasTheNewDefinition() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Self.edited, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")
        #expect(try db.planSet() == Self.edited)
        let task = try #require(try db.task("t-ledger"))
        #expect(task.task.lead == "fire")
        #expect(task.task.schedule.due.description == "2025-06-30")
        #expect(task.task.dependsOn == [Dependency(task: "t-census")])
    }

    @Test func progressReportedBeforeTheReloadStaysWithTheTask() throws {
        let db = try Fixtures.loadedStore()
        let first = try db.reportProgress(
            task: "t-ledger", percent: 30, by: "emergency", date: Fixtures.day("2024-06-10"), note: "起草中",
            now: Fixtures.now, actor: "tester")
        let second = try db.reportProgress(
            task: "t-ledger", percent: 60, by: "emergency", date: Fixtures.day("2024-06-14"), note: nil,
            now: Fixtures.now, actor: "tester")

        _ = try db.load(Self.edited, files: ["plans/small.yaml"], now: Fixtures.later, actor: "tester")

        let reports = try db.progressReports(task: "t-ledger")
        #expect(reports == [first, second])
        #expect(reports.map(\.percent) == [30, 60])
        #expect(reports.map(\.departmentId) == ["emergency", "emergency"])
        #expect(reports.map(\.taskId) == ["t-ledger", "t-ledger"])
        #expect(try db.progressReports(task: "t-ledger").last == second)
        // The new lead can report on it; the old lead, no longer leading or supporting, cannot.
        _ = try db.reportProgress(
            task: "t-ledger", percent: 70, by: "fire", date: Fixtures.day("2024-06-16"), note: nil,
            now: Fixtures.later, actor: "tester")
        #expect(throws: ProgressError.self) {
            try db.reportProgress(
                task: "t-ledger", percent: 80, by: "emergency", date: Fixtures.day("2024-06-16"), note: nil,
                now: Fixtures.later, actor: "tester")
        }
    }
}
