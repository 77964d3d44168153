import DubanCore
import Foundation
import Testing

@testable import DubanImport

/// The forms other offices' plans write that the seed does not: each as a short document, the
/// dated commitments it must give (the due day, or the period of a duty) and the dates it must
/// keep out of the tasks as references — and, for the bad cases, what it must not draft.
@Suite struct DocumentFormTests {
    static let period = Day("2024-01-01")!...Day("2026-12-31")!

    /// A document and what the draft must hold.
    struct Form: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// Each task's due day, or `every:<frequency>` for a duty, in document order.
        var commitments: [String]
        /// The phrases reported as references.
        var references: [String] = []
        var testDescription: String { name }
    }

    static func draft(_ text: String, period: ClosedRange<Day> = period) throws -> DocumentDraft {
        try DocumentImporter.draft(text, options: .init(file: "plan.txt", period: period))
    }

    static func commitments(_ draft: DocumentDraft) -> [String] {
        draft.plan.tasks.map { task in
            if case .obligation(let duty) = task.schedule { return "every:\(duty.every.rawValue)" }
            return task.schedule.due.description
        }
    }

    static let forms: [Form] = [
        Form(
            name: "full-width and half-width commas and colons",
            text: "一、重点任务\n（一）压实责任\n2024年6月底前，完成责任清单修订；2025年底前,实现全覆盖。\n2026年6月底前：完成评估。\n",
            commitments: ["2024-06-30", "2025-12-31", "2026-06-30"]),
        Form(
            name: "numbering 1. 1、 （1） (一) ①",
            text: """
                一、重点任务
                (一)健全体系
                1.2024年底前完成摸底。
                2、2025年6月底前建立台账。
                （1）2025年底前完成整改。
                ①2026年3月底前开展评估。
                """,
            commitments: ["2024-12-31", "2025-06-30", "2025-12-31", "2026-03-31"]),
        Form(
            name: "several deadlines in one long sentence",
            text: "1.强化培训,2024年底前完成主要负责人全员培训,2025年6月底前完成特种作业人员复训,2026年底前实现持证上岗全覆盖。\n",
            commitments: ["2024-12-31", "2025-06-30", "2026-12-31"]),
        Form(
            name: "其中: a year each",
            text: "（一）专项整治\n其中:2024年，重点开展危险化学品专项整治；2025年，重点开展城镇燃气专项整治。\n",
            commitments: ["2024-12-31", "2025-12-31"]),
        Form(
            name: "a date with a day",
            text: "（一）摸底排查\n区应急局牵头，于2024年3月15日前完成企业底数摸排。\n",
            commitments: ["2024-03-15"]),
        Form(
            name: "每年12月底前 is a yearly duty",
            text: "（一）综合检查\n每年12月底前开展一次安全生产综合检查。\n",
            commitments: ["every:year"]),
        Form(
            name: "reporting duties",
            text: "（一）工作调度\n各街道每季度报送一次工作进展情况。\n各部门每半年报送一次阶段性工作总结。\n",
            commitments: ["every:quarter", "every:half-year"]),
        Form(
            name: "the issuing date and a quoted title are references",
            text: """
                （一）贯彻落实
                按照《安全生产治本攻坚三年行动方案（2024—2026年）》要求，2024年底前完成对标。
                某区安全生产委员会
                2024年3月1日
                """,
            commitments: ["2024-12-31"], references: ["2024-2026年", "2024年3月1日"]),
        Form(
            name: "2023年及以前 is a reference",
            text: "（一）存量清零\n2024年底前基本消除2023年及以前排查发现的重大事故隐患存量。\n",
            commitments: ["2024-12-31"], references: ["2023年"]),
        Form(
            name: "a measure number glued to its sentence",
            text: "（一）隐患排查\n6.健全隐患排查机制,2024年底前完善隐患排查治理信息系统。\n7、严格执法,2025年6月底前完成执法检查全覆盖。\n",
            commitments: ["2024-12-31", "2025-06-30"]),
    ]

    @Test(arguments: forms) func eachFormGivesItsCommitmentsAndReferences(_ form: Form) throws {
        let draft = try Self.draft(form.text)
        #expect(Self.commitments(draft) == form.commitments, "\(draft.plan.tasks.map { $0.source ?? $0.title })")
        for reference in form.references {
            #expect(draft.references.contains { $0.phrase == reference }, "\(draft.references.map(\.phrase))")
        }
    }

    /// What must not become a task: a reference period, a year in a quoted title, time up to now.
    @Test(arguments: [
        ("对2023年及以前排查发现的隐患进行梳理。", "2023年"),
        ("依据《某省安全生产条例（2019年修订）》开展执法。", "2019年"),
        ("2023年以来，全区事故总量持续下降。", "2023年"),
    ])
    func aReferenceIsNoTask(text: String, phrase: String) throws {
        let draft = try Self.draft("（一）总体情况\n" + text + "\n")
        #expect(draft.plan.tasks.isEmpty, "\(draft.plan.tasks.map { $0.source ?? $0.title })")
        #expect(draft.references.contains { $0.phrase == phrase } || draft.unread.contains { $0.phrase == phrase })
    }

    @Test func halfYearsAndWithinTheYearNeedAYearInAPlanOfSeveralYears() throws {
        let several = try Self.draft("（一）方案编制\n上半年完成专项整治方案编制。\n年内完成应急预案修订。\n")
        #expect(several.plan.tasks.isEmpty)
        #expect(Set(several.unread.map(\.phrase)) == ["上半年", "年内"])
    }

    @Test func halfYearsAndWithinTheYearAreTheYearsOwnInAnAnnualPlan() throws {
        let annual = try Self.draft(
            "（一）方案编制\n上半年完成专项整治方案编制。\n年内完成应急预案修订。\n",
            period: Day("2025-01-01")!...Day("2025-12-31")!)
        #expect(Self.commitments(annual) == ["2025-06-30", "2025-12-31"], "\(annual.unread.map(\.phrase))")
        // Written with the year, so the drafted plan reads back the same days.
        let phrases = annual.plan.tasks.compactMap { task -> String? in
            if case .milestone(_, let due) = task.schedule { return due.text }
            return nil
        }
        #expect(phrases == ["2025年上半年", "2025年底前"])
    }

    @Test func anAnnualPlansTitleGivesItsYear() throws {
        // No --period: "2025年…工作要点" is the year 2025, so 上半年 and 年内 read in it.
        let draft = try DocumentImporter.draft(
            "某区2025年安全生产工作要点\n（一）方案编制\n上半年完成专项整治方案编制。\n年内完成应急预案修订。\n",
            options: .init(file: "plan.txt"))
        #expect(draft.plan.start == Day("2025-01-01")! && draft.plan.end == Day("2025-12-31")!)
        #expect(Self.commitments(draft) == ["2025-06-30", "2025-12-31"])
        // Two years in a title that is not a range give no period of their own.
        let two = try DocumentImporter.draft(
            "2023年总结和2024年安排\n（一）方案编制\n2024年6月底前完成专项整治方案编制。\n",
            options: .init(file: "plan.txt"))
        #expect(two.plan.start == Day("2024-01-01")! && two.plan.end == Day("2024-12-31")!)
    }

    @Test func aDayAloneInsideTheTextIsStillADeadline() throws {
        // A day on its own line with words after it is work, not a signature.
        let draft = try Self.draft("（一）摸底\n2024年3月15日前完成企业底数摸排。\n")
        #expect(Self.commitments(draft) == ["2024-03-15"])
    }
}
