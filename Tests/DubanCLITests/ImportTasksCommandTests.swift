import Foundation
import Testing

/// `duban import tasks` on the shipped plans: a task list as the office receives it becomes an
/// annual plan that validates with its base, or, with one bad cell, nothing at all.
@Suite struct ImportTasksCommandTests {
    static let base = "zaozhuang-gaoxin-2024-2026"

    static let sheet = """
        2025年度安全生产重点工作任务清单,,,,,
        序号,工作任务,牵头单位,配合单位,完成时限,措施
        1,完成有限空间作业单位复查,应急局,"区消防救援大队、兴仁街道",2025年6月底前,26
        2,开展有限空间联合执法检查,区应急管理局,公安分局,每季度至少1次（高危行业领域每月至少1次）,26
        3,建成智慧消防监测平台,消防大队,,2025/9/30,7
        """

    static let expectedYAML = """
        plan:
          id: "zaozhuang-gaoxin-2025"
          title: "2025年度安全生产重点工作任务清单"
          extends: "zaozhuang-gaoxin-2024-2026"
          start: 2025-01-01
          end: 2025-12-31
          office: "safety-office"
        actions:
          - id: "a10-four-rectifications"
            measures:
              - number: 26
                tasks:
                  - id: "y2025-t01"
                    title: "完成有限空间作业单位复查"
                    lead: "emergency"
                    support: ["fire", "xingren"]
                    due: "2025年6月底前"
                  - id: "y2025-t02"
                    title: "开展有限空间联合执法检查"
                    lead: "emergency"
                    support: ["police"]
                    every: quarter
                    high_risk_every: month
                    start: 2025-01-01
                    until: 2025-12-31
          - id: "a3-tech-engineering"
            measures:
              - number: 7
                tasks:
                  - id: "y2025-t03"
                    title: "建成智慧消防监测平台"
                    lead: "fire"
                    due: "2025-09-30"

        """

    /// GB18030 bytes with CRLF, as Excel's plain "CSV (逗号分隔)" saves a Chinese sheet.
    static func gb18030(_ text: String) -> Data {
        text.replacingOccurrences(of: "\n", with: "\r\n").data(using: String.Encoding(rawValue: 0x8000_0632))!
    }

    func write(_ data: Data, _ name: String, in duban: DubanProcess) throws {
        try data.write(to: duban.directory.appendingPathComponent(name))
    }

    func read(_ name: String, in duban: DubanProcess) throws -> String {
        try String(contentsOf: duban.directory.appendingPathComponent(name), encoding: .utf8)
    }

    func exists(_ name: String, in duban: DubanProcess) -> Bool {
        FileManager.default.fileExists(atPath: duban.directory.appendingPathComponent(name).path)
    }

    @Test func aGB18030SheetBecomesAnAnnualPlanThatValidates() throws {
        try PlanExportCommandTests.loaded { duban in
            try write(Self.gb18030(Self.sheet), "2025任务清单.csv", in: duban)
            let result = try duban.run(
                "import", "tasks", "2025任务清单.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o",
                "annual.yaml")
            #expect(result.exitCode == 0, "\(result)")
            #expect(
                result.stdout
                    == "2025任务清单.csv: plan zaozhuang-gaoxin-2025 extending \(Self.base), 3 tasks (2 milestones, "
                    + "1 recurring duty, 0 targets), written to annual.yaml\n")
            #expect(try read("annual.yaml", in: duban) == Self.expectedYAML)

            let validate = try duban.run("plan", "validate", "plans", "annual.yaml")
            #expect(validate.exitCode == 0, "\(validate)")
            #expect(validate.stdout.hasSuffix("ok: 2 plans, 95 tasks, 24 departments, 11 sectors, 0 warnings\n"))
        }
    }

    @Test func withoutAnOutputFileTheYAMLGoesToStandardOutput() throws {
        try PlanExportCommandTests.loaded { duban in
            try write(Data([0xEF, 0xBB, 0xBF]) + Data(Self.sheet.utf8), "tasks.csv", in: duban)
            let result = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == Self.expectedYAML)
            #expect(result.stderr.hasPrefix("tasks.csv: plan zaozhuang-gaoxin-2025 extending"))
        }
    }

    @Test func aBadSheetIsRejectedWholeAndNothingIsWritten() throws {
        try PlanExportCommandTests.loaded { duban in
            let text = """
                序号,工作任务,牵头单位,配合单位,完成时限
                1,甲,区气象局,应急局,2025年6月底前
                2,乙,应急局,,下半年某时
                3,丙,应急局,区气象局、区地震局,2025年底前
                """
            try write(Self.gb18030(text), "bad.csv", in: duban)
            let result = try duban.run(
                "import", "tasks", "bad.csv", "--plan", Self.base, "--action", "goals", "-o", "annual.yaml")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("bad.csv:3:5: error: row 3, column E “完成时限”: “下半年某时” is not a deadline"))
            #expect(
                lines[1].hasPrefix(
                    "bad.csv:2:3: error: 2 departments are not in the registry: “区气象局” (row 2, column C “牵头单位”; "
                        + "row 4, column D “配合单位”); “区地震局” (row 4, column D “配合单位”)"))
            #expect(lines[2] == "2 errors; nothing was changed")
            #expect(!exists("annual.yaml", in: duban))
        }
    }

    @Test func anUnknownBasePlanListsTheLoadedOnes() throws {
        try PlanExportCommandTests.loaded { duban in
            try write(Self.gb18030(Self.sheet), "tasks.csv", in: duban)
            let result = try duban.run("import", "tasks", "tasks.csv", "--plan", "zaozhuang", "-o", "annual.yaml")
            #expect(result.exitCode == 2)
            #expect(result.stderr == "error: --plan “zaozhuang” is not loaded; loaded plans: \(Self.base)\n")
            #expect(!exists("annual.yaml", in: duban))
        }
    }

    @Test func anExportedAnnualPlanImportsBackToTheSameFile() throws {
        try PlanExportCommandTests.loaded { duban in
            try write(Self.gb18030(Self.sheet), "tasks.csv", in: duban)
            let first = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o",
                "plans/zaozhuang-gaoxin-2025.yaml")
            #expect(first.exitCode == 0, "\(first)")
            #expect(try duban.run("plan", "load").exitCode == 0)
            for format in ["csv", "xlsx"] {
                let export = try duban.run(
                    "plan", "export", "--plan", "zaozhuang-gaoxin-2025", "--format", format, "-o", "2025.\(format)")
                #expect(export.exitCode == 0, "\(export)")
                let again = try duban.run(
                    "import", "tasks", "2025.\(format)", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o",
                    "again-\(format).yaml")
                #expect(again.exitCode == 0, "\(again)")
                #expect(try read("again-\(format).yaml", in: duban) == Self.expectedYAML, "\(format)")
            }
        }
    }

    /// The three-year plan exported, then imported under its own id over its own file: loading it
    /// changes nothing. Imported as an annual plan instead, the sheet is refused with one error.
    @Test func theBasePlansOwnSheetRevisesTheBasePlan() throws {
        try PlanExportCommandTests.loaded { duban in
            #expect(try duban.run("plan", "export", "--format", "xlsx", "-o", "base.xlsx").exitCode == 0)

            let annual = try duban.run("import", "tasks", "base.xlsx", "--plan", Self.base, "-o", "annual.yaml")
            #expect(annual.exitCode == 2)
            #expect(
                annual.stderr == "base.xlsx:2:2: error: every row's 任务编号 is a task of \(Self.base) already: the sheet "
                    + "is that plan's own task list; to write \(Self.base) back with the sheet's changes, import it under "
                    + "its own id (--id \(Self.base)); for an annual plan of new tasks, clear the 任务编号 column\n"
                    + "1 error; nothing was changed\n")
            #expect(!exists("annual.yaml", in: duban))

            let revised = try duban.run(
                "import", "tasks", "base.xlsx", "--plan", Self.base, "--id", Self.base, "-o", "plans/\(Self.base).yaml")
            #expect(revised.exitCode == 0, "\(revised)")
            #expect(
                revised.stdout
                    == "base.xlsx: plan \(Self.base) revised, 92 tasks (51 milestones, 25 recurring duties, 16 targets), "
                    + "written to plans/\(Self.base).yaml\n")
            let load = try duban.run("plan", "load")
            #expect(load.exitCode == 0, "\(load)")
            #expect(load.stdout.contains("plan \(Self.base): 92 unchanged"), "\(load)")
        }
    }

    /// `-o` never quietly replaces another plan's file: the hand-made three-year plan stays as it was.
    @Test func anOutputFileHoldingAnotherPlanIsNotReplaced() throws {
        try PlanExportCommandTests.loaded { duban in
            try write(Self.gb18030(Self.sheet), "tasks.csv", in: duban)
            let path = "plans/\(Self.base).yaml"
            let before = try read(path, in: duban)
            let refused = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o", path)
            #expect(refused.exitCode == 2)
            #expect(
                refused.stderr
                    == "error: \(path) holds plan \(Self.base) (92 tasks), not plan zaozhuang-gaoxin-2025; nothing was "
                    + "written. Name another file, or pass --force to replace it\n")
            #expect(try read(path, in: duban) == before)

            let folder = try duban.run("import", "tasks", "tasks.csv", "--plan", Self.base, "-o", "nowhere/annual.yaml")
            #expect(folder.exitCode == 2)
            #expect(folder.stderr.contains("the folder"), "\(folder)")

            // Its own file, and with --force any file, is written.
            let first = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o", "a.yaml")
            #expect(first.exitCode == 0, "\(first)")
            let again = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o", "a.yaml")
            #expect(again.exitCode == 0, "\(again)")
            let forced = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--id", "zaozhuang-gaoxin-2025", "-o",
                "plans/departments.yaml", "--force")
            #expect(forced.exitCode == 0, "\(forced)")
            #expect(try read("plans/departments.yaml", in: duban) == Self.expectedYAML)
        }
    }

    /// A department's list, edited and imported again without 任务编号: tasks keep their ids by title,
    /// and a deleted task's id (archived by the load) is not given to a new one.
    @Test func idsFollowTitlesAcrossEditsAndNeverReviveAnArchivedTask() throws {
        try PlanExportCommandTests.loaded { duban in
            let header = "工作任务,牵头单位,完成时限,措施\n"
            let a = "完成有限空间作业单位复查,应急局,2025年6月底前,26\n"
            let b = "建成智慧消防监测平台,消防大队,2025/9/30,7\n"
            let c = "开展燃气安全检查,住建局,2025年3月底前,26\n"
            func load(_ rows: String) throws -> String {
                try write(Data((header + rows).utf8), "list.csv", in: duban)
                let imported = try duban.run(
                    "import", "tasks", "list.csv", "--plan", Self.base, "--id", "y2025", "-o", "plans/y2025.yaml")
                #expect(imported.exitCode == 0, "\(imported)")
                let load = try duban.run("plan", "load")
                #expect(load.exitCode == 0, "\(load)")
                return try read("plans/y2025.yaml", in: duban)
            }
            let first = try load(a + b)
            #expect(first.contains("id: \"y2025-t01\"\n            title: \"完成有限空间作业单位复查\""))
            let second = try load(b)  // the first task deleted: archived by the load
            #expect(second.contains("id: \"y2025-t02\"\n            title: \"建成智慧消防监测平台\""))
            let third = try load(c + b)
            #expect(third.contains("id: \"y2025-t03\"\n            title: \"开展燃气安全检查\""), "\(third)")
            #expect(!third.contains("y2025-t01"))
        }
    }

    @Test func aMapNamesTheOfficesOwnHeaders() throws {
        try PlanExportCommandTests.loaded { duban in
            try write(Data("工作内容,责任部门,时限要求\n开展检查,应急管理局,2025年底前\n".utf8), "tasks.csv", in: duban)
            let unmapped = try duban.run("import", "tasks", "tasks.csv", "--plan", Self.base, "--action", "goals")
            #expect(unmapped.exitCode == 2)
            #expect(unmapped.stderr.contains("tasks.csv:1:1: error: row 1, column A: unknown column “工作内容”"))

            try write(Data("{工作内容: title, 责任部门: lead, 时限要求: due}\n".utf8), "columns.yaml", in: duban)
            let mapped = try duban.run(
                "import", "tasks", "tasks.csv", "--plan", Self.base, "--action", "goals", "--map", "columns.yaml")
            #expect(mapped.exitCode == 0, "\(mapped)")
            #expect(mapped.stdout.contains("  - id: \"goals\"\n    tasks:\n      - id: \"y2025-t01\"\n"))
            #expect(mapped.stdout.contains("        lead: \"emergency\"\n        due: \"2025年底前\"\n"))
        }
    }
}
