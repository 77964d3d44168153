import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// A listed hazard that is not rectified climbs the hazards' ladder at each monthly dispatch, as a
/// slow task climbs the tasks' ladder; rectified, it stops; waiting on something, it is blocked.
@Suite struct HazardLadderTests {
    typealias F = HazardFixtures

    /// A hazard found in January 2024, due at the end of March, listed on 15 January, with no work reported.
    private func listedStore() throws -> (AppDatabase, Hazard) {
        let db = try F.store()
        let hazard = try F.add(db, F.fields(serial: 1, found: "2024-01-10", deadline: "2024-03-31"))
        _ = try F.change(db, hazard.id, .list(level: .district, number: ""), "2024-01-15")
        return (db, hazard)
    }

    private func steps(_ outcomes: [JobOutcome], _ id: String) -> [String] {
        outcomes.flatMap { outcome in
            outcome.steps.filter { $0.task == id && $0.kind == .rung }.map {
                "\(outcome.run.period) \($0.rung.name) \($0.state.rawValue)"
            }
        }
    }

    @Test func anOverdueHazardClimbsMonthByMonth() throws {
        let (db, hazard) = try listedStore()
        let months = ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]
        let outcomes = try SchedulerFixtures.dispatch(db, months)
        // Red from March (61% expected, none reported), red again in April: a reminder, then one rung a
        // month (the 28-day cooldown), until 约谈 waits for the office's approval.
        #expect(
            steps(outcomes, hazard.id) == [
                "2024-04 reminder approved", "2024-05 letter approved", "2024-06 notice approved",
                "2024-07 summons proposed",
            ])
        let lights = try db.lights(run: outcomes[5].runId)
        #expect(lights[hazard.id]?.first == Light.red.rawValue)
        #expect(lights[hazard.id]?.last == TaskStatus.overdue.rawValue)
        // The letter and the notice were issued as documents, to the supervising department.
        let letters = try db.read { db in
            try db.rows("SELECT departmentId, content FROM letter WHERE taskId = ? ORDER BY id", [hazard.id]).map {
                (try $0["departmentId"] as String, try $0["content"] as String)
            }
        }
        #expect(letters.count == 2, "\(letters.map(\.0))")  // 函告 and 通报
        #expect(letters.allSatisfy { $0.0 == "emergency" && $0.1.contains("储罐") == false && $0.1.contains(hazard.id) })
        let digest = try db.read { db in
            try db.value(
                String.self, "SELECT body FROM outbox WHERE departmentId = 'emergency' AND body LIKE ? LIMIT 1",
                ["%挂牌督办重大事故隐患%"])
        }
        #expect(digest?.contains(hazard.id) == true)
    }

    /// Reported rectified is not enough: until the three-party check closes it (销号) the listed hazard
    /// is the supervising department's to finish, and it keeps climbing; closed, it stops.
    @Test func onlyTheCloseOutStopsTheClimb() throws {
        let (db, hazard) = try listedStore()
        let before = try SchedulerFixtures.dispatch(db, ["2024-02", "2024-03", "2024-04", "2024-05"])
        #expect(steps(before, hazard.id) == ["2024-04 reminder approved", "2024-05 letter approved"])
        _ = try F.change(db, hazard.id, .rectified, "2024-05-20")
        let rectified = try SchedulerFixtures.dispatch(db, ["2024-06"])
        #expect(steps(rectified, hazard.id) == ["2024-06 notice approved"])
        _ = try F.change(db, hazard.id, .verify(F.signOffs(Day("2024-06-10")!)), "2024-06-10")
        _ = try F.change(db, hazard.id, .close, "2024-06-12")
        let closed = try SchedulerFixtures.dispatch(db, ["2024-07", "2024-08"])
        #expect(steps(closed, hazard.id) == [])
        #expect(try db.lights(run: closed[0].runId)[hazard.id] == nil)  // green is not stored
        #expect(closed[0].steps.contains { $0.task == hazard.id && $0.rule == .recovered })
    }

    @Test func aHazardWaitingOnSomethingTheOfficeRecordsIsBlockedAndDoesNotClimb() throws {
        let (db, hazard) = try listedStore()
        _ = try F.change(db, hazard.id, .waiting("规划许可审批"), "2024-02-01")
        let outcomes = try SchedulerFixtures.dispatch(db, ["2024-02", "2024-03", "2024-04", "2024-05"])
        #expect(steps(outcomes, hazard.id) == [])
        let lights = try db.lights(run: outcomes[3].runId)
        #expect(lights[hazard.id]?.last == TaskStatus.blocked.rawValue)
    }
}
