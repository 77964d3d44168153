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

    @Test func numbersAreWrittenAsTheEncoderWritesThem() throws {
        let values: [Double] = [0, -0.0, 1, 12.5, 33.3, 66.7, 100, 0.1, 1e-7, 1e15, 1e16, 123_456_789.5, 2.0 / 3]
        var json = JSONWriter(pretty: false)
        json.array(values) { $0.number($1) }
        let encoder = JSONEncoder()
        #expect(
            String(decoding: json.bytes, as: UTF8.self) == String(decoding: try encoder.encode(values), as: UTF8.self))
    }
}
