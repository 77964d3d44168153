import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// `reportProgress` records what a lead, a supporting department or the office says, audits it, and
/// refuses everything else without writing anything.
@Suite struct ProgressReportTests {
    func report(
        _ db: AppDatabase, task: String = "t-census", percent: Double, by department: String,
        date: String = "2024-06-15", note: String? = nil
    ) throws -> ProgressReport {
        try db.reportProgress(
            task: task, percent: percent, by: department, date: Fixtures.day(date), note: note, now: Fixtures.now,
            actor: "tester")
    }

    @Test func reportIsRecordedAndReturned() throws {
        let db = try Fixtures.loadedStore()
        let recorded = try report(db, percent: 40, by: "emergency", date: "2024-06-10", note: "完成兴仁街道")

        #expect(recorded.id == 1)
        #expect(recorded.taskId == "t-census")
        #expect(recorded.percent == 40)
        #expect(recorded.departmentId == "emergency")
        #expect(recorded.date.description == "2024-06-10")
        #expect(recorded.note == "完成兴仁街道")
        #expect(recorded.reportedAt == Fixtures.now)
        #expect(try db.progressReports(task: "t-census") == [recorded])
        #expect(try db.progressReports(task: "t-census") == [recorded])
    }

    @Test func auditDetailNamesTheOldAndTheNewPercent() throws {
        let db = try Fixtures.loadedStore()
        _ = try report(db, percent: 40, by: "emergency", date: "2024-06-10", note: "完成兴仁街道")
        _ = try report(db, percent: 75.5, by: "xingren", date: "2024-06-15")

        let audit = try db.audit(subject: "t-census")
        #expect(audit.map(\.action) == ["progress.report", "progress.report"])
        #expect(audit.map(\.actor) == ["tester", "tester"])
        #expect(
            audit.map(\.detail) == [
                "emergency reported 40% as of 2024-06-10 (first report): 完成兴仁街道",
                "xingren reported 75.5% as of 2024-06-15 (was 40% as of 2024-06-10)",
            ])
    }

    @Test func leadSupportAndOfficeMayReport() throws {
        let db = try Fixtures.loadedStore()
        _ = try report(db, percent: 10, by: "emergency", date: "2024-06-01")
        _ = try report(db, percent: 20, by: "xingren", date: "2024-06-02")
        _ = try report(db, percent: 30, by: "office", date: "2024-06-03")
        #expect(try db.progressReports(task: "t-census").map(\.departmentId) == ["emergency", "xingren", "office"])
        #expect(try db.progressReports(task: "t-census").last?.percent == 30)
    }

    @Test func reportsAreOrderedByDateThenEntry() throws {
        let db = try Fixtures.loadedStore()
        _ = try report(db, percent: 50, by: "emergency", date: "2024-06-12")
        _ = try report(db, percent: 20, by: "emergency", date: "2024-06-01")
        _ = try report(db, percent: 55, by: "xingren", date: "2024-06-12")
        #expect(try db.progressReports(task: "t-census").map(\.percent) == [20, 50, 55])
        #expect(try db.progressReports(task: "t-census").last?.percent == 55)
        #expect(
            try db.audit(subject: "t-census").map(\.detail)[1]
                == "emergency reported 20% as of 2024-06-01 (was 50% as of 2024-06-12)")
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var task: String
        var percent: Double
        var department: String
        var message: String
        var fix: String
        var code: ProgressError.Code = .invalid
        var field: String
        var testDescription: String { name }
    }

    static let refusals = [
        Refusal(
            name: "unknown task", task: "t-nope", percent: 10, department: "emergency",
            message: "no task “t-nope” is loaded", fix: "check the id with `duban plan show`", code: .notFound,
            field: "task"),
        Refusal(
            name: "unknown department", task: "t-census", percent: 10, department: "nobody",
            message: "no department “nobody” is in the registry",
            fix: "use a department id, name or alias from plans/departments.yaml", field: "department"),
        Refusal(
            name: "neither lead nor support", task: "t-census", percent: 10, department: "fire",
            message: "区消防救援大队 (fire) neither leads nor supports task t-census",
            fix: "report as the lead, emergency, or a supporting department: xingren", field: "department"),
        Refusal(
            name: "neither lead nor support, no supporters", task: "t-ledger", percent: 10, department: "water",
            message: "区水利局 (water) neither leads nor supports task t-ledger", fix: "report as the lead, emergency",
            field: "department"),
        Refusal(
            name: "percent 101", task: "t-census", percent: 101, department: "emergency",
            message: "percent 101 is outside 0–100", fix: "give how much is done, from 0 to 100", field: "percent"),
        Refusal(
            name: "negative percent", task: "t-census", percent: -1, department: "emergency",
            message: "percent -1 is outside 0–100", fix: "give how much is done, from 0 to 100", field: "percent"),
    ]

    @Test(arguments: refusals)
    func refusedReportThrowsProgressErrorAndWritesNothing(_ refusal: Refusal) throws {
        let db = try Fixtures.loadedStore()
        _ = try report(db, percent: 5, by: "emergency", date: "2024-06-01")
        let counts = try HistoryCounts(db)

        #expect(
            throws: ProgressError(refusal.code, field: refusal.field, message: refusal.message, fix: refusal.fix)
        ) {
            try report(db, task: refusal.task, percent: refusal.percent, by: refusal.department)
        }

        #expect(try HistoryCounts(db) == counts)
        #expect(try db.progressReports(task: refusal.task).count == (refusal.task == "t-census" ? 1 : 0))
        #expect(try db.audit(subject: refusal.task).count == (refusal.task == "t-census" ? 1 : 0))
    }

    @Test func boundaryPercentsAreAccepted() throws {
        let db = try Fixtures.loadedStore()
        _ = try report(db, percent: 0, by: "emergency", date: "2024-06-01")
        _ = try report(db, percent: 100, by: "emergency", date: "2024-06-02")
        #expect(try db.progressReports(task: "t-census").map(\.percent) == [0, 100])
        #expect(throws: ProgressError.self) { try report(db, percent: .nan, by: "emergency") }
        #expect(throws: ProgressError.self) { try report(db, percent: .infinity, by: "emergency") }
    }

    @Test func errorDescriptionJoinsMessageAndFix() {
        let error = ProgressError(message: "no task “x” is loaded", fix: "check the id with `duban plan show`")
        #expect(error.description == "no task “x” is loaded; check the id with `duban plan show`")
    }
}
