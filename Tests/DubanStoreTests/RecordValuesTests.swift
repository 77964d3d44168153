import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// The records a large load or dispatch writes append their values by hand (`appendValues`), not
/// through `values`: both must give the same values in the same order, or a column would be
/// written to its neighbour's place.
@Suite struct RecordValuesTests {
    static func written<R: StoredRecord>(_ record: R) -> [SQLValue] {
        var values: [SQLValue] = []
        record.appendValues(to: &values)
        return values
    }

    static func listed<R: StoredRecord>(_ record: R) -> [SQLValue] {
        record.values.map { $0?.sqlValue ?? .null }
    }

    /// A task with every column set, each to a value no other column holds.
    static func fullTask() throws -> TaskRecord {
        let values: [SQLValue] = [
            .text("t1"), .text("plan"), .text("a1"), .integer(3), .text("obligation"), .text("标题"),
            .text("fire"), .text("police,market"), .text("2024-01-01"), .text("2024-02-01"), .text("2024-12-31"),
            .text("2024年底前"), .text("quarter"), .text("month"), .integer(2), .text("rate"), .text(">="),
            .real(95.5), .text("%"), .text("第三条"), .text("plans/plan.yaml"), .integer(42), .integer(7),
            .integer(4), .text("2024-06-15 02:00:00.000"), .null,
        ]
        var record = try TaskRecord(row: SQLRow(columns: SQLColumns(TaskRecord.columnNames), values: values))
        record.ledger = "ledger-goal"  // its own text, unlike any other column's
        return record
    }

    @Test func aTaskWritesEveryColumnInItsPlace() throws {
        let full = try Self.fullTask()
        #expect(Self.written(full) == Self.listed(full))
        #expect(Self.written(full).count == TaskRecord.columnNames.count)
        var sparse = full
        sparse.measure = nil
        sparse.support = []
        sparse.start = nil
        sparse.phraseStart = nil
        sparse.dueText = nil
        sparse.every = nil
        sparse.highRiskEvery = nil
        sparse.times = nil
        sparse.targetMetric = nil
        sparse.targetOp = nil
        sparse.targetValue = nil
        sparse.targetUnit = nil
        sparse.source = nil
        sparse.file = nil
        sparse.line = nil
        sparse.archivedAt = nil
        sparse.ledger = nil
        #expect(Self.written(sparse) == Self.listed(sparse))
        var one = full
        one.support = ["police"]
        #expect(Self.written(one) == Self.listed(one))
    }

    @Test func aDependencyAndAnEscalationStepWriteEveryColumnInTheirPlace() {
        let dependency = DependencyRecord(taskId: "t2", prerequisiteId: "t1", lagDays: 5, position: 1)
        #expect(Self.written(dependency) == Self.listed(dependency))
        let step = EscalationStep(
            id: nil, kind: .rung, task: "t1", department: "fire", rung: .letter,
            date: Fixtures.day("2024-06-30"), state: .proposed, reason: "逾期", rule: EscalationRule.allCases[0])
        var numbered = EscalationStepRecord(step, runId: 9)
        numbered.id = 12
        for record in [EscalationStepRecord(step, runId: nil), numbered] {
            #expect(Self.written(record) == Self.listed(record))
            #expect(Self.written(record).count == EscalationStepRecord.columns.count)
        }
    }
}
