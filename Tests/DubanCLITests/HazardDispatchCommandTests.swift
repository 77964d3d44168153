import Foundation
import Testing

/// A ledger imported and listed in January 2024, then the scheduler run to July: the overdue
/// hazards climb the ladder month by month, and the monthly bulletin and the quarterly agenda
/// count them by subdistrict and sector, name the red ones and the repeat offender.
@Suite struct HazardDispatchCommandTests {
    static let sheet = """
        企业名称,统一社会信用代码,企业地址,所属街道,行业领域,隐患描述,判定依据,发现日期,发现渠道,发现人,整改期限,整改责任人,整改措施,整改资金,应急预案
        枣庄鑫源化工有限公司,91370401MA3C00011G,兴仁街道化工园区纬一路8号,兴仁街道,危险化学品,液氯储罐区未设置紧急切断装置,《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条,2023-10-12,督导检查发现,区应急局执法大队,2024-04-30,厂长,限期整改,10万元,专人值守
        枣庄恒达金属制品有限公司,91370402MA3C000122,兴城街道工业园经二路16号,兴城街道,工贸,铝镁粉尘除尘系统未采取防止火花进入的措施,《工贸企业重大事故隐患判定标准》第十三条,2023-11-20,督导检查发现,市应急局督导组,2024-03-31,厂长,限期整改,10万元,专人值守
        枣庄鑫源化工有限公司,91370401MA3C00011G,兴仁街道化工园区纬一路8号,兴仁街道,危险化学品,动火作业未落实审批,《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》第五条,2024-01-05,企业自查上报,企业自查,2024-12-31,厂长,限期整改,10万元,专人值守

        """

    @Test func listedHazardsClimbAndAreCountedInTheBulletinAndTheAgenda() throws {
        try withDuban { duban in
            var duban = duban
            duban.now = "2024-01-10T08:00:00+08:00"
            try Fixtures.copyShippedPlansAndTemplates(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            try Data(Self.sheet.utf8).write(to: duban.directory.appendingPathComponent("台账.csv"))
            let imported = try duban.run("hazard", "import", "台账.csv")
            try #require(imported.exitCode == 0, "\(imported)")
            for id in ["hz-2023-0001", "hz-2023-0002"] {
                let listed = try duban.run("hazard", "list-for-supervision", id, "--date", "2024-01-10")
                try #require(listed.exitCode == 0, "\(listed)")
            }
            duban.now = "2024-07-10T12:00:00+08:00"
            let tick = try duban.run("tick", "--since", "2024-01-01")
            try #require(tick.exitCode == 0, "\(tick)")

            let bulletin = try duban.run("bulletin", "--month", "2024-05")
            try #require(bulletin.exitCode == 0, "\(bulletin)")
            let text = bulletin.stdout
            #expect(text.contains("## 七、重大事故隐患挂牌督办"))
            #expect(text.contains("截至2024年5月6日，台账共排查发现重大事故隐患 3 项，挂牌督办 2 项，已销号 0 项，逾期未整改 2 项。"))
            #expect(text.contains("| 兴城街道 | 工贸 | 1 | 1 | 0 | 1 |"))
            #expect(text.contains("| 兴仁街道 | 危险化学品 | 2 | 1 | 0 | 1 |"))
            #expect(text.contains("- 红灯：**枣庄恒达金属制品有限公司"))
            #expect(text.contains("2023-12-31 前排查发现的重大事故隐患 2 项，截至 2024-05-06 已销号 0 项，销号率 0%"))
            #expect(text.contains("2025年尚未开始"))

            let agenda = try duban.run("agenda", "--quarter", "2024Q2")
            try #require(agenda.exitCode == 0, "\(agenda)")
            #expect(agenda.stdout.contains("## 八、重大事故隐患挂牌督办情况"))
            #expect(
                agenda.stdout.contains(
                    "督办记录：2024-04-07 督促提醒（已批准）；2024-05-06 函告（已批准）；2024-06-05 通报（已批准）；2024-07-05 约谈（待审批）。"),
                "hz-2023-0002 (due 2024-03-31) climbs one rung a month: \(agenda.stdout)")
            #expect(agenda.stdout.contains("- 枣庄鑫源化工有限公司（91370401MA3C00011G）：2 项，未销号 2 项。"))
        }
    }
}
