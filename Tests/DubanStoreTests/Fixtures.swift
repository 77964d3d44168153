import DubanCore
import DubanStoreTesting
import Foundation

@testable import DubanStore

/// Small plans built in code, without source locations, so that what the store gives back can be
/// compared with what went in using plain `==`.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_718_416_800)  // 2024-06-15T10:00:00+08:00
    static let later = Date(timeIntervalSince1970: 1_718_503_200)  // 2024-06-16T10:00:00+08:00
    static let actor = "tester"

    static func day(_ text: String) -> Day {
        Day(text)!
    }

    /// A deadline as the reader makes it from an ISO date.
    static func due(_ text: String) -> DeadlinePhrase {
        DeadlinePhrase(text: text, start: nil, due: day(text))
    }

    static let departments = [
        Department(id: "office", name: "区安委会办公室", kind: .department),
        Department(id: "emergency", name: "区应急管理局", kind: .department, aliases: ["应急局"]),
        Department(id: "fire", name: "区消防救援大队", kind: .department, channels: ["fire-dingtalk"]),
        Department(id: "xingren", name: "兴仁街道", kind: .subdistrict),
        Department(id: "water", name: "区水利局", kind: .department),
    ]

    /// Four tasks: one of each kind, a chain of dependencies with a lag, tasks under an action and
    /// under measures.
    static var smallPlan: Plan {
        let id = "small"
        return Plan(
            id: id, title: "小计划", start: day("2024-01-01"), end: day("2026-12-31"), office: "office",
            actions: [Action(id: "a1", title: "第一项行动"), Action(id: "a2", title: "第二项行动")],
            measures: [
                Measure(number: 1, action: "a1", title: "第一条措施"), Measure(number: 2, action: "a2", title: "第二条措施"),
            ],
            tasks: [
                PlanTask(
                    id: "t-census", title: "摸底排查", plan: id, action: "a1", measure: nil, lead: "emergency",
                    support: ["xingren"],
                    schedule: .milestone(
                        start: nil,
                        due: DeadlinePhrase(text: "2024年6月底前", start: nil, due: day("2024-06-30"))),
                    source: "2024年6月底前完成摸底排查"),
                PlanTask(
                    id: "t-ledger", title: "建立台账", plan: id, action: "a1", measure: 1, lead: "emergency",
                    schedule: .milestone(start: day("2024-03-01"), due: due("2024-12-31")),
                    dependsOn: [Dependency(task: "t-census")]),
                PlanTask(
                    id: "t-coverage", title: "全覆盖", plan: id, action: "a1", measure: 1, lead: "fire",
                    support: ["emergency", "xingren"],
                    schedule: .target(
                        start: nil,
                        due: DeadlinePhrase(text: "2025年", start: day("2025-01-01"), due: day("2025-12-31")),
                        threshold: Threshold(metric: "覆盖率", value: 100, unit: "%")),
                    dependsOn: [Dependency(task: "t-ledger", lagDays: 30), Dependency(task: "t-census")]),
                PlanTask(
                    id: "t-monthly", title: "每月调度", plan: id, action: "a2", measure: 2, lead: "office",
                    schedule: .obligation(
                        Obligation(
                            every: .quarter, highRiskEvery: .month, times: 2, start: day("2024-01-01"),
                            end: day("2026-12-31")))),
            ])
    }

    static var smallSet: PlanSet {
        PlanSet(departments: departments, plans: [smallPlan])
    }

    /// An annual plan that extends `small` and adds a task under its measure 1.
    static func annualPlan(measure: Int = 1) -> Plan {
        Plan(
            id: "small-2025", title: "2025年度计划", extends: "small", start: day("2025-01-01"),
            end: day("2025-12-31"),
            tasks: [
                PlanTask(
                    id: "y2025-pilot", title: "试点", plan: "small-2025", action: "a1", measure: measure,
                    lead: "emergency", schedule: .milestone(start: nil, due: due("2025-06-30")),
                    dependsOn: [Dependency(task: "t-ledger")])
            ])
    }

    /// `set` with the task `id` of its first plan changed by `change`.
    static func editing(_ set: PlanSet, task id: String, _ change: (inout PlanTask) -> Void) -> PlanSet {
        var set = set
        let index = set.plans[0].tasks.firstIndex { $0.id == id }!
        change(&set.plans[0].tasks[index])
        return set
    }

    /// `set` without the task `id` in its first plan.
    static func removing(_ set: PlanSet, task id: String) -> PlanSet {
        var set = set
        set.plans[0].tasks.removeAll { $0.id == id }
        return set
    }

    /// A fresh in-memory store with the small plan loaded.
    static func loadedStore() throws -> AppDatabase {
        let db = try TestStore.make()
        _ = try db.load(smallSet, files: ["plans/small.yaml"], now: now, actor: actor)
        return db
    }
}

/// Row counts of the history tables, to prove a refused operation wrote nothing.
struct HistoryCounts: Equatable {
    var loads: Int
    var audit: Int
    var revisions: Int
    var reports: Int

    init(loads: Int, audit: Int, revisions: Int, reports: Int) {
        (self.loads, self.audit, self.revisions, self.reports) = (loads, audit, revisions, reports)
    }

    init(_ db: AppDatabase) throws {
        (loads, audit, revisions, reports) = try db.read { db in
            (
                try db.count(PlanLoadRecord.self), try db.count(AuditEntry.self), try db.count(TaskRevision.self),
                try db.count(ProgressReport.self)
            )
        }
    }
}

/// A folder under the system's temporary directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("duban-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}
