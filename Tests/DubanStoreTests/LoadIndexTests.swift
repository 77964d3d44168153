import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// A load into a store with no tasks drops the task tables' indexes and makes them again after its
/// rows: the store ends with the same indexes, and a failed load leaves them as they were.
@Suite struct LoadIndexTests {
    private func store() throws -> (AppDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-index-\(UUID().uuidString)")
        return (try AppDatabase.open(path: folder.appendingPathComponent("store.sqlite").path), folder)
    }

    /// Every index in the store, by name, with the statement that made it (autoindexes have none).
    private func indexes(_ db: AppDatabase) throws -> [String] {
        try db.read { connection in
            try connection.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").map {
                "\(try $0["name"] as String): \((try $0["sql"] as String?) ?? "-")"
            }
        }
    }

    @Test func aFirstLoadEndsWithTheIndexesItStartedWith() throws {
        let (db, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try indexes(db)
        #expect(before.contains("task_on_lead: CREATE INDEX task_on_lead ON task (lead)"))
        #expect(before.contains { $0.hasPrefix("taskRevision_on_taskId:") })
        #expect(before.contains { $0.hasPrefix("dependency_on_prerequisiteId:") })
        _ = try db.load(Fixtures.smallSet, files: [], now: Fixtures.now, actor: "tester")
        #expect(try indexes(db) == before)
        // The made-again index holds every row: a search through it finds what the table holds.
        let led = try db.read { connection in
            try connection.rows("SELECT id FROM task INDEXED BY task_on_lead WHERE lead = 'emergency' ORDER BY id")
                .map { try $0["id"] as String }
        }
        #expect(led == Fixtures.smallSet.tasks.filter { $0.lead == "emergency" }.map(\.id).sorted())
        #expect(!led.isEmpty)
        // A second load, into a store with tasks, keeps them too.
        _ = try db.load(Fixtures.smallSet, files: [], now: Fixtures.now.addingTimeInterval(60), actor: "tester")
        #expect(try indexes(db) == before)
    }

    @Test func aLoadThatFailsInItsTransactionLeavesTheIndexes() throws {
        let (db, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try indexes(db)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.engine.transaction { connection -> (value: Void, commit: Bool) in
                try AppDatabase.indexingAfterwards(fresh: true, connection) {
                    #expect(try connection.rows("SELECT name FROM sqlite_master WHERE name = 'task_on_lead'").isEmpty)
                    throw Stop()
                }
                return ((), true)
            }
        }
        #expect(try indexes(db) == before)
    }
}
