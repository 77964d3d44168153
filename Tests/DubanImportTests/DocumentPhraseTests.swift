import DubanCore
import Foundation
import Testing

@testable import DubanImport

/// Each way plan documents write dates, duties and targets, as the importer drafts it.
@Suite struct DocumentPhraseTests {
    static let period = Day("2024-01-01")!...Day("2026-12-31")!

    static func draft(_ text: String) throws -> DocumentDraft {
        try DocumentImporter.draft(text, options: .init(file: "doc.txt", period: period))
    }

    /// A sentence and the one task it should give: kind, start, due and the duty or target.
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: TaskKind
        var start: String?
        var due: String
        var detail: String = ""
        var testDescription: String { text }
    }

    static let single: [Case] = [
        Case(text: "2025年6月底前,完成底数摸排。", kind: .milestone, due: "2025-06-30"),
        Case(text: "２０２５年６月底前，完成底数摸排。", kind: .milestone, due: "2025-06-30"),
        Case(text: "  2025 年 6 月 底前 ,  完成 底数摸排 。", kind: .milestone, due: "2025-06-30"),
        Case(text: "2024年9月30日前,编制完成应急工作手册。", kind: .milestone, due: "2024-09-30"),
        Case(text: "2024年10月底以前,全面完成危化品企业人员培训任务。", kind: .target, due: "2024-10-31", detail: "≥100%"),
        Case(text: "2025年第三季度,开展一轮专项检查。", kind: .milestone, start: "2025-07-01", due: "2025-09-30"),
        Case(text: "2024年上半年,建立工作台账。", kind: .milestone, start: "2024-01-01", due: "2024-06-30"),
        Case(text: "2024年底前,建立统计分析机制。", kind: .milestone, due: "2024-12-31"),
        Case(text: "2024年年底前,建立统计分析机制。", kind: .milestone, due: "2024-12-31"),
        Case(text: "截至2025年6月30日之前,完成整改。", kind: .milestone, due: "2025-06-30"),
        Case(text: "2024年-2026年,持续推进示范创建。", kind: .milestone, start: "2024-01-01", due: "2026-12-31"),
        Case(text: "2026年依托监管平台构建全链条监管机制。", kind: .milestone, start: "2026-01-01", due: "2026-12-31"),
        Case(text: "自2024年3月起,各培训机构要将隐患排查要求作为考核内容。", kind: .milestone, start: "2024-03-01", due: "2026-12-31"),
        Case(text: "2025至2026年,组织专家分行业开展预案评比。", kind: .milestone, start: "2025-01-01", due: "2026-12-31"),
        Case(text: "2024—2026年,组织专家开展评比。", kind: .milestone, start: "2024-01-01", due: "2026-12-31"),
        Case(text: "三年内,对执法人员分类分级开展集中培训。", kind: .milestone, start: "2024-01-01", due: "2026-12-31"),
        Case(text: "2024至2026年,培育新建1至2支社会救援队伍。", kind: .target, start: "2024-01-01", due: "2026-12-31", detail: "≥1支"),
        Case(text: "2024年,创建培育不少于3家示范企业。", kind: .target, start: "2024-01-01", due: "2024-12-31", detail: "≥3家"),
        Case(text: "2024年底前,完成三年培训任务的60%。", kind: .target, due: "2024-12-31", detail: "≥60%"),
        Case(text: "2024年,企业“四不”演练占比达到40%。", kind: .target, start: "2024-01-01", due: "2024-12-31", detail: "≥40%"),
        Case(text: "2025年底前,事故起数控制在5%以内。", kind: .target, due: "2025-12-31", detail: "≤5%"),
        Case(text: "2024年底前,涉粉企业全部接入监测预警系统。", kind: .target, due: "2024-12-31", detail: "≥100%"),
        Case(text: "确保所有生产经营单位全覆盖。", kind: .target, due: "2026-12-31", detail: "≥100%"),
        Case(
            text: "主要负责人要每季度带队至少开展1次检查(高危行业领域每月至少1次)。", kind: .obligation, start: "2024-01-01", due: "2026-12-31",
            detail: "quarter/month×1"),
        Case(
            text: "主要负责人要每季度带队至少开展1次检查（高危行业领域每月至少1次）。", kind: .obligation, start: "2024-01-01", due: "2026-12-31",
            detail: "quarter/month×1"),
        Case(
            text: "督促企业每半年至少开展2次疏散演练。", kind: .obligation, start: "2024-01-01", due: "2026-12-31", detail: "half-year×2"
        ),
        Case(text: "每年进行一次一致性评估。", kind: .obligation, start: "2024-01-01", due: "2026-12-31", detail: "year×1"),
        Case(
            text: "充分发挥双月教育警示活动的作用。", kind: .obligation, start: "2024-01-01", due: "2026-12-31", detail: "two-months×1"),
        Case(text: "把企业预案管理纳入年度执法计划。", kind: .obligation, start: "2024-01-01", due: "2026-12-31", detail: "year×1"),
        Case(text: "2025年,每月开展一次夜查。", kind: .obligation, start: "2025-01-01", due: "2025-12-31", detail: "month×1"),
        // Spans of months and days: one task from the first day to the last, never the whole year.
        Case(text: "2025年1-6月,开展专项检查。", kind: .milestone, start: "2025-01-01", due: "2025-06-30"),
        Case(text: "2025年6月至9月,开展汛期巡查。", kind: .milestone, start: "2025-06-01", due: "2025-09-30"),
        Case(text: "2025年10月—12月,开展冬季攻势。", kind: .milestone, start: "2025-10-01", due: "2025-12-31"),
        Case(text: "2025年6月至2026年3月,开展整治。", kind: .milestone, start: "2025-06-01", due: "2026-03-31"),
        Case(text: "2025年6月15日至2025年7月15日开展集中整治。", kind: .milestone, start: "2025-06-15", due: "2025-07-15"),
        Case(text: "2025年6月15日-30日,开展集中整治。", kind: .milestone, start: "2025-06-15", due: "2025-06-30"),
        // 上旬, 中旬 and 下旬 end on the 10th, the 20th and the month's end.
        Case(text: "2025年6月上旬完成自查。", kind: .milestone, due: "2025-06-10"),
        Case(text: "2025年11月中旬前完成督查。", kind: .milestone, due: "2025-11-20"),
        Case(text: "2025年6月中下旬完成验收。", kind: .milestone, due: "2025-06-30"),
        // "2025年度" with no noun after it is the year.
        Case(text: "2025年度,完成体系建设。", kind: .milestone, start: "2025-01-01", due: "2025-12-31"),
        // A comparison's base year is not a second deadline that cuts the clause.
        Case(text: "2026年死亡人数比2025年减少。", kind: .milestone, start: "2026-01-01", due: "2026-12-31"),
        // A rate with no verb, and a count not to exceed.
        Case(text: "重大隐患整改率100%。", kind: .target, due: "2026-12-31", detail: "≥100%"),
        Case(text: "死亡人数控制在5人以内。", kind: .target, due: "2026-12-31", detail: "≤5人"),
        Case(text: "2025年10月底前,事故起数不超过3起。", kind: .target, due: "2025-10-31", detail: "≤3起"),
        Case(text: "2025年底前,产品不合格率不超过5%。", kind: .target, due: "2025-12-31", detail: "≤5%"),
    ]

    static func detail(_ schedule: Schedule) -> String {
        switch schedule {
        case .milestone: return ""
        case .obligation(let o):
            return o.every.rawValue + (o.highRiskEvery.map { "/\($0.rawValue)" } ?? "") + "×\(o.times)"
        case .target(_, _, let t): return (t.comparison == .atLeast ? "≥" : "≤") + t.value.plainText + t.unit
        }
    }

    @Test(arguments: single) func oneSentenceGivesOneTask(_ c: Case) throws {
        let draft = try Self.draft(c.text)
        try #require(draft.plan.tasks.count == 1, "\(draft.plan.tasks.map(\.title))")
        let task = draft.plan.tasks[0]
        #expect(task.kind == c.kind)
        #expect(task.schedule.start?.description == c.start)
        #expect(task.schedule.due.description == c.due)
        #expect(Self.detail(task.schedule) == c.detail)
        #expect(task.lead == "TODO")
        #expect(draft.notes[task.id]?.line == 1)
        #expect(draft.unread.isEmpty, "\(draft.unread)")
    }

    @Test func yearlyStagesBecomeOneTaskEachChainedInOrder() throws {
        let draft = try Self.draft(
            "1.组织培训。2024年,重点开展有限空间培训;2025年,重点开展金属冶炼培训;2026年,重点开展粉尘涉爆培训。")
        let tasks = draft.plan.tasks
        #expect(tasks.map(\.schedule.due.description) == ["2024-12-31", "2025-12-31", "2026-12-31"])
        #expect(tasks.map(\.title) == ["重点开展有限空间培训", "重点开展金属冶炼培训", "重点开展粉尘涉爆培训"])
        #expect(tasks.map { $0.dependsOn.map(\.task) } == [[], [tasks[0].id], [tasks[1].id]])
        #expect(
            tasks.map(\.source) == [
                "2024年,重点开展有限空间培训", "2025年,重点开展金属冶炼培训", "2026年,重点开展粉尘涉爆培训",
            ])
        #expect(tasks.allSatisfy { $0.measure == 1 })
    }

    @Test func yearEndStagesChainButDifferentFormsDoNot() throws {
        let draft = try Self.draft("2024年底前,建立机制。2025年底前,健全体系。2025年6月底前,组建骨干库。")
        let tasks = draft.plan.tasks
        #expect(tasks[1].dependsOn.map(\.task) == [tasks[0].id])
        #expect(tasks[2].dependsOn.isEmpty)
    }

    @Test func yearsJoinedByACommaShareTheirWork() throws {
        let draft = try Self.draft("2024年继续开展集中整治,同步抓好建章立制,2025年、2026年常态化推进,健全长效机制。")
        #expect(draft.plan.tasks.map(\.schedule.due.description) == ["2024-12-31", "2025-12-31", "2026-12-31"])
        #expect(draft.plan.tasks[1].title == "常态化推进,健全长效机制")
        #expect(draft.plan.tasks[2].title == draft.plan.tasks[1].title)
    }

    @Test func severalCoverageTargetsInOneClauseAreSplitAndALaterPercentKeepsItsMetric() throws {
        var draft = try Self.draft("2025年底前,基本实现城镇消防供水全覆盖、自建房整治全覆盖。")
        #expect(draft.plan.tasks.map(\.title) == ["基本实现城镇消防供水全覆盖", "自建房整治全覆盖"])
        draft = try Self.draft("2024年,企业演练占比达到40%;2025年,占比达到60%。")
        let metrics = draft.plan.tasks.compactMap { task -> String? in
            if case .target(_, _, let t) = task.schedule { return t.metric }
            return nil
        }
        #expect(metrics == ["企业演练占比", "企业演练占比"])
    }

    @Test func anOutcomeSentenceAfterADeadlineSharesItButANewInstructionDoesNot() throws {
        let draft = try Self.draft("2025年底前,实现监测预警全覆盖。基本建成火灾防控体系。加大资金投入,按时开展工程建设。")
        #expect(draft.plan.tasks.map(\.title) == ["实现监测预警全覆盖", "基本建成火灾防控体系"])
        #expect(draft.plan.tasks.allSatisfy { $0.schedule.due.description == "2025-12-31" })
    }

    @Test func continuingEffortAlongsideATargetMakesNoMilestone() throws {
        let draft = try Self.draft("2026年底前,管控能力显著增强,重点企业全量纳入监测范围,持续推动提质增效。")
        #expect(draft.plan.tasks.map(\.kind) == [.target])
    }

    @Test func namedYearlyCampaignsAndMonthlyRoutinesAreDuties() throws {
        let draft = try Self.draft("持续开展安全生产月、防灾减灾周、119消防宣传月等活动。实行“月调度、月通报”,并每季度组织开展会商研判。")
        #expect(
            draft.plan.tasks.map(\.title) == [
                "开展安全生产月活动", "开展防灾减灾周活动", "开展119消防宣传月活动", "月调度", "月通报", "每季度组织开展会商研判",
            ])
        #expect(
            draft.plan.tasks.map { Self.detail($0.schedule) } == [
                "year×1", "year×1", "year×1", "month×1", "month×1", "quarter×1",
            ])
    }

    @Test func unreadablePhrasesAreReportedWithTheirLineAndMakeNoTask() throws {
        let draft = try Self.draft("一、任务\n2025年13月底前,完成清理。\n6月底前完成台账。\n每周开展巡查。\n定期开展检查。")
        #expect(draft.plan.tasks.isEmpty)
        #expect(draft.unread.map(\.line) == [2, 3, 4, 5])
        #expect(draft.unread.map(\.phrase) == ["2025年13月底前", "6月底前", "每周", "定期"])
        let chinese = try Self.draft("二〇二五年六月底前,完成清理。")
        #expect(chinese.plan.tasks.isEmpty)
        #expect(chinese.unread.map(\.phrase) == ["二〇二五年"])
        #expect(draft.unread[0].reason.contains("month 13 does not exist"))
        #expect(draft.summary.contains("line 2: “2025年13月底前”"))
    }

    @Test func titlesAndEarlierYearsAreReferencesNotDeadlines() throws {
        let draft = try Self.draft(
            "贯彻《枣庄市实施方案(2024-2026年)》,制定本方案(2024—2026年)。在2023年工作基础上,2024年底前完成整治。")
        #expect(draft.plan.tasks.map(\.schedule.due.description) == ["2024-12-31"])
        #expect(draft.references.map(\.reason.isEmpty) == [false, false, false])
        #expect(draft.references.map(\.phrase) == ["2024-2026年", "2024-2026年", "2023年"])
    }

    @Test func headingsGiveActionsAndMeasuresInFullAndHalfWidth() throws {
        let text = """
            某区安全生产三年行动方案(2024—2026年)
            一、总体要求
            2024年底前基本消除隐患存量。
            二、重点任务
            （一）开展培训行动。
            １．组织专题培训。2024年,开展集中培训。
            (二)开展执法行动。
            2. 精准执法。2025年6月底前,组建骨干库。
            三、保障措施
            （一）加强组织领导。区安委会办公室每季度组织会商。
            """
        let draft = try DocumentImporter.draft(text, options: .init(file: "doc.txt"))
        #expect(draft.plan.title == "某区安全生产三年行动方案(2024—2026年)")
        #expect(draft.plan.start.description == "2024-01-01" && draft.plan.end.description == "2026-12-31")
        #expect(draft.plan.actions.map(\.id) == ["s1", "a1", "a2", "s3"])
        #expect(draft.plan.actions.map(\.title) == ["总体要求", "开展培训行动", "开展执法行动", "保障措施"])
        #expect(draft.plan.measures.map(\.number) == [1, 2])
        #expect(draft.plan.measures.map(\.title) == ["组织专题培训", "精准执法"])
        #expect(draft.plan.tasks.map(\.id) == ["s1-2024", "m01-2024", "m02-2025", "s3-quarter"])
        #expect(draft.plan.tasks.map(\.action) == ["s1", "a1", "a2", "s3"])
        #expect(draft.notes["s3-quarter"]?.hints == ["区安委会办公室"])
    }

    @Test(arguments: ["三、保障措施", "三．保障措施", "三.保障措施", "三. 保障措施"])
    func partHeadingsTakeAnIdeographicCommaOrAFullStop(_ heading: String) throws {
        let draft = try Self.draft("一、总体要求\n2024年底前基本消除隐患存量。\n\(heading)\n区安委会办公室每季度组织会商。")
        #expect(draft.plan.actions.map(\.title) == ["总体要求", "保障措施"])
        #expect(draft.plan.tasks.map(\.action) == ["s1", "s3"])
    }

    @Test func aDocumentWithoutHeadingsStillYieldsTasks() throws {
        let draft = try DocumentImporter.draft(
            "各街道要2025年底前完成摸排。\n区有关部门每年至少组织1次演练。",
            options: .init(file: "doc.txt"))
        #expect(draft.plan.actions.map(\.id) == ["general"])
        #expect(draft.plan.tasks.count == 2)
        #expect(draft.plan.start.description == "2025-01-01" && draft.plan.end.description == "2025-12-31")
        #expect(Set(draft.notes.values.flatMap(\.hints)) == ["各街道", "区有关部门"])
    }

    @Test func gb18030TextDraftsTheSameAsUTF8() throws {
        let text = "一、任务\n（一）开展行动。\n1．健全机制。２０２５年６月底前，组建区级执法骨干库；每季度至少开展1次检查（高危行业领域每月至少1次）。\n"
        let gb = try #require(text.data(using: DocumentDecoding.gb18030))
        #expect(String(validating: gb, as: UTF8.self) == nil, "the bytes must not also be valid UTF-8")
        let decoded = try #require(DocumentDecoding.text(gb))
        let fromGB = try Self.draft(decoded)
        let fromUTF8 = try Self.draft(text)
        #expect(fromGB.plan == fromUTF8.plan)
        #expect(fromGB.plan.tasks.map(\.kind) == [.milestone, .obligation])
        #expect(DocumentDecoding.text(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)) == text)
    }

    @Test func aDocumentWithNoPeriodAndNoDatesIsRefused() {
        #expect(throws: DocumentImportError.self) {
            try DocumentImporter.draft("各街道要加强组织领导。", options: .init(file: "doc.txt"))
        }
    }

    @Test func leadHintsNameRegistryDepartmentsByNameOrAlias() throws {
        let registry = [
            Department(id: "emergency", name: "区应急管理局", kind: .department, aliases: ["应急局"]),
            Department(id: "xingren", name: "兴仁街道", kind: .subdistrict),
        ]
        let draft = try DocumentImporter.draft(
            "2025年底前,应急局会同兴仁街道完成摸排。", options: .init(file: "doc.txt", period: Self.period, departments: registry))
        let task = try #require(draft.plan.tasks.first)
        #expect(draft.notes[task.id]?.hints == ["emergency (区应急管理局)", "xingren (兴仁街道)"])
        #expect(draft.yaml().contains("# line 1; lead hints: emergency (区应急管理局), xingren (兴仁街道)"))
    }

    /// Every phrase of a long line is a task at its own place (how long it takes is measured by
    /// `duban bench draft`, BENCHMARKS.md).
    @Test func everyPhraseOfALongLineIsATask() throws {
        let line = String(repeating: "2025年6月底前完成排查,", count: 3000)
        let draft = try Self.draft("标题\n" + line)
        #expect(draft.plan.tasks.count == 3000)
        #expect(draft.plan.tasks.allSatisfy { $0.schedule.due == Day("2025-06-30") && $0.title == "完成排查" })
        #expect(Set(draft.plan.tasks.map(\.id)).count == 3000)
    }
}
