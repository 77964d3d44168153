import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// The hazard ledger in the store: all-or-none adds, audited changes, gapless listing numbers,
/// the listing notices, and what a department may see and change.
@Suite struct HazardLedgerTests {
    typealias F = HazardFixtures

    @Test func oneBadHazardRefusesThemAllAndListsEveryProblem() throws {
        let db = try F.store()
        var bad = F.fields(serial: 2, found: "2025-03-01", deadline: "2025-02-01", sector: "mines")
        bad[.creditCode] = "91370400MA3C000012"
        let error = #expect(throws: HazardProblems.self) {
            try db.addHazards(
                [
                    (nil, F.fields(serial: 1, found: "2025-03-01", deadline: "2025-06-30"), "row 2"),
                    (nil, bad, "row 3"),
                ], actor: "office", now: F.now)
        }
        let messages = try #require(error).problems.map(\.message)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.allSatisfy { $0.hasPrefix("row 3: ") })
        #expect(messages.contains { $0.contains("should be “1”, not “2”") })
        #expect(messages.contains { $0.contains("mines") })
        #expect(messages.contains { $0.contains("before") && $0.contains("2025-03-01") })
        #expect(try db.hazards().isEmpty)
    }

    @Test func idsAreNumberedPerFoundYearAndListingNumbersPerListingYear() throws {
        let db = try F.store()
        let a = try F.add(db, F.fields(serial: 1, found: "2024-11-01", deadline: "2025-03-31"))
        let b = try F.add(db, F.fields(serial: 2, found: "2025-01-05", deadline: "2025-03-31"))
        let c = try F.add(db, F.fields(serial: 3, found: "2025-01-06", deadline: "2025-03-31"))
        #expect([a.id, b.id, c.id] == ["hz-2024-0001", "hz-2025-0001", "hz-2025-0002"])
        let listedA = try F.change(db, a.id, .list(level: .district, number: ""), "2024-12-30")
        let listedC = try F.change(db, c.id, .list(level: .city, number: ""), "2025-01-08")
        let listedB = try F.change(db, b.id, .list(level: .district, number: ""), "2025-01-09")
        #expect(listedA.listingNumber == "高新安办督〔2024〕1号")
        #expect(listedC.listingNumber == "高新安办督〔2025〕1号")
        #expect(listedB.listingNumber == "高新安办督〔2025〕2号")
        let again = #expect(throws: HazardProblems.self) {
            try F.change(db, b.id, .list(level: .district, number: ""), "2025-01-10")
        }
        #expect(again?.problems.first?.code == .conflict)
        #expect(try db.hazard(b.id).listingNumber == "高新安办督〔2025〕2号")
    }

    @Test func listingQueuesTheNoticesToTheDepartmentAndTheEnterprise() throws {
        let db = try F.store()
        var fields = F.fields(serial: 1, found: "2025-03-01", deadline: "2025-06-30")
        fields[.enterpriseChannel] = "emergency-dingtalk"
        fields[.principal] = "王某"
        let hazard = try F.add(db, fields)
        _ = try F.change(db, hazard.id, .list(level: .district, number: ""), "2025-03-03")
        let queued = try db.read { db in
            try db.rows("SELECT departmentId, kind, subject, body FROM outbox ORDER BY departmentId").map {
                (try $0["departmentId"] as String, try $0["kind"] as String, try $0["body"] as String)
            }
        }
        #expect(queued.map(\.0) == ["emergency", "enterprise:\(fields[.creditCode]!)"])
        #expect(queued.allSatisfy { $0.1 == MessageKind.hazardListed.rawValue })
        #expect(queued.allSatisfy { $0.2.contains("高新安办督〔2025〕1号") && $0.2.contains("2025-06-30") })
    }

    @Test func everyChangeIsAuditedWithWhoWhenOldAndNew() throws {
        let db = try F.store()
        let hazard = try F.add(db, F.fields(serial: 1, found: "2025-03-01", deadline: "2025-06-30"))
        _ = try db.updateHazard(hazard.id, fields: [.deadline: "2025-07-31"], actor: "li", now: F.now)
        try F.advance(db, hazard.id, steps: 2, from: Day("2025-03-05")!)
        let audit = try db.hazardAudit(hazard.id)
        var actions: [String] = []
        for record in audit where actions.last != record.action { actions.append(record.action) }
        #expect(actions == ["add", "update", "list", "rectify"])
        let update = try #require(audit.first { $0.action == "update" })
        #expect(update.actor == "li" && update.at == F.now)
        #expect(update.field == "deadline" && update.old == "2025-06-30" && update.new == "2025-07-31")
        #expect(
            audit.contains {
                $0.action == "rectify" && $0.field == "state" && $0.old == "listed" && $0.new == "rectifying"
            })
        #expect(audit.contains { $0.action == "list" && $0.field == "listing_number" && $0.new == "高新安办督〔2025〕1号" })
    }

    @Test func aRefusedChangeChangesNothing() throws {
        let db = try F.store()
        let hazard = try F.add(db, F.fields(serial: 1, found: "2025-03-01", deadline: "2025-06-30"))
        try F.advance(db, hazard.id, steps: 3, from: Day("2025-03-05")!)
        let before = try db.hazard(hazard.id)
        let auditBefore = try db.hazardAudit(hazard.id).count
        let twice = F.signOffs(Day("2025-03-20")!).enumerated().map { offset, signOff in
            var copy = signOff
            if offset == 2 { copy.name = "赵监管" }
            return copy
        }
        let error = #expect(throws: HazardProblems.self) { try F.change(db, hazard.id, .verify(twice), "2025-03-21") }
        #expect(error?.problems.first?.field == "signoffs.enterprise.name")
        let closing = #expect(throws: HazardProblems.self) { try F.change(db, hazard.id, .close, "2025-03-21") }
        #expect(closing?.problems.first?.message.contains("three sign-offs") == true)
        #expect(try db.hazard(hazard.id) == before)
        #expect(try db.hazardAudit(hazard.id).count == auditBefore)
    }
}

/// What a department may see and change, against the office.
@Suite struct HazardViewerTests {
    typealias F = HazardFixtures

    /// Two hazards: one the emergency bureau supervises (a 群众举报 with a reporter), one housing's.
    private func twoHazards() throws -> (AppDatabase, Hazard, Hazard) {
        let db = try F.store()
        let own = try F.add(
            db,
            F.fields(
                serial: 1, found: "2025-03-01", deadline: "2025-06-30", channel: .publicReport,
                reporter: "张某 13800000000"))
        let other = try F.add(
            db, F.fields(serial: 2, found: "2025-03-01", deadline: "2025-06-30", sector: "construction"))
        #expect(own.department == "emergency")
        #expect(other.department == "housing")
        return (db, own, other)
    }

    @Test func theOfficeSeesEverythingADepartmentItsOwnWithoutTheReporter() throws {
        let (db, own, other) = try twoHazards()
        #expect(try db.hazards().map(\.id) == [own.id, other.id])
        #expect(try db.hazard(own.id).reporter == "张某 13800000000")
        let emergency = HazardViewer.department("emergency")
        let seen = try db.hazards(as: emergency)
        #expect(seen.map(\.id) == [own.id])
        #expect(seen.allSatisfy { $0.reporter == nil })
        #expect(try db.hazard(own.id, as: emergency).reporter == nil)
        let error = #expect(throws: ProgressError.self) { try db.hazard(other.id, as: emergency) }
        #expect(error?.code == .forbidden || error?.code == .notFound)
        #expect(try db.hazardStatistics(by: [], asOf: Day("2025-12-31")!, as: emergency).total.found == 1)
    }

    @Test func aDepartmentChangesOnlyItsOwnAndNeverListsOrReassigns() throws {
        let (db, own, other) = try twoHazards()
        let emergency = HazardViewer.department("emergency")
        let policy = F.policy
        let day = Day("2025-03-10")!
        #expect(throws: ProgressError.self) {
            try db.changeHazard(other.id, .progress(10), on: day, as: emergency, policy: policy, actor: "e", now: F.now)
        }
        #expect(throws: ProgressError.self) {
            try db.updateHazard(other.id, fields: [.measures: "x"], as: emergency, actor: "e", now: F.now)
        }
        #expect(throws: ProgressError.self) {
            try db.changeHazard(
                own.id, .list(level: .district, number: ""), on: day, as: emergency, policy: policy, actor: "e",
                now: F.now)
        }
        #expect(throws: ProgressError.self) {
            try db.updateHazard(own.id, fields: [.department: "housing"], as: emergency, actor: "e", now: F.now)
        }
        #expect(throws: ProgressError.self) {
            try db.updateHazard(own.id, fields: [.reporter: "x"], as: emergency, actor: "e", now: F.now)
        }
        #expect(try db.hazard(other.id) == other)
        #expect(try db.hazard(own.id) == own)
        let moved = try db.changeHazard(
            own.id, .progress(30), on: day, as: emergency, policy: policy, actor: "e", now: F.now)
        #expect(moved.progress == 30 && moved.reporter == nil)
        #expect(try db.hazard(own.id).reporter == "张某 13800000000")
    }
}
