import DubanCore
import Foundation

/// Performs one job run inside the caller's transaction: evaluates, decides, and writes the run,
/// its escalation steps, its outbox messages and its documents together.
struct JobRunner {
    let db: any StoreConnection
    let run: DueRun
    let context: SchedulerContext
    let ranAt: Date

    func perform() throws -> JobOutcome {
        let day = run.at.day
        var record = JobRunRecord(
            id: nil, job: run.job.rawValue, period: run.period, dueAt: run.at.description, asOf: day, ranAt: ranAt,
            summary: "")
        try db.insert(&record)
        let runId = record.id!
        let (evaluation, set) = try AppDatabase.evaluate(asOf: day, lights: context.policy.lights, db)
        let office = set.plans.first { $0.extends == nil }?.office
        var steps: [EscalationStep] = []
        var queued = 0
        switch run.job {
        case .dailyReminders:
            let hazards = try AppDatabase.hazardEvaluation(asOf: day, lights: context.policy.lights, db)
            let reminders =
                DueReminder.due(
                    on: day, evaluation: evaluation, offsets: context.policy.reminderWorkingDays,
                    calendar: context.calendar)
                + DueReminder.due(
                    on: day, evaluation: hazards, offsets: context.policy.hazards.reminderWorkingDays,
                    calendar: context.calendar)
            let messages = JobMessages.reminders(reminders, on: day) { title($0, evaluation, hazards) }
            try queue(runId, messages)
            queued += messages.count
            record.summary = "\(reminders.count) reminders to \(Set(reminders.map(\.department)).count) departments"
        case .monthlyDispatch:
            let hazards = try AppDatabase.hazardEvaluation(asOf: day, lights: context.policy.lights, db)
            let previous = try previousLights(before: runId)
            // Every item's steps before this run, read once for both ladders: a hazard's ladder has
            // no use for the steps this run just gave tasks (reading them again was a sixth of a
            // large dispatch).
            let history = try AppDatabase.history(db)
            steps = try dispatch(
                runId: runId, evaluation: evaluation, previous: previous, history: history,
                ladder: EscalationLadder(policy: context.policy.ladder, office: office))
            // Listed hazards climb their own ladder (policy `hazards.ladder`); the office is not exempt
            // from supervising a hazard, so no item is "the office's own".
            let hazardSteps = try dispatch(
                runId: runId, evaluation: hazards, previous: previous, history: history,
                ladder: EscalationLadder(policy: context.policy.hazards.ladder, office: nil))
            let ranking = DepartmentRanking(
                evaluation: evaluation, registry: set.departments,
                escalations: try AppDatabase.escalationsReceived(through: day, db),
                previousRanks: try previousRanks(before: runId), office: office, weights: context.policy.ranking)
            let bulletin = MonthlyBulletin(
                month: run.period, evaluation: evaluation, registry: set.departments,
                actions: set.plans.flatMap(\.actions), ranking: ranking, steps: steps + hazardSteps,
                hazards: try hazardSection(evaluation, hazards, on: day))
            try store(runId, kind: "bulletin", bulletin)
            let digests = JobMessages.digests(
                bulletin, steps: steps + hazardSteps,
                link: context.policy.documents.link("bulletins/\(run.period).html"))
            try queue(runId, digests)
            queued += digests.count
            // The tasks' letters, then the hazards', each with its own evaluation (pairing every step
            // with its evaluation first copied half a million steps).
            for (ladderSteps, source) in [(steps, evaluation), (hazardSteps, hazards)] {
                for step in ladderSteps where step.kind == .rung && step.rung >= .letter && step.state == .approved {
                    try AppDatabase.issueLetter(
                        for: step, on: day, context: context, evaluation: source, runId: runId, at: ranAt, db)
                    queued += 1
                }
            }
            steps += hazardSteps
            // Counted, not grouped: grouping a million evaluations by light copied each.
            let red = evaluation.tasks.count { $0.light == .red }
            let yellow = evaluation.tasks.count { $0.light == .yellow }
            record.summary =
                "\(red) red, \(yellow) yellow; \(steps.count { $0.kind == .rung }) steps"
                + ", \(steps.count { $0.state == .proposed }) awaiting approval"
        case .quarterlyAgenda:
            let history = try AppDatabase.history(db)
            let previous = try previousAgendaSlow()
            let meeting = context.policy.jobs.meeting(for: run.period, calendar: context.calendar) ?? day
            var agenda = ConsultationAgenda(
                quarter: run.period, meeting: meeting, evaluation: evaluation, office: office, history: history,
                previousSlow: previous)
            let total = try AppDatabase.hazardStatistics(by: [], asOf: day, as: .office, db).total
            if total.found > 0 {
                agenda.add(
                    hazards: try AppDatabase.hazardEvaluation(asOf: day, lights: context.policy.lights, db),
                    repeats: try AppDatabase.repeatOffenders(asOf: day, db), total: total, history: history)
            }
            try store(runId, kind: "agenda", agenda)
            let messages = JobMessages.agenda(
                agenda, link: context.policy.documents.link("agendas/\(run.period).html"))
            try queue(runId, messages)
            queued += messages.count
            record.summary =
                "agenda for \(meeting): \(agenda.attendees.count) attendees, \(agenda.slow.count) slow items, "
                + "\(agenda.blockages.count) blockages, \(agenda.decisions.count) decisions"
        case .yearlyReview:
            let bulletin = MonthlyBulletin(
                month: run.period, evaluation: evaluation, registry: set.departments, steps: [])
            try store(runId, kind: "review", bulletin)
            let messages = JobMessages.review(bulletin, office: office)
            try queue(runId, messages)
            queued += messages.count
            record.summary = "yearly review of \(bulletin.departments.count) departments"
        }
        try db.update(record)
        return JobOutcome(run: run, runId: runId, steps: steps, queued: queued, summary: record.summary)
    }

    /// Each task's and hazard's light at the previous monthly dispatch (absent: green).
    private func previousLights(before runId: Int64) throws -> [String: Light] {
        let previousRun = try db.value(
            Int64.self, "SELECT id FROM jobRun WHERE job = ? AND id < ? ORDER BY id DESC LIMIT 1",
            [Job.monthlyDispatch.rawValue, runId])
        var previous: [String: Light] = [:]
        if let previousRun {
            for row in try db.rows("SELECT taskId, light FROM taskLight WHERE runId = ?", [previousRun]) {
                let text: String = try row["light"]
                guard let light = Light(rawValue: text) else {
                    throw StoreError.unreadableValue(column: "taskLight.light", value: .text(text), as: "light")
                }
                previous[try row["taskId"]] = light
            }
        }
        return previous
    }

    /// The bulletin's hazard part: when the ledger has hazards or a goal is computed from it.
    private func hazardSection(
        _ evaluation: Evaluation, _ hazards: Evaluation, on day: Day
    ) throws
        -> MonthlyBulletin.HazardSection?
    {
        let statistics = try AppDatabase.hazardStatistics(by: [.subdistrict, .sector], asOf: day, as: .office, db)
        guard statistics.total.found > 0 || !evaluation.computed.isEmpty else { return nil }
        let sectorNames = Dictionary(
            try AppDatabase.sectors(db).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return MonthlyBulletin.HazardSection(
            evaluation: evaluation, statistics: statistics, hazards: hazards, sectorNames: sectorNames)
    }

    /// The monthly ladder: snapshot lights, decide against the previous dispatch, record the steps.
    private func dispatch(
        runId: Int64, evaluation: Evaluation, previous: [String: Light], history: [String: [EscalationStep]],
        ladder: EscalationLadder
    ) throws -> [EscalationStep] {
        let slow = evaluation.tasks.indices.filter { evaluation.tasks[$0].light != .green }
        try db.insertRows(table: "taskLight", columns: ["runId", "taskId", "light", "status"], count: slow.count) {
            index, values in
            let task = evaluation.tasks[slow[index]]
            values.append(.integer(runId))
            values.append(.text(task.id))
            values.append(.text(task.light.rawValue))
            values.append(.text(task.status.rawValue))
        }
        var steps = ladder.decide(evaluation, history: history, previousLights: previous, on: evaluation.asOf)
        var records = steps.map { EscalationStepRecord($0, runId: runId) }
        try db.insertAll(&records)
        for index in steps.indices { steps[index].id = records[index].id }
        return steps
    }

    /// The places in the last bulletin before this run's.
    private func previousRanks(before runId: Int64) throws -> [String: Int] {
        guard
            let content = try db.value(
                String.self,
                "SELECT content FROM document WHERE kind = 'bulletin' AND runId < ? ORDER BY id DESC LIMIT 1",
                [runId])
        else { return [:] }
        let bulletin = try JSONDecoder().decode(MonthlyBulletin.self, from: Data(content.utf8))
        return Dictionary(bulletin.ranking.map { ($0.department, $0.rank) }, uniquingKeysWith: { first, _ in first })
    }

    private func previousAgendaSlow() throws -> [String] {
        guard
            let content = try db.value(
                String.self, "SELECT content FROM document WHERE kind = 'agenda' ORDER BY id DESC LIMIT 1")
        else { return [] }
        struct Slow: Decodable { var task: String }
        struct Agenda: Decodable { var slow: [Slow] }
        return (try? JSONDecoder().decode(Agenda.self, from: Data(content.utf8)))?.slow.map(\.task) ?? []
    }

    /// Queues what the run decided to send, keyed `job/period/department`.
    private func queue(_ runId: Int64, _ messages: [OutgoingMessage]) throws {
        var records = messages.map { outgoing in
            OutboxMessage(
                id: nil, runId: runId, idempotencyKey: "\(run.job.rawValue)/\(run.period)/\(outgoing.department)",
                departmentId: outgoing.department, kind: outgoing.kind, subject: outgoing.subject,
                body: outgoing.body.joined(separator: "\n"), state: .queued, createdAt: ranAt, facts: outgoing.facts)
        }
        try db.insertAll(&records)
    }

    private func store<T: Encodable>(_ runId: Int64, kind: String, _ content: T) throws {
        try store(runId, kind: kind, text: try StoredJSON.text(content))
    }

    /// A bulletin, written by its own JSON writer (the same text the encoder writes).
    private func store(_ runId: Int64, kind: String, _ bulletin: MonthlyBulletin) throws {
        try store(runId, kind: kind, text: String(decoding: try bulletin.json(), as: UTF8.self))
    }

    private func store(_ runId: Int64, kind: String, text: String) throws {
        var document = DocumentRecord(id: nil, runId: runId, kind: kind, period: run.period, content: text)
        try db.insert(&document)
    }

    private func title(_ id: String, _ evaluations: Evaluation...) -> String {
        for evaluation in evaluations {
            if let index = evaluation.graph.index[id] { return evaluation.graph.tasks[index].title }
        }
        return id
    }
}

extension AppDatabase {
    /// Every task's escalation steps, oldest first.
    static func history(_ db: any StoreConnection) throws -> [String: [EscalationStep]] {
        var history: [String: [EscalationStep]] = [:]
        try db.each(EscalationStepRecord.self, order: "id") { record in
            history[record.taskId, default: []].append(record.step)
        }
        return history
    }
}
