import DubanCore
import Foundation

extension AppDatabase {
    /// Every letter, by year and number, optionally for one department or year.
    public func letters(department: String? = nil, year: Int? = nil) throws -> [LetterRecord] {
        try read { db in
            try db.all(
                LetterRecord.self, matching: ["departmentId": department, "year": year], order: "year, sequence")
        }
    }

    /// The letter with number `number` (`高新安办函〔2025〕12号`) or for step `step`.
    public func letter(number: String? = nil, step: Int64? = nil) throws -> LetterRecord? {
        try read { db in
            if let number { return try db.first(LetterRecord.self, where: "number = ?", [number]) }
            if let step { return try db.first(LetterRecord.self, where: "stepId = ?", [step]) }
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
        at now: Date, _ db: any StoreConnection
    ) throws -> LetterRecord {
        let stepId = step.id!
        let letter: LetterRecord
        if let existing = try db.first(LetterRecord.self, where: "stepId = ?", [stepId]) {
            letter = existing
        } else {
            letter = try composeLetter(for: step, on: day, context: context, evaluation: evaluation, db)
        }
        try db.execute(
            "UPDATE outbox SET state = 'queued' WHERE idempotencyKey = ? AND state = 'withdrawn'", ["step/\(stepId)"])
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
            id: nil, runId: runId, idempotencyKey: "step/\(stepId)", departmentId: step.department, kind: .letter,
            subject: "\(step.rung.chinese) \(letter.number)", body: body.joined(separator: "\n"), state: .queued,
            createdAt: now,
            facts: MessageFacts(
                period: String(content.issued.description.prefix(7)),
                tasks: [
                    .init(
                        task: content.task, title: content.title, department: content.department, due: content.due,
                        light: content.light, status: content.status, expected: content.expected,
                        reported: content.reported)
                ],
                step: .init(step, letter: letter.number, replyBy: content.replyBy)))
        try db.insert(&message, ignoringConflicts: true)
        return letter
    }

    private static func composeLetter(
        for step: EscalationStep, on day: Day, context: SchedulerContext, evaluation: Evaluation?,
        _ db: any StoreConnection
    ) throws -> LetterRecord {
        var evaluation = try evaluation ?? evaluate(asOf: day, lights: context.policy.lights, db).0
        let isHazard = try db.find(HazardRecord.self, key: step.task) != nil
        if isHazard, evaluation.graph.index[step.task] == nil {
            evaluation = try hazardEvaluation(asOf: day, lights: context.policy.lights, db)
        }
        let set = try planSet(db)
        guard let index = evaluation.graph.index[step.task] else {
            throw ProgressError(
                .notFound, field: "task", message: "no task “\(step.task)” is loaded", fix: "reload the plan")
        }
        let task = evaluation.graph.tasks[index]
        let department =
            set.department(step.department)
            ?? Department(id: step.department, name: step.department, kind: .department)
        let reports =
            isHazard
            ? try hazardReports(step.task, db)
            : try db.all(
                ProgressReport.self, where: "taskId = ? AND date <= ?", [step.task, day], order: "date, id"
            )
            .map { report in
                EscalationLetter.Report(date: report.date, value: report.valueText, note: report.note)
            }
        // Numbers are gapless per year: instances issuing at once take turns on the letters lock.
        try db.hold(.letters)
        let sequence =
            try db.value(Int.self, "SELECT COALESCE(MAX(sequence), 0) + 1 FROM letter WHERE year = ?", [day.year]) ?? 1
        let content = EscalationLetter(
            step: step.id!, prefix: context.policy.documents.letterPrefix, year: day.year, sequence: sequence,
            issued: day, rung: step.rung, department: department, task: task, evaluation: evaluation.task(step.task),
            reports: reports, history: try history(db)[step.task] ?? [], reason: step.reason, rule: step.rule,
            replyBy: context.calendar.workingDays(context.policy.documents.replyWorkingDays, after: day))
        var record = LetterRecord(
            id: nil, stepId: step.id!, year: day.year, sequence: sequence, number: content.number,
            departmentId: step.department, taskId: step.task, issued: day,
            content: try StoredJSON.text(content))
        try db.insert(&record)
        return record
    }
}

extension AppDatabase {
    /// A hazard's rectification progress as a letter cites it: each progress change of its audit trail.
    static func hazardReports(_ id: String, _ db: any StoreConnection) throws -> [EscalationLetter.Report] {
        try db.all(HazardAuditRecord.self, where: "hazardId = ? AND field = 'progress'", [id], order: "id").map {
            EscalationLetter.Report(date: Day($0.at), value: "整改 \($0.new ?? "0")%", note: $0.action)
        }
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
        try read { db in
            Dictionary(
                try
                    (steps.isEmpty
                    ? []
                    : db.all(LetterRecord.self, where: "stepId IN (\(placeholders(steps.count)))", steps.map { $0 }))
                    .map { ($0.stepId, $0.number) },
                uniquingKeysWith: { first, _ in first })
        }
    }
}
