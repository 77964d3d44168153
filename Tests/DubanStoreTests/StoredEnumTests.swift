import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// Kinds, states and rules are read back as cases: a value this build does not know (written by a
/// newer duban, or by hand) is an error naming the column, never a reminder, a queued message or a
/// proposed step.
@Suite struct StoredEnumTests {
    /// A climbed store with one of its rows overwritten by `sql`.
    static func store(after sql: String) throws -> AppDatabase {
        let db = try SchedulerFixtures.climbedStore()
        _ = try db.write { try $0.execute(sql) }
        return db
    }

    @Test(arguments: [
        ("UPDATE escalationStep SET rule = 'red-thrice' WHERE id = 1", "escalationStep", "rule", "red-thrice"),
        ("UPDATE escalationStep SET state = 'pondered' WHERE id = 1", "escalationStep", "state", "pondered"),
        ("UPDATE escalationStep SET kind = 'nudge' WHERE id = 1", "escalationStep", "kind", "nudge"),
    ])
    func anUnknownStepValueIsAnError(sql: String, table: String, column: String, value: String) throws {
        let db = try Self.store(after: sql)
        let error = try #require(throws: StoreError.self) { try db.escalations() }
        #expect(error.code == .unreadable)
        #expect(error.message.contains(column) && error.message.contains(value), "\(error.message)")
    }

    @Test(arguments: [
        ("UPDATE outbox SET kind = 'telegram' WHERE id = 1", "kind", "telegram"),
        ("UPDATE outbox SET state = 'lost' WHERE id = 1", "state", "lost"),
    ])
    func anUnknownMessageValueIsAnError(sql: String, column: String, value: String) throws {
        let db = try Self.store(after: sql)
        let error = try #require(throws: StoreError.self) { try db.outbox() }
        #expect(error.code == .unreadable)
        #expect(error.message.contains(column) && error.message.contains(value), "\(error.message)")
    }

    /// A task or department row whose kind, comparison or frequency this build does not know is an
    /// error naming the column, never a milestone, `>=` or a yearly duty.
    @Test(arguments: [
        ("UPDATE task SET kind = 'wish' WHERE id = 'm03-leader-led-inspections'", "task.kind", "wish"),
        ("UPDATE task SET every = 'fortnight' WHERE id = 'm03-leader-led-inspections'", "task.every", "fortnight"),
        ("UPDATE task SET targetOp = '~' WHERE targetOp IS NOT NULL", "task.targetOp", "~"),
        ("UPDATE task SET ledger = '{\"rule\":\"luck\"}' WHERE ledger IS NOT NULL", "task.ledger", "luck"),
        ("UPDATE department SET kind = 'guild' WHERE id = 'fire'", "department.kind", "guild"),
    ])
    func anUnknownPlanValueIsAnError(sql: String, column: String, value: String) throws {
        let db = try SchedulerFixtures.shippedStore()
        _ = try db.write { try $0.execute(sql) }
        let error = try #require(throws: StoreError.self) { try db.planSet() }
        #expect(error.code == .unreadable)
        #expect(error.message.contains(column) && error.message.contains(value), "\(error.message)")
    }

    @Test func everyKnownValueRoundTrips() throws {
        for kind in MessageKind.allCases { #expect(MessageKind.fromSQL(kind.sqlValue) == kind) }
        for state in MessageState.allCases { #expect(MessageState.fromSQL(state.sqlValue) == state) }
        for state in DeliveryState.allCases { #expect(DeliveryState.fromSQL(state.sqlValue) == state) }
        for rule in EscalationRule.allCases { #expect(EscalationRule.fromSQL(rule.sqlValue) == rule) }
        #expect(EscalationRule.fromSQL(.text("red-thrice")) == nil)
    }
}

/// Every record type reads and writes exactly the columns the migrations make for its table, so a
/// column added to one and not the other is a failing test, not a runtime error on one engine.
@Suite struct RecordSchemaTests {
    @Test func everyRecordsColumnsAreItsTablesColumns() {
        let records: [(table: String, columns: [String])] = [
            (JobRunRecord.table, JobRunRecord.columns), (EscalationStepRecord.table, EscalationStepRecord.columns),
            (OutboxMessage.table, OutboxMessage.columns), (DocumentRecord.table, DocumentRecord.columns),
            (DeliveryRecord.table, DeliveryRecord.columns), (DeliveryAttempt.table, DeliveryAttempt.columns),
            (LetterRecord.table, LetterRecord.columns),
        ]
        for (table, columns) in records {
            let schema = StoreSchema.tables.first { $0.name == table }
            let expected = schema.map { ($0.generatedID ? ["id"] : []) + $0.columns.map(\.name) } ?? []
            #expect(Set(columns) == Set(expected), "\(table)")
        }
    }
}
