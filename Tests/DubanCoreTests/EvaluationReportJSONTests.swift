import Foundation
import Testing

@testable import DubanCore

/// The report's hand-written JSON must be the bytes `JSONEncoder` writes, pretty and compact, so
/// `evaluate --json` and `/api/evaluation` keep their output while skipping the encoder's cost.
@Suite struct EvaluationReportJSONTests {
    static func encoded(_ report: EvaluationReport, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = JSONWriter.formatting(pretty: pretty)
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// An evaluated graph with every status, a blockage, missed duty periods and a done task, plus
    /// a task whose ids need escaping and a goal.
    static func report() throws -> EvaluationReport {
        let tasks = [
            EvalFixture.milestone("m1", start: "2024-01-01", due: "2024-12-31"),
            EvalFixture.milestone("m2", start: "2024-03-01", due: "2025-06-30", after: ["m1"], lead: "fire"),
            EvalFixture.target("t1", start: "2024-01-01", due: "2026-12-31", value: 90),
            EvalFixture.duty("d1", start: "2024-01-01", end: "2026-12-31", lead: "fire"),
            EvalFixture.milestone("done", start: "2024-01-01", due: "2024-06-30", lead: "police"),
        ]
        let day = EvalFixture.day("2025-03-15")
        let progress: [String: TaskProgress] = [
            "m1": TaskProgress(percent: 40, reportedOn: EvalFixture.day("2024-10-01")),
            "t1": TaskProgress(percent: 33.35, reportedOn: EvalFixture.day("2025-01-01")),
            "done": TaskProgress(
                percent: 100, reportedOn: EvalFixture.day("2024-06-01"), doneOn: EvalFixture.day("2024-06-01")),
        ]
        let evaluation = try Evaluator(policy: LightPolicy()).evaluate(
            TaskGraph(tasks: tasks), planStart: EvalFixture.day("2024-01-01"), progress: progress, asOf: day)
        var evaluated = evaluation.tasks
        var odd = evaluated[0]
        odd.id = "引号\"反斜杠\\换行\n制表\t控制\u{1}/斜杠"
        odd.blockedBy = ["a/b", "c"]
        odd.forecast = nil
        evaluated.append(odd)
        var counts = LedgerCounts()
        counts.stock = 12
        counts.stockClosed = 9
        let goal = GoalComputation(
            task: "m1", rule: .stockCleared, percent: 75, met: false, counts: counts, explanation: "12 处存量隐患，已销号 9 处")
        return EvaluationReport(
            asOf: day, tasks: evaluated, departments: evaluation.departments(Fixture.departments),
            escalations: ["fire": 2, "emergency": 1], goals: [goal])
    }

    @Test(arguments: [true, false]) func theWriterWritesTheEncodersBytes(pretty: Bool) throws {
        let report = try Self.report()
        #expect(
            report.tasks.contains { !$0.blockedBy.isEmpty } && report.tasks.contains { !$0.missedOccurrences.isEmpty })
        #expect(report.tasks.contains { $0.forecast != nil } && report.tasks.contains { $0.forecast == nil })
        let written = String(decoding: try report.json(pretty: pretty), as: UTF8.self)
        #expect(written == (try Self.encoded(report, pretty: pretty)))
    }

    @Test(arguments: [true, false]) func anEmptyReportIsTheEncodersToo(pretty: Bool) throws {
        let report = EvaluationReport(asOf: EvalFixture.day("2024-01-01"), tasks: [], departments: [], escalations: [:])
        let written = String(decoding: try report.json(pretty: pretty), as: UTF8.self)
        #expect(written == (try Self.encoded(report, pretty: pretty)))
    }

    @Test(arguments: [true, false]) func piecesMakeTheWholeReport(pretty: Bool) throws {
        let report = try Self.report()
        var pieces: [[UInt8]] = []
        try report.json(pretty: pretty, piece: 64) { pieces.append($0) }
        #expect(pieces.count > report.tasks.count / 2, "a piece about every task, not the whole at the end")
        #expect(pieces.allSatisfy { !$0.isEmpty })
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == (try Self.encoded(report, pretty: pretty)))
    }

    @Test(arguments: [true, false]) func keysFromDataAreEscapedAndSorted(pretty: Bool) throws {
        let pairs = ["引号\"": 1, "a/b": 2, "换行\n": 3, "": 4, "z": 5, "控制\u{1}": 6]
        var json = JSONWriter(pretty: pretty)
        json.object(sorting: pairs) { $0.number($1) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = JSONWriter.formatting(pretty: pretty)
        #expect(
            String(decoding: json.bytes, as: UTF8.self) == String(decoding: try encoder.encode(pairs), as: UTF8.self))
    }

    @Test func literalKeysOfOneCharacterOrNeedingEscapesAreWritten() throws {
        var json = JSONWriter(pretty: false)
        json.object { object in
            object.key("\"")
            object.number(1)
            object.key("a")
            object.number(2)
            object.key("长")
            object.number(3)
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"\"":1,"a":2,"长":3}"#)
    }

    @Test func daysAreWrittenAsTheirCodableConformanceWritesThem() throws {
        let days = [
            EvalFixture.day("2024-01-01"), EvalFixture.day("2026-12-31"), EvalFixture.day("2000-02-29"),
            Day(ordinal: 0), Day(ordinal: -719_162), Day(ordinal: -719_163), Day(ordinal: 2_932_896),
            Day(ordinal: 2_932_897),
        ]
        var json = JSONWriter(pretty: false)
        json.array(days) { $0.day($1) }
        json.array([EvalFixture.day("2025-06-30"), nil]) { $0.day($1) }
        let encoder = JSONEncoder()
        let expected = try encoder.encode(days) + (try encoder.encode([EvalFixture.day("2025-06-30"), nil]))
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func aNumberThatIsNotFiniteIsAnErrorAsInTheEncoder() throws {
        for value in [Double.nan, .infinity, -.infinity] {
            var json = JSONWriter(pretty: false)
            #expect(throws: EncodingError.self) { try json.number(value) }
            #expect(throws: EncodingError.self) { try JSONEncoder().encode([value]) }
            #expect(json.bytes.isEmpty)
        }
    }

    @Test func numbersAreWrittenAsTheEncoderWritesThem() throws {
        let values: [Double] = [
            0, -0.0, 1, 12.5, 33.3, 66.7, 100, 0.1, 1e-7, 1e15, 1e16, 123_456_789.5, 2.0 / 3, -3.3, -0.1, -100, 0.05,
            99_999_999_999_999.9, 9_999_999_999_999.9, 1e13, -1e13, 0.7, 1.0 / 10, 0.3 + 0.6, 1e-4, 12.34, 7,
        ]
        var json = JSONWriter(pretty: false)
        try json.array(values) { try $0.number($1) }
        let encoder = JSONEncoder()
        #expect(
            String(decoding: json.bytes, as: UTF8.self) == String(decoding: try encoder.encode(values), as: UTF8.self))
        // Every tenth and whole number up to a million, and their negatives, as the encoder has them.
        let tenths = (-10_000...10_000).map { Double($0) / 10 } + stride(from: 0, to: 1_000_000, by: 7).map(Double.init)
        var many = JSONWriter(pretty: false)
        try many.array(tenths) { try $0.number($1) }
        #expect(
            String(decoding: many.bytes, as: UTF8.self) == String(decoding: try encoder.encode(tenths), as: UTF8.self))
        let integers = [0, 1, 9, 10, 99, 100, 12_345, -1, -10, Int.max, Int.min]
        var counts = JSONWriter(pretty: false)
        counts.array(integers) { $0.number($1) }
        #expect(
            String(decoding: counts.bytes, as: UTF8.self)
                == String(decoding: try encoder.encode(integers), as: UTF8.self))
    }

    /// A report of thousands of tasks is written two runs at a time on two threads: the same bytes,
    /// handed on a run at a time.
    @Test(arguments: [true, false]) func aLargeReportOnTwoLanesIsTheEncodersBytes(pretty: Bool) throws {
        let small = try Self.report()
        var tasks: [TaskEvaluation] = []
        for index in 0..<3_001 {
            var task = small.tasks[index % small.tasks.count]
            task.id = "\(task.id)-\(index)"
            tasks.append(task)
        }
        let report = EvaluationReport(
            asOf: small.asOf, tasks: tasks, departments: small.departments, escalations: small.escalations,
            goals: small.goals)
        var pieces: [[UInt8]] = []
        try report.json(pretty: pretty, piece: 1) { pieces.append($0) }  // runs of the least, 256 tasks
        #expect(pieces.count >= tasks.count / 256)
        let expected = try Self.encoded(report, pretty: pretty)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == expected)
        #expect(String(decoding: try report.json(pretty: pretty), as: UTF8.self) == expected)
    }
}
