import DubanCore
import Testing

@testable import DubanImport

/// The cells of a task list in the forms offices write them.
@Suite struct TaskSheetCellTests {
    @Test(arguments: [
        ("2025年6月底前", "2025年6月底前", "2025-06-30"),
        ("2024年底前", "2024年底前", "2024-12-31"),
        ("2025-06-30", "2025-06-30", "2025-06-30"),
        ("2025/6/30", "2025-06-30", "2025-06-30"),
        ("2025.6.30", "2025-06-30", "2025-06-30"),
        ("2025-6-30", "2025-06-30", "2025-06-30"),
        ("2025年6月30日", "2025年6月30日", "2025-06-30"),
        ("２０２５年６月底前", "２０２５年６月底前", "2025-06-30"),
        ("2025年6月底前完成", "2025年6月底前", "2025-06-30"),
        ("45838", "2025-06-30", "2025-06-30"),  // an Excel date serial
        ("2024至2026年", "2024至2026年", "2026-12-31"),
    ])
    func deadlines(_ cell: String, _ text: String, _ due: String) throws {
        let phrase = try TaskSheet.deadline(cell, planStart: nil)
        #expect(phrase.text == text)
        #expect(phrase.due == Day(due))
        // What is kept must read back the same in a plan file.
        #expect(try DeadlinePhrase.parse(phrase.text) == phrase)
    }

    @Test(arguments: ["明年年中", "下半年", "2025年13月底前", "持续推进", "12345"])
    func notDeadlines(_ cell: String) {
        #expect(throws: DeadlinePhraseError.self) { try TaskSheet.deadline(cell, planStart: nil) }
    }

    @Test func frequencies() {
        typealias F = TaskSheet.FrequencyCell
        #expect(TaskSheet.frequency("每季度") == F(every: .quarter))
        #expect(TaskSheet.frequency("每月至少2次") == F(every: .month, times: 2))
        #expect(TaskSheet.frequency("每年一次") == F(every: .year, times: 1))
        #expect(TaskSheet.frequency("每半年开展至少1次") == F(every: .halfYear, times: 1))
        #expect(TaskSheet.frequency("双月") == F(every: .twoMonths))
        #expect(
            TaskSheet.frequency("每季度至少1次（高危行业领域每月至少1次）")
                == F(every: .quarter, highRiskEvery: .month, times: 1))
        #expect(TaskSheet.frequency("每季度（高危行业领域每月）") == F(every: .quarter, highRiskEvery: .month))
        #expect(TaskSheet.frequency("2025年底前") == nil)
        #expect(TaskSheet.frequency("每季度（重点时段加密）") == nil)
    }

    @Test func theExportsPhrasesReadBack() {
        let obligation = Obligation(
            every: .halfYear, highRiskEvery: .quarter, start: Day("2025-01-01")!, end: Day("2025-12-31")!)
        #expect(TaskSheet.frequencyText(obligation) == "每半年（高危行业领域每季度）")
        #expect(
            TaskSheet.frequency(TaskSheet.frequencyText(obligation)) == .init(every: .halfYear, highRiskEvery: .quarter)
        )
        let dependencies = [Dependency(task: "a"), Dependency(task: "b", lagDays: 30)]
        #expect(TaskSheet.dependenciesText(dependencies) == "a、b（30天）")
        #expect(TaskSheet.dependencies("a、b（30天）").map { $0.map(\.task) } == ["a", "b"])
        #expect(TaskSheet.dependencies("a、b（30天）").map { $0.map(\.lagDays) } == [0, 30])
        #expect(TaskSheet.dependencies("a(三十天)") == nil)
        let threshold = Threshold(metric: "覆盖率", comparison: .atMost, value: 2.5, unit: "起")
        #expect(TaskSheet.thresholdText(threshold) == "≤2.5")
        #expect(TaskSheet.threshold("≤2.5")?.comparison == .atMost)
        #expect(TaskSheet.threshold("≤2.5")?.value == 2.5)
        #expect(TaskSheet.threshold("不低于90%")?.percent == true)
        #expect(TaskSheet.measureNumber("第26条") == 26)
        #expect(TaskSheet.measureNumber("26.") == 26)
        #expect(TaskSheet.measureNumber("二十六") == nil)
    }

    @Test func titlesNameTheirYears() {
        #expect(TaskSheet.years(in: "2025年度安全生产重点工作任务清单")! == (2025, 2025))
        #expect(TaskSheet.years(in: "2024—2026年任务清单")! == (2024, 2026))
        #expect(TaskSheet.years(in: "重点工作任务清单") == nil)
    }
}
