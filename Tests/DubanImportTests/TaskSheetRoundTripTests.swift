import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// `duban plan export` then `duban import tasks`: the shipped plan's 92 tasks come back the same,
/// through CSV and through a workbook, and through the annual plan's YAML too.
@Suite struct TaskSheetRoundTripTests {
    let base = TaskSheetFixture.base
    var writer: TaskSheetWriter { TaskSheetWriter(plans: [base], departments: TaskSheetFixture.shipped.departments) }
    var context: TaskSheet.Context { TaskSheetFixture.context(plan: base.id) }

    /// Every task, field by field, in order.
    func expectSame(_ tasks: [PlanTask], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(tasks.count == 92, sourceLocation: sourceLocation)
        #expect(tasks.map(\.id) == base.tasks.map(\.id), sourceLocation: sourceLocation)
        for (read, original) in zip(tasks.map(\.content), base.tasks.map(\.content)) where read != original {
            Issue.record("\(original.id) came back as\n\(read)\nnot\n\(original)", sourceLocation: sourceLocation)
        }
    }

    @Test func csvReadsBackToTheSameTasks() throws {
        let sheet = try TaskSheet.read(data: writer.csv(), file: "export.csv", context: context)
        expectSame(sheet.tasks)
        #expect(sheet.start == Day("2024-01-01") && sheet.end == Day("2026-12-31"))
    }

    @Test func xlsxReadsBackToTheSameTasks() throws {
        let sheet = try TaskSheet.read(data: try writer.xlsx(), file: "export.xlsx", context: context)
        expectSame(sheet.tasks)
    }

    @Test func theAnnualPlanYAMLReadsBackToTheSameTasks() throws {
        let sheet = try TaskSheet.read(data: writer.csv(), file: "export.csv", context: context)
        let annual = sheet.plan(id: "copy", extending: base)
        #expect(annual.extends == base.id && annual.office == base.office)
        guard case .plan(let read) = try PlanDocumentReader.read(yaml: PlanWriter.yaml(plan: annual), file: "copy.yaml")
        else {
            Issue.record("not a plan")
            return
        }
        expectSame(
            read.tasks.map { task in
                var task = task
                task.plan = base.id
                return task
            })
    }

    @Test func theBasePlansOwnSheetRevisesIt() throws {
        let sheet = try TaskSheet.read(data: writer.csv(), file: "export.csv", context: context)
        let revised = sheet.revision(of: base)
        #expect(revised.id == base.id && revised.extends == nil && revised.title == base.title)
        #expect(revised.actions == base.actions && revised.measures == base.measures)
        #expect(revised.start == base.start && revised.end == base.end && revised.office == base.office)
        expectSame(revised.tasks)
        #expect(TaskSheet.check(revised, in: TaskSheetFixture.shipped).filter { $0.severity == .error } == [])
    }

    @Test func theBasePlansOwnSheetIsNotAnAnnualPlan() throws {
        let sheet = try TaskSheet.read(data: writer.csv(), file: "export.csv", context: context)
        let issues = TaskSheet.check(sheet.plan(extending: base), in: TaskSheetFixture.shipped)
        #expect(issues.count == 1)
        #expect(issues.first?.message.hasPrefix("every row's 任务编号 is a task of \(base.id) already") == true)
        #expect(issues.first?.location?.line == 2)

        // One row of its own makes it an annual plan again, and each repeated id is an error at its row.
        var mixed = sheet.plan(extending: base)
        mixed.tasks[0].id = "new-task"
        let rows = TaskSheet.check(mixed, in: TaskSheetFixture.shipped).filter { $0.severity == .error }
        #expect(rows.count == 91)
        #expect(rows.allSatisfy { $0.message.contains("duplicate task id") })
    }

    @Test func theExportCoversEveryKindOfCell() throws {
        let text = try #require(String(data: writer.csv().dropFirst(3), encoding: .utf8))
        let lines = text.components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "序号,任务编号,行动,措施,任务,牵头单位,配合单位,类型,开始,完成时限,每期次数,截止,指标,目标值,计量单位,依赖,原文,进度来源")
        #expect(lines.count == 94)  // the header, 92 tasks and the empty string after the last CRLF
        let duty = try #require(lines.first { $0.contains(",m03-leader-led-inspections,") })
        #expect(duty.contains(",常态任务,2024-01-01,每季度（高危行业领域每月）,1,2026-12-31,"))
        let target = try #require(lines.first { $0.contains(",m19-2024-unannounced-drills-40,") })
        #expect(target.contains(",指标任务,,2024年,,,企业“四不”演练占比,≥40,%,"))
        #expect(writer.csv().starts(with: [0xEF, 0xBB, 0xBF]))
        let goal = try #require(lines.first { $0.contains(",goal-2024-clear-stock,") })
        #expect(goal.hasSuffix(",stock-cleared 2023-12-31"))
    }

    /// The 进度来源 cell, good and bad.
    @Test(arguments: [
        ("stock-cleared 2023-12-31", "stock-cleared 2023-12-31"), ("increase-curbed 2025", "increase-curbed 2025"),
        ("increase-curbed", "increase-curbed"), ("dynamic-zero", "dynamic-zero"),
        ("stock-cleared", "needs the last day"), ("increase-curbed 25年", "is not a year"),
        ("dynamic-zero 2026", "takes nothing after it"), ("hazards", "is not a ledger rule"),
    ])
    func ledgerCells(_ cell: String, _ expected: String) {
        switch LedgerGoal.parse(cell: cell) {
        case .success(let goal): #expect(goal.cellText == expected)
        case .failure(let error): #expect(error.message.contains(expected), "\(error)")
        }
    }

    @Test func severalPlansGetAPlanColumn() throws {
        let annual = Plan(
            id: "y2025", title: "2025年度", extends: base.id, start: Day("2025-01-01")!, end: Day("2025-12-31")!,
            tasks: [
                PlanTask(
                    id: "y-1", title: "补充任务", plan: "y2025", action: "goals", measure: nil, lead: "emergency",
                    schedule: .milestone(start: nil, due: try DeadlinePhrase.parse("2025年底前")))
            ])
        let two = TaskSheetWriter(plans: [base, annual], departments: TaskSheetFixture.shipped.departments)
        #expect(two.header.prefix(3) == ["序号", "计划", "任务编号"])
        #expect(two.rows.last?.prefix(3) == [.number(93), .text("y2025"), .text("y-1")])
        // One import writes one plan: such a sheet is refused whole, naming each plan's rows.
        #expect {
            try TaskSheet.read(data: two.csv(), file: "two.csv", context: context)
        } throws: { error in
            (error as? PlanError)?.issues.map(\.message) == [
                "the sheet holds the tasks of 2 plans: zaozhuang-gaoxin-2024-2026 (rows 2–93), y2025 (row 94)"
            ]
        }
    }
}
