import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// A dispatch stores its bulletin and its messages' facts through their own JSON writers: the text
/// must be what `JSONEncoder` writes for the same value (sorted keys, slashes unescaped), so stored
/// documents and messages read, compare and render as they always have — with ranking and weights,
/// with a hazard section, with every fact present and with facts left out.
@Suite struct StoredBulletinTests {
    static func expectEncodersText(_ db: AppDatabase) throws -> Int {
        let records = try db.documents(kind: "bulletin")
        for record in records {
            let bulletin = try JSONDecoder().decode(MonthlyBulletin.self, from: Data(record.content.utf8))
            #expect(record.content == (try StoredJSON.text(bulletin)), "bulletin \(record.period)")
        }
        return records.count
    }

    @Test func rankedBulletinsAreTheEncodersText() throws {
        let db = try SchedulerFixtures.climbedStore()
        #expect(try Self.expectEncodersText(db) >= 3)
        let may = try #require(try db.documents(kind: "bulletin").first { $0.period == "2024-05" })
        #expect(may.content.contains("\"weights\":{") && may.content.contains("\"ranking\":[{"))
        #expect(may.content.contains("\"items\":[{") && may.content.contains("\"steps\":[{"))
    }

    @Test func aBulletinWithHazardsIsTheEncodersText() throws {
        let db = try HazardFixtures.store()
        let hazard = try HazardFixtures.add(
            db, HazardFixtures.fields(serial: 1, found: "2024-01-10", deadline: "2024-03-31"))
        _ = try HazardFixtures.change(db, hazard.id, .list(level: .district, number: ""), "2024-01-15")
        _ = try SchedulerFixtures.dispatch(db, ["2024-02", "2024-03", "2024-04"])
        #expect(try Self.expectEncodersText(db) == 3)
        let april = try #require(try db.documents(kind: "bulletin").first { $0.period == "2024-04" })
        #expect(april.content.contains("\"hazards\":{"))
    }

    @Test func factsAreTheEncodersText() throws {
        let step = EscalationStep(
            id: 42, task: "t/1", department: "fire", rung: .letter, date: Fixtures.day("2024-05-06"), state: .approved,
            reason: "", rule: .redFirst)
        let full = MessageFacts(
            period: "2024-05",
            tasks: [
                .init(
                    task: "t/1", title: "“引号” \"转义\" \\ 换行\n", department: "fire", due: Fixtures.day("2024-06-30"),
                    light: .red, status: .overdue, expected: 33.333333333333336, reported: 12.5, workingDaysLeft: 3),
                .init(task: "t2", title: "", due: Fixtures.day("2025-01-01")),
            ],
            step: MessageFacts.StepFact(step, letter: "安委办函〔2024〕3号", replyBy: Fixtures.day("2024-05-20")))
        let bare = MessageFacts(
            step: MessageFacts.StepFact(
                EscalationStep(
                    task: "t3", department: "police", rung: .notice, date: Fixtures.day("2024-07-01"),
                    state: .proposed, reason: "", rule: .redFirst)))
        for facts in [full, bare, MessageFacts()] {
            #expect(String(decoding: try facts.json(), as: UTF8.self) == (try StoredJSON.text(facts)))
        }
    }

    @Test func queuedMessagesKeepTheirFacts() throws {
        let db = try SchedulerFixtures.climbedStore()
        let messages = try db.outbox().filter { $0.facts != nil }
        #expect(!messages.isEmpty)
        let stored = try db.read { db in
            try db.values(String.self, "SELECT facts FROM outbox WHERE facts IS NOT NULL ORDER BY id")
        }
        #expect(stored.count == messages.count)
        for (text, message) in zip(stored, messages) {
            #expect(text == (try StoredJSON.text(message.facts!)))
        }
    }
}
