import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// `run(_:)` writes one job run — its `jobRun` row, escalation steps, `taskLight` snapshot, outbox
/// messages and document — in one transaction, and a period that already ran is never run again.
@Suite struct JobRunTests {
    let context = SchedulerFixtures.context
    let ranAt = SchedulerFixtures.date("2024-05-06T09:00:30+08:00")

    /// The small store after the February to April dispatches, and May's outcome.
    func mayDispatch() throws -> (AppDatabase, JobOutcome) {
        let db = try SchedulerFixtures.smallStore()
        try SchedulerFixtures.dispatch(db, ["2024-02", "2024-03", "2024-04"])
        let outcome = try #require(
            try db.run(SchedulerFixtures.due(.monthlyDispatch, "2024-05"), context: context, ranAt: ranAt))
        return (db, outcome)
    }

    /// With the default policy the office's own t-monthly is reminded at each dispatch and gets no
    /// letter, while emergency's t-census climbs as before.
    @Test func theOfficesOwnTaskGetsRemindersOnlyByDefault() throws {
        let db = try SchedulerFixtures.smallStore()
        let defaults = SchedulerContext(policy: Policy(), calendar: SchedulerFixtures.calendar)
        var steps: [EscalationStep] = []
        for (period, day) in [("2024-04", "2024-04-07"), ("2024-05", "2024-05-06"), ("2024-06", "2024-06-05")] {
            let outcome = try #require(
                try db.run(
                    SchedulerFixtures.due(.monthlyDispatch, period), context: defaults,
                    ranAt: SchedulerFixtures.date("\(day)T09:00:30+08:00")))
            steps += outcome.steps
        }
        let monthly = steps.filter { $0.task == "t-monthly" }
        #expect(monthly.count == 3)
        #expect(
            monthly.allSatisfy {
                $0.rung == .reminder && $0.rule == EscalationRule.officeOwn && $0.department == "office"
            })
        #expect(steps.filter { $0.task == "t-census" }.map(\.rung).contains(.letter))
        #expect(try db.letters(year: 2024).allSatisfy { $0.departmentId != "office" })
    }

    @Test func dispatchCommitsItsRunStepsLightsMessagesAndBulletin() throws {
        let (db, outcome) = try mayDispatch()

        let record = try #require(try db.jobRuns().last)
        #expect(outcome.runId == record.id)
        #expect(record.job == "monthly-dispatch")
        #expect(record.period == "2024-05")
        #expect(record.dueAt == "2024-05-06 09:00")
        #expect(record.asOf == Fixtures.day("2024-05-06"))
        #expect(record.ranAt == ranAt)
        #expect(record.summary == "2 red, 0 yellow; 2 steps, 0 awaiting approval")
        #expect(outcome.summary == record.summary)

        // The ladder: t-census was red in April after a 函告, so 通报; t-monthly missed Q1, so 函告.
        #expect(
            outcome.steps.map { "\($0.task) \($0.rung.name) \($0.state.rawValue) \($0.rule)" } == [
                "t-census notice approved red-climb", "t-monthly letter approved red-climb",
            ])
        let ids = outcome.steps.compactMap(\.id)
        #expect(ids.count == 2)
        #expect(try db.steps(run: outcome.runId) == ids)
        #expect(try db.escalations().suffix(2) == outcome.steps)

        // The snapshot: every task that is not green, as evaluated on the dispatch day.
        let (evaluation, _) = try db.evaluate(asOf: Fixtures.day("2024-05-06"), lights: context.policy.lights)
        let expectedLights = Dictionary(
            uniqueKeysWithValues: evaluation.tasks.filter { $0.light != .green }.map {
                ($0.id, [$0.light.rawValue, $0.status.rawValue])
            })
        #expect(try db.lights(run: outcome.runId) == expectedLights)
        #expect(try db.lights(run: outcome.runId)["t-census"] == ["red", "late"])

        // The outbox: a digest per department concerned and a letter per approved 函告 or above.
        let messages = try db.outbox().filter { $0.runId == outcome.runId }
        #expect(outcome.queued == messages.count)
        #expect(
            messages.map(\.idempotencyKey) == [
                "monthly-dispatch/2024-05/office", "monthly-dispatch/2024-05/emergency", "step/\(ids[0])",
                "step/\(ids[1])",
            ])
        #expect(messages.map(\.kind) == [.dispatchDigest, .dispatchDigest, .letter, .letter])
        #expect(messages.map(\.departmentId) == ["office", "emergency", "emergency", "office"])
        #expect(messages.allSatisfy { $0.state == .queued && $0.createdAt == ranAt })
        // The letter is numbered (the 2024-04 dispatch issued 〔2024〕1号) and summarised for chat.
        #expect(messages[2].subject == "通报 安办函〔2024〕2号")
        #expect(messages[2].body.hasPrefix("区应急管理局：\n“摸底排查”（t-census）截止 2024-06-30"))
        #expect(try db.letter(step: ids[0])?.number == "安办函〔2024〕2号")
        #expect(messages[1].subject == "2024-05 月调度")
        #expect(messages[1].body.contains("- [red] t-census 摸底排查"))
        // The same, as data: what webhooks send beside the text.
        let census = try #require(messages[1].facts?.tasks.first { $0.task == "t-census" })
        #expect(messages[1].facts?.period == "2024-05")
        #expect(census.light == .red && census.department == "emergency" && census.due == Fixtures.day("2024-06-30"))
        #expect(messages[2].facts?.step?.letter == "安办函〔2024〕2号")
        #expect(messages[2].facts?.step?.id == ids[0] && messages[2].facts?.step?.rung == "notice")
        #expect(messages[2].facts?.tasks.map(\.task) == ["t-census"])
        #expect(messages[1].body.contains("本月督办:\n- 通报 (approved): t-census — red-climb"))

        // The bulletin, kept with its run.
        let documents = try db.documents().filter { $0.runId == outcome.runId }
        #expect(documents.map(\.kind) == ["bulletin"])
        #expect(documents.map(\.period) == ["2024-05"])
        let bulletin = try #require(
            try JSONSerialization.jsonObject(with: Data(documents[0].content.utf8)) as? [String: Any])
        #expect(bulletin["month"] as? String == "2024-05")
        #expect(bulletin["asOf"] as? String == "2024-05-06")
        #expect((bulletin["steps"] as? [[String: Any]])?.map { $0["task"] as? String } == ["t-census", "t-monthly"])
        #expect(try db.orphans() == 0)
    }

    @Test func sameRunTwiceDoesNothingTheSecondTime() throws {
        let (db, outcome) = try mayDispatch()
        let before = try SchedulerCounts(db)
        let outbox = try db.outbox()

        let again = try db.run(
            outcome.run, context: context, ranAt: SchedulerFixtures.date("2024-05-07T09:00:00+08:00"))
        #expect(again == nil)
        #expect(try SchedulerCounts(db) == before)
        #expect(try db.outbox() == outbox)

        // A tick over the same span finds nothing owed either.
        let owed = try db.tick(
            since: LocalTime(day: Fixtures.day("2024-05-06"), minute: 0), now: SchedulerFixtures.endOf("2024-05-06"),
            context: SchedulerFixtures.context(jobs: [.monthlyDispatch]), ranAt: ranAt)
        #expect(owed.isEmpty)
        #expect(try SchedulerCounts(db) == before)
    }

    @Test func aRunThatFailsHalfwayLeavesNoTrace() throws {
        let db = try SchedulerFixtures.smallStore()
        try SchedulerFixtures.dispatch(db, ["2024-02", "2024-03"])
        // A message already holding the key April's digest to emergency will take: the run gets as far as
        // its run row, lights, steps and bulletin, then fails on the outbox.
        try db.enqueue([
            OutboxMessage(
                id: nil, runId: nil, idempotencyKey: "monthly-dispatch/2024-04/emergency", departmentId: "emergency",
                kind: .test, subject: "blocker", body: "", state: .queued, createdAt: ranAt)
        ])
        let before = try SchedulerCounts(db)
        let runs = try db.jobRuns()
        let steps = try db.escalations()

        let april = SchedulerFixtures.due(.monthlyDispatch, "2024-04")
        #expect(throws: StoreError.self) { try db.run(april, context: context, ranAt: ranAt) }
        #expect(try SchedulerCounts(db) == before)
        #expect(try db.jobRuns() == runs)
        #expect(try db.escalations() == steps)

        // Without the blocker the same run goes through whole.
        _ = try db.write { db in try db.execute("DELETE FROM outbox WHERE kind = 'test'") }
        let outcome = try #require(try db.run(april, context: context, ranAt: ranAt))
        #expect(outcome.steps.count == 2)
        #expect(try db.documents().filter { $0.runId == outcome.runId }.count == 1)
        #expect(try db.outbox().filter { $0.runId == outcome.runId }.count == outcome.queued)
        #expect(try !db.lights(run: outcome.runId).isEmpty)
    }

    @Test func dailyRemindersQueueOneMessagePerDepartment() throws {
        let db = try SchedulerFixtures.smallStore()
        let outcome = try #require(
            try db.run(SchedulerFixtures.due(.dailyReminders, "2024-06-20"), context: context, ranAt: ranAt))
        #expect(outcome.summary == "2 reminders to 2 departments")
        #expect(outcome.steps.isEmpty)
        let messages = try db.outbox()
        #expect(
            messages.map(\.idempotencyKey) == [
                "daily-reminders/2024-06-20/emergency", "daily-reminders/2024-06-20/office",
            ])
        #expect(messages.map(\.kind) == [.reminders, .reminders])
        #expect(messages[0].subject == "到期提醒 2024-06-20")
        #expect(messages[0].body == "- t-census 摸底排查: 截止 2024-06-30，还有 7 个工作日")
        #expect(messages[0].facts?.tasks.map(\.workingDaysLeft) == [7])
        #expect(messages[0].facts?.tasks.map(\.due) == [Fixtures.day("2024-06-30")])
        #expect(try db.documents().isEmpty)
        #expect(try db.lights(run: outcome.runId).isEmpty)

        // A working day with nothing due records the run and queues nothing.
        let quiet = try #require(
            try db.run(SchedulerFixtures.due(.dailyReminders, "2024-06-21"), context: context, ranAt: ranAt))
        #expect(quiet.summary == "0 reminders to 0 departments")
        #expect(quiet.queued == 0)
        #expect(try db.jobRuns().map(\.period) == ["2024-06-20", "2024-06-21"])
    }

    @Test func agendaAndReviewStoreTheirDocumentAndMessages() throws {
        let db = try SchedulerFixtures.smallStore()
        let agenda = try #require(
            try db.run(SchedulerFixtures.due(.quarterlyAgenda, "2024Q1"), context: context, ranAt: ranAt))
        #expect(agenda.run.at.description == "2024-04-08 09:00")
        #expect(agenda.summary.hasPrefix("agenda for 2024-04-15: "))
        let review = try #require(
            try db.run(SchedulerFixtures.due(.yearlyReview, "2024"), context: context, ranAt: ranAt))
        #expect(review.run.at.description == "2024-12-20 09:00")
        #expect(review.summary == "yearly review of 3 departments")
        #expect(review.queued == 1)

        let messages = try db.outbox()
        #expect(messages.filter { $0.runId == agenda.runId }.count == agenda.queued)
        #expect(
            messages.filter { $0.runId == agenda.runId }.map(\.idempotencyKey).first == "quarterly-agenda/2024Q1/office"
        )
        #expect(
            messages.filter { $0.runId == agenda.runId }.allSatisfy {
                $0.kind == .agenda && $0.subject == "2024Q1 季度会商研判 2024-04-15"
                    && $0.idempotencyKey == "quarterly-agenda/2024Q1/\($0.departmentId)"
            })
        #expect(
            messages.filter { $0.runId == review.runId }.map(\.idempotencyKey) == ["yearly-review/2024/office"])
        #expect(
            try db.documents().map { "\($0.runId) \($0.kind) \($0.period)" } == [
                "\(agenda.runId) agenda 2024Q1", "\(review.runId) review 2024",
            ])
        #expect(try db.escalations().isEmpty)
    }

    /// A whole year of every job on the small plan: each row a run writes names its run, every key
    /// is unique and says what it is.
    @Test func everyRowOfAYearNamesItsRunAndEveryKeyIsUnique() throws {
        let db = try SchedulerFixtures.smallStore()
        let outcomes = try db.tick(
            since: SchedulerFixtures.since, now: SchedulerFixtures.endOf("2024-12-31"), context: context, ranAt: ranAt)
        let runs = try db.jobRuns()
        #expect(runs.count == outcomes.count)
        #expect(runs.map(\.id) == outcomes.map(\.runId))
        let byId = Dictionary(uniqueKeysWithValues: runs.map { ($0.id!, $0) })
        let steps = Dictionary(uniqueKeysWithValues: try db.escalations().map { ($0.id!, $0) })

        let messages = try db.outbox()
        #expect(Set(messages.map(\.idempotencyKey)).count == messages.count)
        for message in messages {
            let run = try #require(message.runId.flatMap { byId[$0] }, "\(message.idempotencyKey)")
            if message.kind == .letter {
                let id = try #require(
                    Int64(message.idempotencyKey.dropFirst("step/".count)), "\(message.idempotencyKey)")
                let step = try #require(steps[id])
                #expect(message.idempotencyKey == "step/\(id)")
                #expect(step.rung >= .letter && step.state == .approved && step.department == message.departmentId)
                #expect(run.job == "monthly-dispatch")
            } else {
                #expect(message.idempotencyKey == "\(run.job)/\(run.period)/\(message.departmentId)")
            }
        }
        #expect(
            Dictionary(grouping: messages, by: \.runId).mapValues(\.count)
                == Dictionary(
                    uniqueKeysWithValues: outcomes.filter { $0.queued > 0 }.map { (Optional($0.runId), $0.queued) }))

        let kinds = ["monthly-dispatch": "bulletin", "quarterly-agenda": "agenda", "yearly-review": "review"]
        let documents = try db.documents()
        #expect(documents.count == runs.filter { $0.job != "daily-reminders" }.count)
        for document in documents {
            let run = try #require(byId[document.runId])
            #expect(kinds[run.job] == document.kind)
            #expect(run.period == document.period)
        }
        let lit = try db.read { db in Set(try db.values(Int64.self, "SELECT DISTINCT runId FROM taskLight")) }
        #expect(lit.allSatisfy { byId[$0]?.job == "monthly-dispatch" })
        #expect(try db.orphans() == 0)
    }
}
