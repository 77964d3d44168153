import DubanCore
import Foundation
import Testing

@testable import DubanImport

/// What the importer reports instead of drafting: phrases it cannot date exactly ("not read") and
/// dates that name something rather than set work ("references"). A drafted deadline is never
/// later than the document's; when unsure, the importer reports.
@Suite struct DocumentNotReadTests {
    /// A sentence, the phrases reported for it, and how many tasks it still gives.
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var reported: [String]
        var tasks = 0
        var testDescription: String { text }
    }

    static let notRead: [Case] = [
        // Imprecise times: never the whole year.
        Case(text: "2025年初完成部署。", reported: ["2025年初"]),
        Case(text: "2025年年中前完成评估。", reported: ["2025年年中前"]),
        Case(text: "2025年春节前完成专项检查。", reported: ["2025年春节前"]),
        Case(text: "2025年6月初完成部署。", reported: ["2025年6月"]),
        Case(text: "2025年6月1日至年底开展整治。", reported: ["2025年6月1日", "年底"]),
        // No year at all.
        Case(text: "今年内完成燃气执法队伍建设。", reported: ["今年内"]),
        Case(text: "明年底前完成老旧管网改造。", reported: ["明年底前"]),
        Case(text: "年内完成执法人员轮训。", reported: ["年内"]),
        Case(text: "汛期前完成隐患排查。", reported: ["汛期前"]),
        Case(text: "三季度末前完成验收。", reported: ["三季度末前"]),
        // Weekly duties, also the high-risk ones and in a dated sentence; a high-risk count has no field.
        Case(text: "每月至少检查1次(高危企业每周至少1次)。", reported: ["每周"], tasks: 1),
        Case(text: "每季度至少开展1次检查(高危行业领域每月至少2次)。", reported: ["每月至少2次"], tasks: 1),
        Case(text: "2025年,每周开展巡查。", reported: ["每周"]),
    ]

    static let references: [Case] = [
        Case(text: "按照2025年版《安全生产检查标准》开展检查。", reported: ["2025年"]),
        Case(text: "根据2025年度考核结果,对排名靠后的街道进行约谈。", reported: ["2025年度"]),
        Case(text: "认真学习2025年3月15日印发的通知精神。", reported: ["2025年3月15日"]),
        Case(text: "事故起数较2025年下降10%。", reported: ["2025年"]),
        Case(text: "与2025年相比,事故起数明显下降。", reported: ["2025年"]),
        Case(text: "2025年以来,成效明显。", reported: ["2025年"]),
    ]

    @Test(arguments: notRead) func imprecisePhrasesAreReportedNotGuessed(_ c: Case) throws {
        let draft = try DocumentPhraseTests.draft(c.text)
        #expect(draft.unread.map(\.phrase) == c.reported)
        #expect(draft.unread.allSatisfy { $0.line == 1 && !$0.reason.isEmpty })
        #expect(draft.plan.tasks.count == c.tasks, "\(draft.plan.tasks.map(\.title))")
        #expect(!draft.summary.contains("no date-like phrase was left unread"))
    }

    @Test(arguments: references) func datesThatNameSomethingAreReferences(_ c: Case) throws {
        let draft = try DocumentPhraseTests.draft(c.text)
        #expect(draft.references.map(\.phrase) == c.reported)
        #expect(draft.plan.tasks.count == c.tasks, "\(draft.plan.tasks.map(\.title))")
        #expect(draft.unread.isEmpty, "\(draft.unread)")
    }

    @Test func noTaskTitleIsAFragmentOfAClause() throws {
        let draft = try DocumentPhraseTests.draft(
            """
            某区2025—2026年方案
            一、主要任务
            1.严格标准。按照2025年版《安全生产检查标准》开展检查。
            2.降低事故。事故起数较2024年下降10%,2026年死亡人数比2025年减少。
            3.专项整治。根据2025年度考核结果,对排名靠后的街道进行约谈。
            4.学习。认真学习2025年3月15日印发的通知精神。
            5.整治。2025年6月15日至2025年7月15日开展集中整治。
            """)
        #expect(draft.plan.tasks.map(\.title) == ["死亡人数比2025年减少", "开展集中整治"])
        #expect(draft.references.count == 5)
    }

    @Test func theSummaryListsEachPhraseNotReadWithItsLine() throws {
        let draft = try DocumentPhraseTests.draft(
            "通知\n2025年6月底前完成排查。\n今年内完成燃气执法队伍建设。\n明年底前完成老旧管网改造。\n年内完成执法人员轮训。\n"
                + "汛期前完成隐患排查。\n每月至少检查1次(高危企业每周至少1次)。")
        #expect(draft.unread.map(\.line) == [3, 4, 5, 6, 7])
        #expect(draft.summary.contains("5 date-like phrases not read — date these by hand:\n  line 3: “今年内”"))
        #expect(draft.yaml().contains("# Not read, line 7: 每周 — the high-risk frequency"))
    }
}
