import DubanCore
import Testing

@testable import DubanPlans

/// The shipped plan says what the seed document says: every task quotes it verbatim, every dated
/// phrase, recurring duty and percentage of the document is a task with the document's own dates.
@Suite struct SeedPlanFidelityTests {
    @Test func shippedPlanValidatesWithoutErrorsOrWarnings() throws {
        let plan = try SeedPlan.load()
        #expect(plan.issues.isEmpty, "\(plan.issues)")
        #expect(plan.set.plans.map(\.id) == ["zaozhuang-gaoxin-2024-2026"])
        #expect(plan.set.plans.first?.start == SeedPlan.planStart)
        #expect(plan.set.plans.first?.end == Day(year: 2026, month: 12, day: 31))
        #expect(plan.tasks.count > 80)
    }

    @Test func everySourceIsVerbatimInTheSeed() throws {
        let plan = try SeedPlan.load()
        let missing = plan.tasks.filter { task in task.source.map { !plan.seed.contains($0) } ?? true }
        #expect(missing.map(\.id) == [], "sources not found verbatim (or absent)")
    }

    @Test func everyDatedPhraseIsCoveredByATask() throws {
        let plan = try SeedPlan.load()
        let phrases = try plan.datedPhrases()
        let uncovered = phrases.filter { plan.covering($0.range).isEmpty }
        print("dated phrases: \(phrases.count), covered: \(phrases.count - uncovered.count)")
        #expect(phrases.count == 56)
        #expect(uncovered.map(\.description) == [])
    }

    @Test func everyDatedPhraseHasATaskWithItsOwnDate() throws {
        let plan = try SeedPlan.load()
        var mismatches: [String] = []
        for phrase in try plan.datedPhrases() {
            let covering = plan.covering(phrase.range)
            if covering.isEmpty { continue }  // reported by everyDatedPhraseIsCoveredByATask
            switch phrase.meaning {
            case .due(let due) where !covering.contains(where: { $0.schedule.due == due }):
                mismatches.append(
                    "\(phrase) is due \(due); tasks: "
                        + covering.map { "\($0.id) due \($0.schedule.due)" }.joined(separator: ", "))
            case .start(let start) where !covering.contains(where: { $0.schedule.start == start }):
                mismatches.append(
                    "\(phrase) starts \(start); tasks: "
                        + covering.map { "\($0.id) starts \($0.schedule.start?.description ?? "-")" }.joined(
                            separator: ", "))
            default:
                break
            }
        }
        #expect(mismatches == [])
    }

    @Test func everyRecurringPhraseIsAnObligation() throws {
        let plan = try SeedPlan.load()
        let recurring = try plan.matches("每月|每季度|每半年|每年|双月")
        let uncovered = recurring.filter { match in !plan.covering(match.range).contains { $0.kind == .obligation } }
        print("recurring phrases: \(recurring.count), in an obligation: \(recurring.count - uncovered.count)")
        #expect(recurring.count == 12)
        #expect(uncovered.map { "“\($0.text)” (line \(plan.line(of: $0.range.lowerBound)))" } == [])
    }

    @Test func highRiskSectorsAreCheckedMonthlyOthersQuarterly() throws {
        let plan = try SeedPlan.load()
        let duty = try #require(plan.task(sourceContaining: "(高危行业领域每月至少1次)"))
        guard case .obligation(let obligation) = duty.schedule else {
            Issue.record("\(duty.id) is a \(duty.kind), not an obligation")
            return
        }
        #expect(obligation.every == .quarter)
        #expect(obligation.highRiskEvery == .month)
        #expect(obligation.times == 1)
    }

    @Test func everyPercentageIsATargetValue() throws {
        let plan = try SeedPlan.load()
        let percentages = try plan.matches(#"\d+%"#)
        let unmatched = percentages.filter { match in
            let value = Double(match.text.dropLast())
            return !plan.covering(match.range).contains { task in
                guard case .target(_, _, let threshold) = task.schedule else { return false }
                return threshold.unit == "%" && threshold.value == value
            }
        }
        #expect(percentages.map(\.text) == ["60%", "40%", "60%"])
        #expect(unmatched.map(\.text) == [])
    }

    /// (text in the task's source, which date, expected date).
    static let keyDates: [(String, String, String)] = [
        ("组建区级执法骨干库", "due", "2025-06-30"),
        ("基本掌握建设工程消防设计审查验收违法违规项目底数", "due", "2025-06-30"),
        ("基本完成建设工程消防设计审查验收违法违规项目处置", "due", "2026-06-30"),
        ("全面完成危化品重点企业人员各项培训任务", "due", "2024-10-31"),
        ("编制完成区、街预案配套的应急工作手册或行动方案", "due", "2024-09-30"),
        ("对达不到新标准要求培训条件的一律暂停培训业务", "due", "2024-06-30"),
        ("自2024年3月起", "start", "2024-03-01"),
        ("三年内", "due", "2026-12-31"),
        ("开展一轮全覆盖摸底", "due", "2024-03-31"),
    ]

    @Test(arguments: keyDates)
    func keyDate(_ text: String, which: String, expected: String) throws {
        let plan = try SeedPlan.load()
        let task = try #require(plan.task(sourceContaining: text), "no single task quotes “\(text)”")
        let date = which == "start" ? task.schedule.start : task.schedule.due
        #expect(date?.description == expected, "\(task.id)")
    }

    @Test func confinedSpaceCensusIsDueEndOfMarch2024() throws {
        let plan = try SeedPlan.load()
        let task = try #require(plan.tasks.first { $0.id == "m26-2024-confined-space-census" })
        #expect(task.schedule.due == Day(year: 2024, month: 3, day: 31))
        #expect(task.kind == .milestone)
    }

    /// (text in the prerequisite's source, text in the dependent's source).
    static let chains: [(String, String)] = [
        ("2024年底前基本消除2023年及以前", "2025年底前有效遏制重大事故隐患增量"),
        ("2025年底前有效遏制重大事故隐患增量", "2026年底前形成重大事故隐患动态清零"),
        ("统筹建立安全生产专家库", "组建区级执法骨干库"),
        ("组建区级执法骨干库", "一体化安全生产专家信息库"),
        ("基本掌握建设工程消防设计审查验收违法违规项目底数", "基本完成建设工程消防设计审查验收违法违规项目处置"),
    ]

    @Test(arguments: chains)
    func dependencyTheTextImplies(_ prerequisiteText: String, dependentText: String) throws {
        let plan = try SeedPlan.load()
        let prerequisite = try #require(plan.task(sourceContaining: prerequisiteText))
        let dependent = try #require(plan.task(sourceContaining: dependentText))
        #expect(
            dependent.dependsOn.map(\.task).contains(prerequisite.id),
            "\(dependent.id) should depend on \(prerequisite.id)")
        #expect(prerequisite.schedule.due < dependent.schedule.due)
    }

    /// (text in the source, text in the title, frequency) of the office's own coordination duties.
    static let officeDuties: [(String, String, Frequency)] = [
        ("月调度、月通报", "调度", .month),
        ("月调度、月通报", "通报", .month),
        ("每季度组织开展会商研判", "会商研判", .quarter),
        ("年度行动计划", "年度行动计划", .year),
        ("每年进行一次一致性评估", "一致性评估", .year),
    ]

    @Test(arguments: officeDuties)
    func officeDuty(_ sourceText: String, titleText: String, every: Frequency) throws {
        let plan = try SeedPlan.load()
        let duties = plan.tasks.filter { task in
            guard case .obligation(let obligation) = task.schedule else { return false }
            return task.lead == "safety-office" && obligation.every == every
                && task.source?.contains(sourceText) == true && task.title.contains(titleText)
        }
        #expect(duties.count == 1, "\(duties.map(\.id))")
    }
}
