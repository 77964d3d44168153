import DubanCore
import Foundation
import GRDB

extension AppDatabase {
    /// Every letter, by year and number, optionally for one department or year.
    public func letters(department: String? = nil, year: Int? = nil) throws -> [LetterRecord] {
        try writer.read { db in
            var request = LetterRecord.all()
            if let department { request = request.filter(Column("departmentId") == department) }
            if let year { request = request.filter(Column("year") == year) }
            return try request.order(Column("year"), Column("sequence")).fetchAll(db)
        }
    }

    /// The letter with number `number` (`高新安办函〔2025〕12号`) or for step `step`.
    public func letter(number: String? = nil, step: Int64? = nil) throws -> LetterRecord? {
        try writer.read { db in
            if let number { return try LetterRecord.filter(Column("number") == number).fetchOne(db) }
            if let step { return try LetterRecord.filter(Column("stepId") == step).fetchOne(db) }
            return nil
        }
    }

    /// Issues the letter for an approved step from 函告 upward, numbered next in the year of `day`, and
    /// queues it for the department; a step that has a letter keeps it (a re-approval after a hold
    /// sends the same letter under the same number).
    ///
    /// - Parameter evaluation: the evaluation the step was decided on, when the caller has one.
    @discardableResult
    static func issueLetter(
        for step: EscalationStep, on day: Day, context: SchedulerContext, evaluation: Evaluation?, runId: Int64?,
        at now: Date, _ db: Database
    ) throws -> LetterRecord {
        let stepId = step.id!
        let letter: LetterRecord
        if let existing = try LetterRecord.filter(Column("stepId") == stepId).fetchOne(db) {
            letter = existing
        } else {
            letter = try composeLetter(for: step, on: day, context: context, evaluation: evaluation, db)
        }
        try db.execute(
            sql: "UPDATE outbox SET state = 'queued' WHERE idempotencyKey = ? AND state = 'withdrawn'",
            arguments: ["step/\(stepId)"])
        let content = try letter.letter()
        var body = [
            "\(content.departmentName)：",
            "“\(content.title)”（\(content.task)）截止 \(content.due)，序时进度 \(content.expected.plainText)%，"
                + "报送 \(content.reported.plainText)%。",
            "请于 \(content.replyBy) 前书面报告整改情况。",
        ]
        if let link = context.policy.documents.link("letters/\(letter.year)-\(letter.sequence).html") {
            body.append("全文: \(link)")
        }
        var message = OutboxMessage(
            id: nil, runId: runId, idempotencyKey: "step/\(stepId)", departmentId: step.department, kind: "letter",
            subject: "\(step.rung.chinese) \(letter.number)", body: body.joined(separator: "\n"), state: "queued",
            createdAt: now)
        try message.insert(db, onConflict: .ignore)
        return letter
    }

    private static func composeLetter(
        for step: EscalationStep, on day: Day, context: SchedulerContext, evaluation: Evaluation?, _ db: Database
    ) throws -> LetterRecord {
        let evaluation = try evaluation ?? evaluate(asOf: day, lights: context.policy.lights, db).0
        let set = try planSet(db)
        guard let index = evaluation.graph.index[step.task] else {
            throw ProgressError(message: "no task “\(step.task)” is loaded", fix: "reload the plan")
        }
        let task = evaluation.graph.tasks[index]
        let department =
            set.department(step.department)
            ?? Department(id: step.department, name: step.department, kind: .department)
        let reports = try ProgressReport.filter(ProgressReport.Columns.taskId == step.task)
            .filter(ProgressReport.Columns.date <= day)
            .order(ProgressReport.Columns.date, ProgressReport.Columns.id).fetchAll(db)
            .map { report in
                EscalationLetter.Report(date: report.date, value: report.valueText, note: report.note)
            }
        let sequence =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM letter WHERE year = ?", arguments: [day.year]) ?? 1
        let content = EscalationLetter(
            step: step.id!, prefix: context.policy.documents.letterPrefix, year: day.year, sequence: sequence,
            issued: day, rung: step.rung, department: department, task: task, evaluation: evaluation.task(step.task),
            reports: reports, history: try history(db)[step.task] ?? [], reason: step.reason, rule: step.rule,
            replyBy: context.calendar.workingDays(context.policy.documents.replyWorkingDays, after: day))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var record = LetterRecord(
            id: nil, stepId: step.id!, year: day.year, sequence: sequence, number: content.number,
            departmentId: step.department, taskId: step.task, issued: day,
            content: String(decoding: try encoder.encode(content), as: UTF8.self))
        try record.insert(db)
        return record
    }
}

extension ProgressReport {
    /// The report's value as a letter cites it: `60%`, `2024Q1 已完成`, `31`.
    var valueText: String {
        if let percent { return "\(percent.plainText)%" }
        if let occurrence { return "\(occurrence) \(done == false ? "未完成" : "已完成")" }
        if let value { return value.plainText }
        return "—"
    }
}

extension AppDatabase {
    /// The numbers of the letters that carry out `steps`, by step id.
    public func letterNumbers(steps: [Int64]) throws -> [Int64: String] {
        try writer.read { db in
            Dictionary(
                try LetterRecord.filter(steps.contains(Column("stepId"))).fetchAll(db).map { ($0.stepId, $0.number) },
                uniquingKeysWith: { first, _ in first })
        }
    }
}
