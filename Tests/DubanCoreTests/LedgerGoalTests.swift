import Testing

@testable import DubanCore

/// `LedgerGoal.compute`: each rule's percent, whether it is met, and the sentence that says how.
@Suite struct LedgerGoalTests {
    static let start = Day("2024-01-01")!

    static func counts(_ set: (inout LedgerCounts) -> Void) -> LedgerCounts {
        var counts = LedgerCounts()
        counts.ledger = 10
        set(&counts)
        return counts
    }

    @Test func anEmptyLedgerMeasuresNothing() {
        let goal = LedgerGoal(rule: .stockCleared, foundThrough: Day("2023-12-31")!)
        let computed = goal.compute(
            task: "g", counts: LedgerCounts(), start: Self.start, due: Day("2024-12-31")!, asOf: Day("2024-06-30")!)
        #expect(computed.percent == 0)
        #expect(!computed.met)
        #expect(computed.explanation.contains("尚无记录"))
    }

    @Test func theStockClearedIsTheShareClosed() {
        let goal = LedgerGoal(rule: .stockCleared, foundThrough: Day("2023-12-31")!)
        let computed = goal.compute(
            task: "g",
            counts: Self.counts {
                $0.stock = 8; $0.stockClosed = 6
            }, start: Self.start,
            due: Day("2024-12-31")!, asOf: Day("2024-06-30")!)
        #expect(computed.percent == 75)
        #expect(!computed.met)
        #expect(computed.explanation == "2023-12-31 前排查发现的重大事故隐患 8 项，截至 2024-06-30 已销号 6 项，销号率 75%")
    }

    @Test func anIncreaseIsNotMeasuredBeforeItsYearBegins() {
        let goal = LedgerGoal(rule: .increaseCurbed, year: 2025)
        let day = Day("2024-07-01")!
        let due = Day("2025-12-31")!
        let computed = goal.compute(
            task: "g", counts: Self.counts { $0.foundBeforeWholeYear = 3 }, start: Self.start, due: due, asOf: day)
        #expect(!computed.met)
        #expect(computed.percent == Evaluator.expected(start: Self.start, due: due, asOf: day), "on pace")
        #expect(computed.explanation.hasPrefix("2025年尚未开始"))
        #expect(computed.explanation.contains("2024年已录入 3 项"))
    }

    @Test(arguments: [
        (found: 2, before: 4, met: true), (found: 5, before: 4, met: false), (found: 0, before: 0, met: true),
    ])
    func anIncreaseIsCurbedWhenFewerAreFoundThanAYearBefore(found: Int, before: Int, met: Bool) {
        let goal = LedgerGoal(rule: .increaseCurbed, year: 2025)
        let due = Day("2025-12-31")!
        let computed = goal.compute(
            task: "g",
            counts: Self.counts {
                $0.found = found; $0.foundBefore = before
            }, start: Self.start, due: due,
            asOf: due)
        #expect(computed.met == met)
        #expect(computed.percent == (met ? 100 : 80), "at the due day: done, or the ratio 4/5")
        #expect(computed.explanation.contains(met ? "增量得到遏制" : "增量未得到遏制"))
    }

    @Test func dynamicZeroHoldsWhileNoListedHazardIsOverdue() {
        let goal = LedgerGoal(rule: .dynamicZero)
        let due = Day("2026-12-31")!
        let zero = goal.compute(
            task: "g", counts: Self.counts { $0.open = 3 }, start: Self.start, due: due, asOf: due)
        #expect(zero.met && zero.percent == 100)
        let late = goal.compute(
            task: "g",
            counts: Self.counts {
                $0.open = 4; $0.overdue = 1
            }, start: Self.start, due: due, asOf: due)
        #expect(!late.met && late.percent == 75)
        #expect(late.explanation.hasSuffix("其中逾期未整改 1 项：未实现动态清零"))
    }
}
