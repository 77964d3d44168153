import Foundation
import Testing

/// `duban hazard generate` and `duban hazard import` end to end on a store with the shipped plans:
/// a generated ledger imports whole, a GB18030 sheet from Excel imports, and a sheet with bad
/// rows is refused with each problem at its row, adding nothing.
@Suite struct HazardImportCommandTests {
    func loaded(_ body: (DubanProcess) throws -> Void) throws {
        try withDuban { duban in
            var duban = duban
            duban.now = "2026-12-01T09:00:00+08:00"
            try Fixtures.copyShippedPlans(into: duban.directory)
            let load = try duban.run("plan", "load")
            try #require(load.exitCode == 0, "\(load)")
            try body(duban)
        }
    }

    func file(_ name: String, in duban: DubanProcess) -> URL { duban.directory.appendingPathComponent(name) }

    static func gb18030(_ text: String) -> Data { text.data(using: String.Encoding(rawValue: 0x8000_0632))! }

    static let header = "序号,企业名称,统一社会信用代码,企业地址,所属街道,行业领域,隐患描述,判定依据,发现日期,发现渠道,发现人,举报人,整改期限\r\n"
    static let good =
        "1,枣庄某化工有限公司,91370400MA3C000011,兴仁街道化工路1号,兴仁街道,危险化学品,液氨储罐区未设置泄漏报警装置,"
        + "《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条,2025/2/20,督导检查发现,区安委办督导组,,2025年4月30日\r\n"
    static let reported =
        "2,枣庄某建筑有限公司,91350100M000100Y43,兴城街道建设路8号,兴城街道,建筑施工,深基坑未按方案支护,"
        + "《房屋市政工程生产安全重大事故隐患判定标准》第七条,2025-02-25,群众举报查实,区住建局,张举报人,2025-08-31\r\n"

    @Test func aGeneratedLedgerImportsWholeAndTheSameSeedWritesTheSameSheet() throws {
        try loaded { duban in
            let first = try duban.run("hazard", "generate", "--count", "300", "--seed", "7", "-o", "a.csv")
            try #require(first.exitCode == 0, "\(first)")
            #expect(first.stdout.hasPrefix("wrote a.csv (300 hazards"))
            _ = try duban.run("hazard", "generate", "--count", "300", "--seed", "7", "-o", "b.csv")
            let other = try duban.run("hazard", "generate", "--count", "300", "--seed", "8", "-o", "c.csv")
            try #require(other.exitCode == 0, "\(other)")
            let a = try Data(contentsOf: file("a.csv", in: duban))
            #expect(a == (try Data(contentsOf: file("b.csv", in: duban))))
            #expect(a != (try Data(contentsOf: file("c.csv", in: duban))))

            let imported = try duban.run("hazard", "import", "a.csv")
            #expect(imported.exitCode == 0, "\(imported)")
            #expect(imported.stdout == "a.csv: 300 hazards added, as reported\n")
            let stats = try duban.run("hazard", "stats", "--by", "channel", "--format", "json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
            let total = try #require(json["total"] as? [String: Any])
            #expect(total["found"] as? Int == 300, "\(stats.stdout)")
        }
    }

    @Test func aGB18030SheetFromExcelImportsWithItsChineseNames() throws {
        try loaded { duban in
            try Self.gb18030(Self.header + Self.good + Self.reported).write(to: file("台账.csv", in: duban))
            let imported = try duban.run("hazard", "import", "台账.csv")
            #expect(imported.exitCode == 0, "\(imported)")
            #expect(imported.stdout == "台账.csv: 2 hazards added, as reported\n")
            let shown = try duban.run("hazard", "show", "hz-2025-0002", "--json")
            #expect(shown.exitCode == 0, "\(shown)")
            #expect(shown.stdout.contains("xingcheng"), "兴城街道 is read as its id: \(shown.stdout)")
            #expect(shown.stdout.contains("public-report"))
            #expect(shown.stdout.contains("张举报人"), "the office sees the reporter")
        }
    }

    @Test func aSheetWithBadRowsIsRefusedWithEveryProblemAndAddsNothing() throws {
        try loaded { duban in
            let badCode = Self.good.replacingOccurrences(of: "91370400MA3C000011", with: "91370400MA3C000012")
            let badSector = Self.reported.replacingOccurrences(of: "建筑施工", with: "航天").replacingOccurrences(
                of: "2025-08-31", with: "2025-01-31")
            try Data((Self.header + badCode + "3" + Self.good.dropFirst() + badSector).utf8)
                .write(to: file("台账.csv", in: duban))
            let refused = try duban.run("hazard", "import", "台账.csv")
            #expect(refused.exitCode == 2, "\(refused)")
            #expect(refused.stdout.isEmpty)
            let errors = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(errors.count == 3, "\(refused.stderr)")
            #expect(errors.contains { $0.contains("台账.csv:2") && $0.contains("should be “1”, not “2”") })
            #expect(errors.contains { $0.contains("台账.csv:4") && $0.contains("航天") })
            #expect(errors.contains { $0.contains("台账.csv:4") && $0.contains("before") })
            #expect(refused.stderr.contains("nothing was changed"))
            let listed = try duban.run("hazard", "list")
            #expect(listed.stdout.contains("0 hazards"), "\(listed)")
        }
    }

    @Test func aBrokenHeaderNamesTheColumnAndAMapFixesIt() throws {
        try loaded { duban in
            let sheet = (Self.header + Self.good).replacingOccurrences(of: "企业名称", with: "生产单位")
            try Data(sheet.utf8).write(to: file("台账.csv", in: duban))
            let refused = try duban.run("hazard", "import", "台账.csv")
            #expect(refused.exitCode == 2)
            #expect(refused.stderr.contains("台账.csv:1:2"), "\(refused.stderr)")
            #expect(refused.stderr.contains("unknown column “生产单位”"))
            try Data("生产单位: enterprise\n".utf8).write(to: file("map.yaml", in: duban))
            let imported = try duban.run("hazard", "import", "台账.csv", "--map", "map.yaml")
            #expect(imported.exitCode == 0, "\(imported)")
        }
    }
}
