import DubanCore
import Foundation
import Testing

@testable import DubanStore

@Suite struct JobRunTests {
    @Test func explore() throws {
        let db = try SchedulerFixtures.smallStore()
        let outs = try SchedulerFixtures.dispatch(db, ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"])
        for o in outs { print(o.run.period, o.summary, o.queued); for s in o.steps { print("  ", s.id!, s.kind, s.task, s.department, s.rung.chinese, s.state, s.rule) } }
        for m in try db.outbox() { print(m.id!, m.idempotencyKey, m.kind, m.runId as Any, m.subject) }
        print(try db.documents().map { "\($0.runId) \($0.kind) \($0.period)" })
        let r = try db.run(SchedulerFixtures.due(.quarterlyAgenda, "2024Q1"), context: SchedulerFixtures.context, ranAt: SchedulerFixtures.loadedAt)!
        print(r.summary, r.queued)
        let y = try db.run(SchedulerFixtures.due(.yearlyReview, "2024"), context: SchedulerFixtures.context, ranAt: SchedulerFixtures.loadedAt)!
        print(y.summary, y.queued, y.run.at)
        for m in try db.outbox().suffix(4) { print(m.id!, m.idempotencyKey, m.kind, m.runId as Any, m.subject, m.body) }
        for d in ["2024-01-22", "2024-05-17", "2024-06-20"] {
          let r = try db.run(SchedulerFixtures.due(.dailyReminders, d), context: SchedulerFixtures.context, ranAt: SchedulerFixtures.loadedAt)!
          print(r.summary, r.queued)
        }
        for m in try db.outbox().suffix(3) { print(m.id!, m.idempotencyKey, m.kind, m.runId as Any, m.subject, m.body) }
    }
}
