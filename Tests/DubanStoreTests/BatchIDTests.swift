import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// Records inserted many a statement get the ids the store would have given them one at a time:
/// after every id the table ever gave (a deleted last row's id is not given again), none given
/// twice, and a rolled-back batch's ids given again, as a rolled-back row's are.
@Suite struct BatchIDTests {
    static func entries(_ count: Int, _ action: String) -> [AuditEntry] {
        (0..<count).map { n in
            AuditEntry(at: Fixtures.now, actor: "test", action: action, subject: "s\(n)", detail: "")
        }
    }

    static func ids(_ db: AppDatabase) throws -> [Int64] {
        try db.read { db in try db.all(AuditEntry.self, order: "id").compactMap(\.id) }
    }

    @Test func aBatchContinuesAfterTheLargestIDEverGiven() throws {
        let db = try TestStore.make()
        let before = try Self.ids(db)
        var single = Self.entries(1, "single")
        var first = Self.entries(3, "first")
        try db.write { db in
            try db.insertAll(&single)
            try db.insertAll(&first)
        }
        let start = try #require(single[0].id)
        #expect(first.map(\.id) == [start + 1, start + 2, start + 3])
        // On SQLite the last row is deleted: AUTOINCREMENT never gives its id again, nor may a batch.
        // (PostgreSQL's ids continue after the largest row, as they always have: nothing is deleted.)
        let sqlite = try db.read { $0.dialect == .sqlite }
        var second = Self.entries(2, "second")
        try db.write { db in
            if sqlite { try db.execute("DELETE FROM auditLog WHERE id = ?", [start + 3]) }
            try db.insertAll(&second)
        }
        #expect(second.map(\.id) == [start + 4, start + 5])
        var after = AuditEntry(at: Fixtures.now, actor: "test", action: "after", subject: "s", detail: "")
        try db.write { db in try db.insert(&after) }
        #expect(after.id == start + 6, "a single insert continues after the batch")
        let stored = try Self.ids(db)
        #expect(Set(stored).count == stored.count)
        #expect(stored.count == before.count + 1 + 3 + 2 + 1 - (sqlite ? 1 : 0))
    }

    @Test func aRolledBackBatchGivesItsIDsAgain() throws {
        let db = try TestStore.make()
        var kept = Self.entries(2, "kept")
        try db.write { db in try db.insertAll(&kept) }
        struct Refused: Error {}
        var undone = Self.entries(4, "undone")
        #expect(throws: Refused.self) {
            try db.write { db in
                try db.insertAll(&undone)
                throw Refused()
            }
        }
        var again = Self.entries(2, "again")
        try db.write { db in try db.insertAll(&again) }
        let last = try #require(kept.last?.id)
        #expect(again.map(\.id) == [last + 1, last + 2])
        let rows = try db.read { db in try db.all(AuditEntry.self, order: "id") }
        #expect(rows.filter { $0.action == "undone" }.isEmpty)
        #expect(rows.filter { $0.action == "again" }.map(\.id) == [last + 1, last + 2])
    }
}
