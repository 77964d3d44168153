import Testing

@testable import DubanCore

/// `DepartmentRanking` (晾晒): the score out of 100, the places and their tie-breaks.
///
/// Default weights: 40 × on-time rate + 40 × (1 − average lag ÷ 100) + max(0, 20 − 4 × overdue − 2 ×
/// escalations). The registry is `Fixture.departments`: safety-office (the office), emergency,
/// housing, xingren.
@Suite struct DepartmentRankingTests {
    typealias F = EvalFixture

    /// A hand-made evaluation of one milestone due 2024-06-30.
    private func task(
        _ id: String, _ lead: String, _ status: TaskStatus, lag: Double = 0, forecast: String? = nil,
        due: String = "2024-06-30"
    ) -> TaskEvaluation {
        TaskEvaluation(
            id: id, lead: lead, kind: .milestone, due: F.day(due), expected: 60, reported: 60 - lag, lag: lag,
            light: status == .overdue ? .red : .green, status: status, blockedBy: [], forecast: forecast.map(F.day),
            slackDays: 0, missedOccurrences: [])
    }

    private func rank(
        _ tasks: [TaskEvaluation], escalations: [String: Int] = [:], previous: [String: Int] = [:],
        weights: DepartmentRanking.Weights = .init()
    ) -> DepartmentRanking {
        DepartmentRanking(
            evaluation: Evaluation(asOf: F.day("2024-08-01"), tasks: tasks, graph: TaskGraph(tasks: [])),
            registry: Fixture.departments, escalations: escalations, previousRanks: previous, office: "safety-office",
            weights: weights)
    }

    /// - emergency: e1 done 06-20 (on time), e2 done 07-05 (late), e3 overdue lag 40, e4 lag 12.5;
    ///   3 escalations. Rate 1/3, lag 52.5 / 4 = 13.125, discipline 20 − 4 − 6 = 10:
    ///   13.333 + 34.75 + 10 = 58.08.
    /// - housing: lags 35 and 15, none decided (rate 1), no escalations: 40 + 40 × 0.75 + 20 = 90.
    /// - xingren: three overdue (lags 80, 100, 60) and one done with no day (on time); 5 escalations.
    ///   Rate 1/4, lag 60, discipline 20 − 12 − 10 < 0 → 0: 10 + 16 + 0 = 26.
    private var scenario: [TaskEvaluation] {
        [
            task("e1", "emergency", .done, forecast: "2024-06-20"),
            task("e2", "emergency", .done, forecast: "2024-07-05"),
            task("e3", "emergency", .overdue, lag: 40),
            task("e4", "emergency", .onTrack, lag: 12.5),
            task("h1", "housing", .late, lag: 35),
            task("h2", "housing", .atRisk, lag: 15),
            task("x1", "xingren", .overdue, lag: 80),
            task("x2", "xingren", .overdue, lag: 100),
            task("x3", "xingren", .overdue, lag: 60),
            task("x4", "xingren", .done),
        ]
    }

    private let received = ["emergency": 3, "xingren": 5]

    @Test func scoresByHand() {
        let standings = rank(scenario, escalations: received).standings
        #expect(standings.map(\.department) == ["housing", "emergency", "xingren"])
        #expect(standings.map(\.rank) == [1, 2, 3])
        #expect(standings.map(\.score) == [90, 58.1, 26])
        #expect(standings.map(\.onTimeRate) == [100, 33.3, 25])
        #expect(standings.map(\.averageLag) == [25, 13.1, 60])
        #expect(standings.map(\.tasks) == [2, 4, 4])
        #expect(standings.map(\.overdue) == [0, 1, 3])
        #expect(standings.map(\.escalations) == [0, 3, 5])
        #expect(standings.map(\.name) == ["区住房和城乡建设局", "区应急管理局", "兴仁街道"])
    }

    @Test func aDoneTaskIsOnTimeOnlyWhenItsDayIsOnOrBeforeTheDueDay() {
        // Done on the due day, one day late, and with no day: 2 of 3 on time.
        let tasks = [
            task("a", "emergency", .done, forecast: "2024-06-30"),
            task("b", "emergency", .done, forecast: "2024-07-01"),
            task("c", "emergency", .done),
        ]
        let standing = rank(tasks).standings[0]
        #expect(standing.onTimeRate == 66.7)
        #expect(standing.score == 86.7)  // 40 × 2/3 + 40 + 20
    }

    @Test func onTimeFromTheEvaluator() throws {
        // Due 03-31: one reported done 03-20, one 04-05; as of 04-08 the rate is 1 of 2.
        let e = try F.evaluate(
            [
                F.milestone("early", start: "2024-01-01", due: "2024-03-31"),
                F.milestone("late", start: "2024-01-01", due: "2024-03-31"),
            ],
            progress: ["early": F.percent(100, on: "2024-03-20"), "late": F.percent(100, on: "2024-04-05")],
            asOf: "2024-04-08")
        #expect(e.tasks.map(\.status) == [.done, .done])
        let standings = DepartmentRanking(
            evaluation: e, registry: Fixture.departments, escalations: [:], previousRanks: [:], office: "safety-office"
        ).standings
        #expect(standings.map(\.department) == ["emergency"])
        #expect(standings[0].onTimeRate == 50)
        #expect(standings[0].score == 80)  // 20 + 40 + 20
    }

    @Test func noDoneOrOverdueTaskCountsAsFullyOnTime() {
        let standing = rank([task("a", "housing", .onTrack, lag: 5)]).standings[0]
        #expect(standing.onTimeRate == 100)
        #expect(standing.score == 98)  // 40 + 40 × 0.95 + 20
    }

    @Test func disciplineIsFlooredAtZero() {
        // 20 − 4 × 2 − 2 × 10 = −8 → 0; the other parts are not reduced by what is left over.
        let standing = rank(
            [task("a", "housing", .overdue), task("b", "housing", .overdue)], escalations: ["housing": 10]
        )
        .standings[0]
        #expect(standing.score == 40)  // 0 + 40 + 0
        // Exactly used up: 20 − 4 × 2 − 2 × 6 = 0.
        #expect(
            rank([task("a", "housing", .overdue), task("b", "housing", .overdue)], escalations: ["housing": 6])
                .standings[0].score == 40)
        #expect(
            rank([task("a", "housing", .overdue), task("b", "housing", .overdue)], escalations: ["housing": 5])
                .standings[0].score == 42)
    }

    @Test func progressIsNeverBelowZero() {
        let standing = rank([task("a", "housing", .late, lag: 130)]).standings[0]
        #expect(standing.averageLag == 130)
        #expect(standing.score == 60)  // 40 + 0 + 20
    }

    @Test func equalScoresGoToFewerOverdue() {
        // emergency: one overdue with no lag → 0 + 40 + 16 = 56; housing: lag 100, 2 escalations → 40 + 0 + 16 = 56.
        let standings = rank(
            [task("e", "emergency", .overdue), task("h", "housing", .late, lag: 100)], escalations: ["housing": 2]
        ).standings
        #expect(standings.map(\.score) == [56, 56])
        #expect(standings.map(\.department) == ["housing", "emergency"])
    }

    @Test func thenFewerEscalations() {
        // Both disciplines are used up (20 − 24 and 20 − 22): 40 + 40 + 0 = 80 each, no overdue.
        let standings = rank(
            [task("e", "emergency", .onTrack), task("h", "housing", .onTrack)],
            escalations: ["emergency": 12, "housing": 11]
        ).standings
        #expect(standings.map(\.score) == [80, 80])
        #expect(standings.map(\.department) == ["housing", "emergency"])
    }

    @Test func thenTheRegistryOrder() {
        // Tasks listed in the opposite order to the registry.
        let standings = rank([
            task("x", "xingren", .onTrack), task("h", "housing", .onTrack), task("e", "emergency", .onTrack),
        ]).standings
        #expect(standings.map(\.score) == [100, 100, 100])
        #expect(standings.map(\.department) == ["emergency", "housing", "xingren"])
        #expect(standings.map(\.rank) == [1, 2, 3])
    }

    @Test func scoreBeatsEveryTieBreak() {
        // housing has more overdue and escalations but a higher score.
        let standings = rank(
            [task("e", "emergency", .late, lag: 80), task("h1", "housing", .overdue), task("h2", "housing", .done)],
            escalations: ["housing": 1]
        ).standings
        // emergency: 40 + 8 + 20 = 68; housing: 20 + 40 + (20 − 4 − 2) = 74.
        #expect(standings.map(\.score) == [74, 68])
        #expect(standings.map(\.department) == ["housing", "emergency"])
    }

    @Test func theOfficeAndDepartmentsWithoutTasksAreNotRanked() {
        let standings = rank(
            [task("o", "safety-office", .overdue), task("h", "housing", .onTrack), task("g", "ghost", .onTrack)]
        ).standings
        #expect(standings.map(\.department) == ["housing"])
        #expect(standings[0].rank == 1)
        #expect(rank([]).standings.isEmpty)
    }

    @Test func changeFromLastMonth() {
        let standings = rank(scenario, escalations: received, previous: ["housing": 3, "emergency": 1, "ghost": 2])
            .standings
        #expect(standings.map(\.previousRank) == [3, 1, nil])
        #expect(standings.map(\.change) == [2, -1, nil])
        let same = rank(scenario, escalations: received, previous: ["housing": 1]).standings[0]
        #expect(same.change == 0)
    }

    @Test func customWeights() {
        let weights = DepartmentRanking.Weights(
            onTime: 50, progress: 30, discipline: 20, overduePenalty: 10, escalationPenalty: 5)
        let ranking = rank(scenario, escalations: received, weights: weights)
        #expect(ranking.weights == weights)
        // housing: 50 + 30 × 0.75 + 20 = 92.5.
        // emergency: 50 / 3 + 30 × 0.86875 + max(0, 20 − 10 − 15) = 16.667 + 26.0625 + 0 = 42.7.
        // xingren: 50 × 0.25 + 30 × 0.4 + 0 = 24.5.
        #expect(ranking.standings.map(\.department) == ["housing", "emergency", "xingren"])
        #expect(ranking.standings.map(\.score) == [92.5, 42.7, 24.5])
    }

    @Test func defaultWeights() {
        let weights = DepartmentRanking.Weights()
        #expect(
            [weights.onTime, weights.progress, weights.discipline, weights.overduePenalty, weights.escalationPenalty]
                == [40, 40, 20, 4, 2])
        #expect(rank([]).weights == weights)
    }
}
