import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// A set with any error is refused as a whole: `PlanError`, and the store exactly as before.
@Suite struct AllOrNothingLoadTests {
    /// One way to break the small plan, with the one error message validation must give.
    enum Breakage: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case unknownLead, unknownSupport, duplicateID, missingDependency, cycle, startAfterDue, percentOver100
        case unknownAction, measureOfOtherAction

        var testDescription: String { rawValue }

        func apply(to set: PlanSet) -> PlanSet {
            switch self {
            case .unknownLead: Fixtures.editing(set, task: "t-ledger") { $0.lead = "nobody" }
            case .unknownSupport: Fixtures.editing(set, task: "t-census") { $0.support = ["xingren", "xingchen"] }
            case .duplicateID: Fixtures.editing(set, task: "t-monthly") { $0.id = "t-census" }
            case .missingDependency:
                Fixtures.editing(set, task: "t-ledger") { $0.dependsOn = [Dependency(task: "t-gone")] }
            case .cycle: Fixtures.editing(set, task: "t-census") { $0.dependsOn = [Dependency(task: "t-coverage")] }
            case .startAfterDue:
                Fixtures.editing(set, task: "t-ledger") {
                    $0.schedule = .milestone(start: Fixtures.day("2025-03-01"), due: Fixtures.due("2024-12-31"))
                }
            case .percentOver100:
                Fixtures.editing(set, task: "t-coverage") {
                    $0.schedule = .target(
                        start: nil, due: Fixtures.due("2025-12-31"),
                        threshold: Threshold(metric: "覆盖率", value: 150, unit: "%"))
                }
            case .unknownAction: Fixtures.editing(set, task: "t-census") { $0.action = "a9" }
            case .measureOfOtherAction: Fixtures.editing(set, task: "t-ledger") { $0.measure = 2 }
            }
        }

        var message: String {
            switch self {
            case .unknownLead: "lead department “nobody” is not in the department registry"
            case .unknownSupport: "support department “xingchen” is not in the department registry"
            case .duplicateID: "duplicate task id “t-census”"
            case .missingDependency: "depends on “t-gone”, which is not a task in the plans"
            case .cycle: "dependency cycle: t-census → t-coverage → t-ledger → t-census (each depends on the next)"
            case .startAfterDue: "starts 2025-03-01, after it is due 2024-12-31"
            case .percentOver100: "a target of 150% is not a percentage"
            case .unknownAction: "action “a9” is not in plan small"
            case .measureOfOtherAction: "measure 2 belongs to action a2, not a1"
            }
        }
    }

    @Test(arguments: Breakage.allCases)
    func invalidSetIsRefusedAndTheStoreIsUnchanged(_ breakage: Breakage) throws {
        let db = try Fixtures.loadedStore()
        _ = try db.reportProgress(
            task: "t-census", percent: 50, by: "emergency", date: Fixtures.day("2024-06-10"), note: nil,
            now: Fixtures.now, actor: "tester")
        let before = try db.planSet()
        let counts = try HistoryCounts(db)
        let audit = try db.audit(subject: "small")

        let error = try #require(throws: PlanError.self) {
            try db.load(
                breakage.apply(to: Fixtures.smallSet), files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")
        }

        #expect(error.issues.filter { $0.severity == .error }.map(\.message) == [breakage.message])
        #expect(try db.planSet() == before)
        #expect(try HistoryCounts(db) == counts)
        #expect(try db.audit(subject: "small") == audit)
    }

    @Test func invalidFirstLoadLeavesTheStoreEmpty() throws {
        let db = try TestStore.make()
        #expect(throws: PlanError.self) {
            try db.load(Breakage.cycle.apply(to: Fixtures.smallSet), files: ["x.yaml"], now: Fixtures.now, actor: "t")
        }
        #expect(try db.planSet().plans.isEmpty)
        #expect(try db.departments() == nil)
        #expect(try db.planSet() == PlanSet(departments: [], plans: []))
        #expect(try HistoryCounts(db) == HistoryCounts(loads: 0, audit: 0, revisions: 0, reports: 0))
    }

    @Test func invalidSetLeavesTheDatabaseFileByteForByteUnchanged() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("duban.sqlite").path
            do {
                let db = try AppDatabase.open(path: path)
                _ = try db.load(Fixtures.smallSet, files: ["plans/small.yaml"], now: Fixtures.now, actor: "t")
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let db = try AppDatabase.open(path: path)
            let set = try db.planSet()

            #expect(throws: PlanError.self) {
                try db.load(
                    Breakage.unknownLead.apply(to: Fixtures.smallSet), files: ["plans/small.yaml"],
                    now: Fixtures.later, actor: "t")
            }

            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try db.planSet() == set)
            #expect(try AppDatabase.open(path: path).planSet() == Fixtures.smallSet)
        }
    }

    /// A failure inside the write (here: an edit the database refuses) rolls the whole load back.
    @Test func failureDuringTheWriteRollsEverythingBack() throws {
        let db = try Fixtures.loadedStore()
        let before = try db.planSet()
        let counts = try HistoryCounts(db)
        // Valid for the validator, and adds a department, but lists one prerequisite twice.
        var set = Fixtures.editing(Fixtures.smallSet, task: "t-coverage") {
            $0.title = "全覆盖(改)"
            $0.dependsOn = [Dependency(task: "t-ledger"), Dependency(task: "t-ledger")]
        }
        set.departments.append(Department(id: "police", name: "公安分局", kind: .department))

        #expect(throws: (any Error).self) {
            try db.load(set, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")
        }

        #expect(try db.planSet() == before)
        #expect(try HistoryCounts(db) == counts)
        #expect(try db.departments()?.map(\.id) == ["office", "emergency", "fire", "xingren", "water"])
    }

    /// A task that lists the same prerequisite twice is a located `PlanError`, not a database error.
    @Test func prerequisiteListedTwiceIsAPlanErrorNotADatabaseError() throws {
        let db = try Fixtures.loadedStore()
        let set = Fixtures.editing(Fixtures.smallSet, task: "t-coverage") {
            $0.dependsOn = [Dependency(task: "t-ledger"), Dependency(task: "t-ledger", lagDays: 30)]
        }
        #expect(throws: PlanError.self) {
            try db.load(set, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")
        }
    }

    /// Dependencies may cross plans of one family: a base task may wait on an annual task loaded with it
    /// (foreign keys are checked at commit).
    @Test func baseTaskMayDependOnATaskOfTheAnnualPlanLoadedWithIt() throws {
        let db = try TestStore.make()
        var set = PlanSet(departments: Fixtures.departments, plans: [Fixtures.smallPlan, Fixtures.annualPlan()])
        set.plans[0].tasks[3].dependsOn = [Dependency(task: "y2025-pilot")]
        #expect(try PlanValidator.check(set) == [])

        let report = try db.load(
            set, files: ["plans/small.yaml", "plans/small-2025.yaml"], now: Fixtures.now, actor: "t")

        #expect(report.plans.map(\.added.count) == [4, 1])
        #expect(try db.task("t-monthly")?.task.dependsOn == [Dependency(task: "y2025-pilot")])
    }
}
