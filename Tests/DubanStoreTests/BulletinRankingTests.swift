import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// The monthly bulletin's ranking, stored with the dispatch, and the links chat digests carry.
@Suite struct BulletinRankingTests {
    let ranAt = SchedulerFixtures.loadedAt

    func bulletin(_ db: AppDatabase, _ period: String) throws -> MonthlyBulletin {
        let record = try #require(try db.documents(kind: "bulletin").first { $0.period == period })
        return try JSONDecoder().decode(MonthlyBulletin.self, from: Data(record.content.utf8))
    }

    @Test func eachDispatchRanksTheLeadingDepartmentsAndRemembersLastMonth() throws {
        let db = try SchedulerFixtures.climbedStore()
        let april = try bulletin(db, "2024-04")
        let may = try bulletin(db, "2024-05")
        // The office is not ranked; the subdistrict leads nothing, so it is not ranked either.
        #expect(Set(may.ranking.map(\.department)) == ["emergency", "fire"])
        #expect(may.ranking.map(\.rank) == [1, 2])
        #expect(may.weights == DepartmentRanking.Weights())
        #expect(may.ranking.allSatisfy { $0.score >= 0 && $0.score <= 100 })
        let aprilRanks = Dictionary(uniqueKeysWithValues: april.ranking.map { ($0.department, $0.rank) })
        #expect(may.ranking.allSatisfy { $0.previousRank == aprilRanks[$0.department] })
        #expect(try bulletin(db, "2024-02").ranking.allSatisfy { $0.previousRank == nil })

        // Escalations counted are the rungs approved or sent this year up to the dispatch day.
        let counted = try db.read { db in
            try db.rows(
                """
                SELECT departmentId, COUNT(*) AS n FROM escalationStep
                WHERE kind = 'rung' AND state IN ('approved', 'sent') AND date <= ? GROUP BY departmentId
                """, [may.asOf.description]
            ).reduce(into: [String: Int]()) { $0[try $1["departmentId"]] = try $1["n"] }
        }
        #expect(may.ranking.allSatisfy { $0.escalations == counted[$0.department, default: 0] })
        #expect(try db.escalationsReceived(through: may.asOf) == counted)
        // Per action, in the plan's order.
        #expect(may.actions.map(\.action) == ["a1", "a2"])
        #expect(may.actions.map(\.tasks) == [3, 1])
    }

    @Test func digestsCarryTheRankAndLinksWhenABaseURLIsSet() throws {
        var policy = Policy()
        policy.documents.baseURL = "https://duban.intranet"
        let linked = SchedulerContext(policy: policy, calendar: SchedulerFixtures.calendar)
        let db = try SchedulerFixtures.smallStore()
        for period in ["2024-02", "2024-03", "2024-04"] {
            _ = try db.run(SchedulerFixtures.due(.monthlyDispatch, period), context: linked, ranAt: ranAt)
        }
        _ = try db.run(SchedulerFixtures.due(.quarterlyAgenda, "2024Q1"), context: linked, ranAt: ranAt)
        let messages = try db.outbox()
        let digest = try #require(messages.last { $0.idempotencyKey == "monthly-dispatch/2024-04/emergency" })
        #expect(digest.body.contains("通报全文: https://duban.intranet/bulletins/2024-04.html"))
        #expect(digest.body.hasPrefix("本月通报: 得分 "))
        #expect(digest.body.contains("排名第 "))
        let letter = try #require(messages.first { $0.kind == .letter })
        let record = try #require(try db.letters().first)
        #expect(letter.body.hasSuffix("全文: https://duban.intranet/letters/2024-\(record.sequence).html"))
        let agenda = try #require(messages.first { $0.kind == .agenda })
        #expect(agenda.body.hasSuffix("议程全文: https://duban.intranet/agendas/2024Q1.html"))

        // Without a base URL nothing links anywhere.
        let plain = try SchedulerFixtures.climbedStore()
        #expect(try plain.outbox().allSatisfy { !$0.body.contains("http") })
    }
}
