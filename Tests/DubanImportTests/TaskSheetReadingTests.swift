import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// `TaskSheet` on task lists as offices send them: GB18030 or UTF-8 CSV, Chinese headers, a title
/// row, department names as people write them, deadlines and frequencies in their usual forms.
@Suite struct TaskSheetReadingTests {
    static let typical = """
        2025年度安全生产重点工作任务清单,,,,
        序号,工作任务,牵头单位,配合单位,完成时限
        1,开展有限空间作业专项检查,应急局,"区消防救援大队、兴仁街道",2025年6月底前
        2,开展联合执法检查,区应急管理局,公安分局,每季度至少1次（高危行业领域每月至少1次）

        3,建成智慧消防平台,消防大队,,2025/9/30
        """

    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    func read(_ data: Data, context: TaskSheet.Context) throws -> TaskSheet {
        try TaskSheet.read(data: data, file: "tasks.csv", context: context)
    }

    @Test func aGB18030SheetWithoutBOMImports() throws {
        let bytes = TaskSheetFixture.gb18030(Self.crlf(Self.typical))
        #expect(String(data: bytes, encoding: .utf8) == nil)  // really not UTF-8
        let sheet = try read(bytes, context: TaskSheetFixture.context(action: "a6-enforcement"))
        #expect(sheet.title == "2025年度安全生产重点工作任务清单")
        #expect(sheet.start == Day("2025-01-01") && sheet.end == Day("2025-12-31"))
        #expect(sheet.tasks.map(\.id) == ["y2025-t01", "y2025-t02", "y2025-t03"])
        #expect(sheet.tasks.map(\.lead) == ["emergency", "emergency", "fire"])
        #expect(sheet.tasks.map(\.support) == [["fire", "xingren"], ["police"], []])
        #expect(sheet.tasks.allSatisfy { $0.action == "a6-enforcement" && $0.measure == nil && $0.plan == "y" })
        #expect(
            sheet.tasks[0].schedule
                == .milestone(start: nil, due: DeadlinePhrase(text: "2025年6月底前", start: nil, due: Day("2025-06-30")!)))
        #expect(
            sheet.tasks[1].schedule
                == .obligation(
                    Obligation(
                        every: .quarter, highRiskEvery: .month, times: 1, start: Day("2025-01-01")!,
                        end: Day("2025-12-31")!)))
        #expect(
            sheet.tasks[2].schedule
                == .milestone(start: nil, due: DeadlinePhrase(text: "2025-09-30", start: nil, due: Day("2025-09-30")!)))
        // Rows as Excel numbers them: the title is row 1, and the empty row 5 counts.
        #expect(sheet.tasks.map { $0.location?.line } == [3, 4, 6])
    }

    @Test func aUTF8SheetWithBOMReadsTheSame() throws {
        let context = TaskSheetFixture.context(action: "a6-enforcement")
        let gb = try read(TaskSheetFixture.gb18030(Self.typical), context: context)
        let utf8 = try read(TaskSheetFixture.utf8BOM(Self.crlf(Self.typical)), context: context)
        #expect(utf8.tasks == gb.tasks)
        #expect(utf8.tasks.count == 3)
    }

    @Test func measuresPlaceTasksAndActionsAreReadByIdOrTitle() throws {
        let text = """
            序号,具体措施,责任单位,时间节点,措施,行动
            1,有限空间作业摸底,应急局,2025年3月底前,26,
            2,双月警示教育,区安委办,2025年,,开展生产经营单位主要负责人安全教育培训行动
            3,表彰先进,区安委办,2025年底前,,goals
            """
        let sheet = try read(Data(text.utf8), context: TaskSheetFixture.context())
        #expect(sheet.tasks.map(\.measure) == [26, nil, nil])
        #expect(sheet.tasks.map(\.action) == ["a10-four-rectifications", "a1-leader-training", "goals"])
        #expect(sheet.tasks.map(\.lead) == ["emergency", "safety-office", "safety-office"])
    }

    @Test func keptIdsKindsTargetsAndLaggedDependencies() throws {
        let text = """
            任务编号,任务,牵头单位,完成时限,类型,开始,指标,目标值,计量单位,依赖,每期次数,截止,原文
            y25-survey,摸底,应急局,2025年6月底前,节点任务,2025-02-01,,,,,,,2025年6月底前完成摸底
            y25-share,占比达到80%,应急局,2025年底前,指标任务,,达标企业占比,不低于80,%,y25-survey（30天）、m26-2024-confined-space-census,,,
            y25-check,检查,应急局,每月至少2次,常态任务,2025-03-01,,,,,,2025-10-31,
            """
        let sheet = try read(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(sheet.tasks.map(\.id) == ["y25-survey", "y25-share", "y25-check"])
        #expect(
            sheet.tasks[0].schedule
                == .milestone(
                    start: Day("2025-02-01"),
                    due: DeadlinePhrase(text: "2025年6月底前", start: nil, due: Day("2025-06-30")!)))
        #expect(sheet.tasks[0].source == "2025年6月底前完成摸底")
        #expect(
            sheet.tasks[1].schedule
                == .target(
                    start: nil, due: DeadlinePhrase(text: "2025年底前", start: nil, due: Day("2025-12-31")!),
                    threshold: Threshold(metric: "达标企业占比", comparison: .atLeast, value: 80, unit: "%")))
        #expect(
            sheet.tasks[1].content.dependsOn == [
                Dependency(task: "y25-survey", lagDays: 30), Dependency(task: "m26-2024-confined-space-census"),
            ])
        #expect(
            sheet.tasks[2].schedule
                == .obligation(
                    Obligation(every: .month, times: 2, start: Day("2025-03-01")!, end: Day("2025-10-31")!)))
    }

    @Test func eachSubdistrictStandsForEveryOneAndSupportSkipsTheLead() throws {
        let text = "工作任务,牵头单位,配合单位,完成时限\n开展检查,应急局,各街道、区应急管理局、兴仁街道,2025年底前\n"
        let sheet = try read(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(sheet.tasks.first?.support == ["xingren", "xingcheng", "zhangfan"])
    }

    @Test func aLeadCellNamingTwoDepartmentsIsRejected() throws {
        let text = "工作任务,牵头单位,完成时限\n开展检查,应急局、消防大队,2025年底前\n"
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(
            issues.map(\.message) == ["row 2, column B “牵头单位”: “应急局、消防大队” names 2 departments, and a task has one lead"]
        )
        #expect(issues.first?.fix == "keep the lead in column B “牵头单位” and move the others to 配合单位")
    }

    @Test func anUnreadableDateRejectsTheSheetNamingRowAndColumn() throws {
        let text = """
            序号,工作任务,牵头单位,配合单位,完成时限
            1,甲,应急局,,2025年6月底前
            2,乙,应急局,,明年年中
            3,丙,应急局,,2025年2月30日前
            """
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(
            issues.map(\.location) == [
                DubanCore.SourceLocation(file: "tasks.csv", line: 3, column: 5),
                DubanCore.SourceLocation(file: "tasks.csv", line: 4, column: 5),
            ])
        #expect(issues.first?.message.hasPrefix("row 3, column E “完成时限”: “明年年中” is not a deadline") == true)
        #expect(issues.first?.fix.contains("2025年6月底前") == true)
        #expect(issues.last?.message.contains("2025年2月 has 28 days, so day 30 does not exist") == true)
    }

    @Test func unknownDepartmentsAreListedTogetherAndAmbiguousOnesPerRow() throws {
        let text = """
            序号,工作任务,牵头单位,配合单位,完成时限
            1,甲,区气象局,应急局,2025年6月底前
            2,乙,街道,,2025年6月底前
            3,丙,应急局,区气象局、区地震局,2025年6月底前
            """
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(issues.count == 2)
        let ambiguous = try #require(issues.first)
        #expect(ambiguous.location?.line == 3)
        #expect(
            ambiguous.message.hasPrefix(
                "row 3, column C “牵头单位”: “街道” could be any of 兴仁街道 (xingren), 兴城街道 (xingcheng), 张范街道 (zhangfan)"))
        let unknown = try #require(issues.last)
        #expect(
            unknown.message
                == "2 departments are not in the registry: “区气象局” (row 2, column C “牵头单位”; row 4, column D “配合单位”); "
                + "“区地震局” (row 4, column D “配合单位”)")
        #expect(unknown.location == DubanCore.SourceLocation(file: "tasks.csv", line: 2, column: 3))
        #expect(unknown.fix.contains("plans/departments.yaml"))
    }

    @Test func aMapNamesUnusualHeaders() throws {
        let text = """
            编号,工作内容,责任部门,时限要求,说明
            1,开展检查,应急局,2025年底前,无
            """
        let map = try ColumnMap.read(yaml: "工作内容: title\n责任部门: lead\n时限要求: 完成时限\n说明: ignore\n", file: "map.yaml")
        let sheet = try read(Data(text.utf8), context: TaskSheetFixture.context(action: "goals", columns: map))
        #expect(sheet.tasks.map(\.title) == ["开展检查"])
        #expect(sheet.tasks.map(\.id) == ["1"])  // 编号 is the task id column
        #expect(sheet.tasks.map(\.lead) == ["emergency"])
    }

    @Test func anUnknownHeaderGetsADidYouMean() throws {
        let text = """
            序号,工作任务,牵头单位,完成时线
            1,开展检查,应急局,2025年底前
            """
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(
            issues.map(\.message) == [
                "row 1, column D: unknown column “完成时线”", "row 1: the header has no 完成时限 column",
            ])
        #expect(issues.first?.fix.hasPrefix("did you mean “完成时限”? ") == true)
        #expect(issues.first?.fix.contains("--map file (`完成时线: due`") == true)
    }

    @Test func aMapToAnUnknownFieldGetsADidYouMean() throws {
        #expect {
            try ColumnMap.read(yaml: "工作内容: titel\n", file: "map.yaml")
        } throws: { error in
            let issue = (error as? PlanError)?.issues.first
            return issue?.location == DubanCore.SourceLocation(file: "map.yaml", line: 1, column: 1)
                && issue?.message == "header “工作内容” is mapped to “titel”, not a field"
                && issue?.fix.hasPrefix("did you mean “title”?") == true
        }
    }

    @Test func rowsWithoutMeasureOrActionNeedADefault() throws {
        let text = "工作任务,牵头单位,完成时限\n开展检查,应急局,2025年底前\n"
        let issues = TaskSheetFixture.issues(Data(text.utf8))
        #expect(
            issues.map(\.message) == ["row 2, column A “工作任务”: the row names no measure or action of the base plan"])
        #expect(issues.first?.fix.contains("--action") == true)
    }

    @Test func aSheetOfDutiesAloneNeedsAYear() throws {
        let text = "工作任务,牵头单位,完成时限\n开展检查,应急局,每季度\n"
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(issues.map(\.message) == ["no cell says which year the tasks are for (row 2: “每季度”)"])
        let sheet = try read(Data(text.utf8), context: TaskSheetFixture.context(year: 2026, action: "goals"))
        #expect(sheet.tasks.first?.schedule.start == Day("2026-01-01"))
        #expect(sheet.tasks.first?.id == "y2026-t01")
    }

    @Test func kindsThatContradictTheCellsAreRejected() throws {
        let text = """
            工作任务,牵头单位,完成时限,类型,目标值
            甲,应急局,每季度,节点任务,
            乙,应急局,2025年底前,常态任务,
            丙,应急局,2025年底前,指标任务,
            """
        let issues = TaskSheetFixture.issues(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        #expect(issues.map { $0.location?.line } == [2, 3, 4])
        #expect(issues[0].message.contains("is a frequency, but the task is a 节点任务"))
        #expect(issues[1].message.contains("the task is a 常态任务, but “2025年底前” is not a frequency"))
        #expect(issues[2].message.contains("the target has no 目标值"))
    }

    @Test func anIdTheBasePlanHasIsReportedAtItsRow() throws {
        let text = "任务编号,工作任务,牵头单位,完成时限\nm26-2024-confined-space-census,摸底,应急局,2025年底前\n"
        let sheet = try read(Data(text.utf8), context: TaskSheetFixture.context(action: "goals"))
        let plan = sheet.plan(id: "y2025", extending: TaskSheetFixture.base)
        let issues = TaskSheet.check(plan, in: TaskSheetFixture.shipped).filter { $0.severity == .error }
        #expect(issues.count == 1)
        #expect(issues.first?.location == DubanCore.SourceLocation(file: "tasks.csv", line: 2, column: 1))
        #expect(
            issues.first?.message
                == "row 2, task m26-2024-confined-space-census: duplicate task id “m26-2024-confined-space-census”")
        #expect(issues.first?.fix.hasSuffix("clear the 任务编号 cell so the import numbers the task itself") == true)
    }
}
