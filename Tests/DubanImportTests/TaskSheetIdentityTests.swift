import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// What a row stands for once the store holds plans: ids that keep each task's progress with it when
/// an edited sheet comes back, ids that clash with no loaded task, and leads that are one department.
@Suite struct TaskSheetIdentityTests {
    static let first = """
        工作任务,牵头单位,完成时限,措施
        完成有限空间作业单位复查,应急局,2025年6月底前,26
        建成智慧消防监测平台,消防大队,2025/9/30,7
        """

    /// The same list with a row put in at the top, as the office edits one.
    static let edited = """
        工作任务,牵头单位,完成时限,措施
        开展燃气安全检查,住建局,2025年3月底前,26
        完成有限空间作业单位复查,应急局,2025年6月底前,26
        建成智慧消防监测平台,消防大队,2025/9/30,7
        """

    func context(loaded: [Plan]) -> TaskSheet.Context {
        var context = TaskSheetFixture.context(plan: "")
        context.loaded = loaded
        return context
    }

    func read(_ text: String, loaded: [Plan]) throws -> TaskSheet {
        try TaskSheet.read(data: Data(text.utf8), file: "tasks.csv", context: context(loaded: loaded))
    }

    @Test func aRowPutInAboveKeepsEveryOtherTasksId() throws {
        let base = TaskSheetFixture.base
        let firstSheet = try read(Self.first, loaded: [base])
        #expect(firstSheet.tasks.map(\.id) == ["y2025-t01", "y2025-t02"])
        let annual = firstSheet.plan(extending: base)
        #expect(annual.id == "zaozhuang-gaoxin-2024-2026-y2025")

        let again = try read(Self.edited, loaded: [base, annual])
        #expect(
            again.tasks.map { "\($0.id) \($0.title)" } == [
                "y2025-t03 开展燃气安全检查", "y2025-t01 完成有限空间作业单位复查", "y2025-t02 建成智慧消防监测平台",
            ])
    }

    @Test func newIdsAvoidThoseOfAnotherLoadedPlan() throws {
        let base = TaskSheetFixture.base
        var other = try read(Self.first, loaded: [base]).plan(id: "zaozhuang-gaoxin-2025", extending: base)
        other.tasks = other.tasks.map { task in
            var task = task
            task.plan = other.id
            return task
        }
        // A second department's list for the same year, under the default id: no id of the first.
        let second = try read(Self.edited, loaded: [base, other])
        #expect(second.tasks.map(\.id) == ["y2025-t03", "y2025-t04", "y2025-t05"])
        #expect(Set(second.tasks.map(\.id)).isDisjoint(with: other.tasks.map(\.id)))
    }

    @Test func newIdsAvoidArchivedTasks() throws {
        var context = context(loaded: [TaskSheetFixture.base])
        context.reserved = ["y2025-t01"]
        let sheet = try TaskSheet.read(data: Data(Self.first.utf8), file: "tasks.csv", context: context)
        #expect(sheet.tasks.map(\.id) == ["y2025-t02", "y2025-t03"])
    }

    @Test func withNothingLoadedIdsFollowTheRows() throws {
        let sheet = try read(Self.edited, loaded: [])
        #expect(sheet.tasks.map(\.id) == ["y2025-t01", "y2025-t02", "y2025-t03"])
    }

    @Test func eachSubdistrictIsNotOneLead() {
        let text = "工作任务,牵头单位,配合单位,完成时限\n测试,各街道,,2025年6月底前\n"
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(
            issues.map(\.message) == ["row 2, column B “牵头单位”: “各街道” is 3 departments, and a task has one lead"])
        #expect(issues.first?.fix.contains("各街道 in 配合单位") == true)
    }

    /// Annual lists leave the year out; a sheet for one year reads 6月底前 in that year and writes it
    /// with it.
    @Test(arguments: [
        ("6月底前", "2025年6月底前", "2025-06-30"),
        ("12月31日前", "2025年12月31日前", "2025-12-31"),
        ("上半年", "2025年上半年", "2025-06-30"),
        ("第三季度", "2025年第三季度", "2025-09-30"),
        ("年底前", "2025年底前", "2025-12-31"),
        ("年内", "2025年", "2025-12-31"),
        ("9月底前完成", "2025年9月底前", "2025-09-30"),
    ])
    func aPhraseWithoutAYearIsReadInTheSheetsYear(_ cell: String, _ text: String, _ due: String) throws {
        for context in [
            TaskSheetFixture.context(year: 2025, action: "goals"), TaskSheetFixture.context(action: "goals"),
        ] {
            let title = context.year == nil ? "2025年度任务清单\n" : ""
            let sheet = try TaskSheet.read(
                data: Data((title + "工作任务,牵头单位,完成时限\n测试,应急局,\(cell)\n").utf8), file: "t.csv",
                context: context)
            guard case .milestone(_, let phrase) = try #require(sheet.tasks.first).schedule else {
                Issue.record("not a milestone")
                continue
            }
            #expect(phrase.text == text && phrase.due == Day(due))
        }
    }

    @Test func aYearOutsideTheBasePlanIsAWarningAtImport() throws {
        let text = "2027年度任务清单\n工作任务,牵头单位,完成时限\n测试,应急局,2027年6月底前\n"
        let sheet = try TaskSheet.read(
            data: Data(text.utf8), file: "t.csv", context: TaskSheetFixture.context(action: "goals"))
        let plan = sheet.plan(extending: TaskSheetFixture.base)
        let issues = TaskSheet.check(plan, in: TaskSheetFixture.shipped)
        #expect(issues.map(\.severity) == [.warning])
        #expect(
            issues.first?.message.hasPrefix("the plan runs 2027-01-01–2027-12-31, outside zaozhuang-gaoxin-2024-2026")
                == true)
    }

    @Test func aSheetOverSeveralYearsDoesNotGuessTheYear() {
        let text = "工作任务,牵头单位,完成时限\n甲,应急局,2025年底前\n乙,应急局,6月底前\n丙,应急局,2026年底前\n"
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(issues.map(\.message) == ["row 3, column C “完成时限”: “6月底前” is not a deadline duban can read"])
    }
}

/// What a sheet holds besides its tasks: group headings, notes, hidden rows, merged cells and
/// dates with a time of day.
@Suite struct TaskSheetLayoutTests {
    let context = TaskSheetFixture.context(year: 2025, action: "goals")

    @Test func groupHeadingsAreReadPast() throws {
        let text = """
            序号,工作任务,牵头单位,完成时限
            一,重大事故隐患整治,,
            1,开展排查,应急局,2025年6月底前
            （二）,消防安全,,
            2,开展检查,消防大队,2025年9月底前
            ,三、综合治理,,
            3,开展整治,住建局,2025年底前
            """
        let sheet = try TaskSheet.read(data: Data(text.utf8), file: "t.csv", context: context)
        #expect(sheet.tasks.map(\.title) == ["开展排查", "开展检查", "开展整治"])
        #expect(sheet.tasks.map { $0.location?.line } == [3, 5, 7])
    }

    @Test func aRowWithoutANumeralIsStillATaskWithEmptyCells() {
        let text = "序号,工作任务,牵头单位,完成时限\n,重大事故隐患整治,,\n"
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: context)
        #expect(issues.count == 2)
        #expect(issues.allSatisfy { $0.message.contains("cell is empty") })
    }

    @Test func notesInRemarksAreAWarningNotLost() throws {
        let text = """
            序号,工作任务,牵头单位,完成时限,备注
            1,开展排查,应急局,2025年6月底前,此项延期至2025年9月底
            2,开展检查,应急局,2025年9月底前,
            """
        let sheet = try TaskSheet.read(data: Data(text.utf8), file: "t.csv", context: context)
        #expect(sheet.tasks.count == 2)
        #expect(sheet.warnings.map(\.severity) == [.warning])
        #expect(
            sheet.warnings.first?.message
                == "column E “备注” is not imported, and 1 row has something in it (row 2: “此项延期至2025年9月底”)")
        #expect(sheet.warnings.first?.location?.line == 2)
    }

    @Test func aDateCellWithATimeIsItsDay() {
        #expect(TaskSheet.day("45961.77083333334") == Day("2025-10-31"))
        #expect(TaskSheet.day("45838") == Day("2025-06-30"))
    }

    @Test func mergedCellsFillTheRowsTheySpan() {
        let rows = [
            ProgressSheet.Row(number: 1, cells: ["任务", "牵头单位"]),
            ProgressSheet.Row(number: 2, cells: ["甲", "应急局"]),
            ProgressSheet.Row(number: 3, cells: ["乙"]),
            ProgressSheet.Row(number: 4, cells: ["丙", ""]),
        ]
        let filled = XLSXReader.fillMerged(rows, ranges: ["B2:B4", "bad", "Z9:Z10"])
        #expect(filled.map(\.cells) == [["任务", "牵头单位"], ["甲", "应急局"], ["乙", "应急局"], ["丙", "应急局"]])
        #expect(XLSXReader.cell("AB12")! == (row: 12, column: 27))
    }
}
