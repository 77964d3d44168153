import Foundation
import Testing
import ZIPFoundation

/// `duban plan export` on the shipped plans: a task list Excel opens, the same bytes every run.
@Suite struct PlanExportCommandTests {
    static let header = "序号,任务编号,行动,措施,任务,牵头单位,配合单位,类型,开始,完成时限,每期次数,截止,指标,目标值,计量单位,依赖,原文,进度来源"

    static func loaded(_ body: (DubanProcess) throws -> Void) throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            try body(duban)
        }
    }

    @Test func csvHasABOMCRLFLinesAndOneRowATask() throws {
        try Self.loaded { duban in
            let result = try duban.run("plan", "export")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")
            #expect(result.stdout.hasPrefix("\u{FEFF}" + Self.header + "\r\n"))
            let lines = result.stdout.components(separatedBy: "\r\n")
            #expect(lines.count == 94)  // the header, 92 tasks, and nothing after the last CRLF
            #expect(lines.last == "")
            #expect(
                lines.contains(
                    "82,m26-2024-confined-space-census,a10-four-rectifications,26,"
                        + "\"开展有限空间全覆盖摸底,分街道分行业领域建立监管台账\",区应急管理局,兴仁街道、兴城街道、张范街道,"
                        + "节点任务,,2024年3月底前,,,,,,,\"2024年3月底前,开展一轮全覆盖摸底,摸清有限空间场所、人员、作业底数,"
                        + "分街道分行业领域建立监管台账,严防失控漏管\","))
        }
    }

    @Test func xlsxIsAWorkbookWithTheSameBytesEachRun() throws {
        try Self.loaded { duban in
            let first = try duban.run("plan", "export", "--format", "xlsx", "-o", "a.xlsx")
            #expect(first.exitCode == 0, "\(first)")
            #expect(first.stdout == "wrote 92 tasks of zaozhuang-gaoxin-2024-2026 to a.xlsx\n")
            #expect(try duban.run("plan", "export", "--format", "xlsx", "-o", "b.xlsx").exitCode == 0)
            let a = try Data(contentsOf: duban.directory.appendingPathComponent("a.xlsx"))
            let b = try Data(contentsOf: duban.directory.appendingPathComponent("b.xlsx"))
            #expect(a == b)
            let archive = try Archive(data: a, accessMode: .read, pathEncoding: nil)
            #expect(archive.map(\.path).first == "[Content_Types].xml")
            #expect(archive["xl/worksheets/sheet1.xml"] != nil)
        }
    }

    @Test func anXLSXFileGetsAWorkbookWithoutFormat() throws {
        try Self.loaded { duban in
            let result = try duban.run("plan", "export", "-o", "任务清单.xlsx")
            #expect(result.exitCode == 0, "\(result)")
            let data = try Data(contentsOf: duban.directory.appendingPathComponent("任务清单.xlsx"))
            #expect(Array(data.prefix(2)) == Array("PK".utf8))

            let clash = try duban.run("plan", "export", "--format", "csv", "-o", "x.xlsx")
            #expect(clash.exitCode == 2)
            #expect(clash.stderr.contains("--format csv does not go in x.xlsx"), "\(clash)")
            let folder = try duban.run("plan", "export", "-o", "plans")
            #expect(folder.exitCode == 2)
            #expect(folder.stderr == "error: plans: is a folder; name a file in it, e.g. plans/out\n")
        }
    }

    @Test func anUnknownPlanIsBadInput() throws {
        try Self.loaded { duban in
            let result = try duban.run("plan", "export", "--plan", "nope", "-o", "x.csv")
            #expect(result.exitCode == 2)
            #expect(result.stderr == "error: --plan “nope” is not loaded; loaded plans: zaozhuang-gaoxin-2024-2026\n")
            #expect(!FileManager.default.fileExists(atPath: duban.directory.appendingPathComponent("x.csv").path))
        }
    }
}
