import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// `HazardSheet` reads the 隐患台账 offices keep: CSV in UTF-8 or GB18030 and xlsx, a title row
/// above the header, the ledger's headings or the fields' names, a column map, and dates in the
/// forms people type; it refuses a sheet whose header or cells it cannot read, every problem at once.
@Suite struct HazardSheetTests {
    static let header = "序号,企业名称,统一社会信用代码,企业地址,所属街道,行业领域,隐患描述,判定依据,发现日期,发现渠道,发现人,整改期限,备注"
    static let rowA =
        "1,枣庄某化工有限公司,91370400MA3C000011,兴仁街道化工路1号,兴仁街道,危险化学品,液氨储罐区未设置泄漏报警装置,"
        + "《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条,2025/2/20,督导检查发现,区安委办督导组,2025年4月30日,无"
    static let rowB =
        "2,\"枣庄某建筑有限公司, 二分公司\",91350100M000100Y43,兴城街道建设路8号,xingcheng,construction,深基坑未按方案支护,"
        + "《房屋市政工程生产安全重大事故隐患判定标准》第七条,2025-02-25,public-report,区住建局,2025-08-31,"
    static let sheet = "重大事故隐患台账（2025年）\n" + header + "\n" + rowA + "\n" + rowB + "\n"

    static func gb18030(_ text: String) -> Data { text.data(using: ProgressSheet.gb18030)! }

    @Test func aLedgerWithATitleRowIsReadCellByCell() throws {
        let sheet = try HazardSheet.read(data: Data(Self.sheet.utf8), file: "台账.csv")
        #expect(sheet.rows.map(\.line) == [3, 4])
        let a = sheet.rows[0].fields
        #expect(a[.enterprise] == "枣庄某化工有限公司")
        #expect(a[.subdistrict] == "兴仁街道")
        #expect(a[.sector] == "危险化学品")
        #expect(a[.foundOn] == "2025-02-20")
        #expect(a[.deadline] == "2025-04-30")
        #expect(a[.channel] == "督导检查发现")
        #expect(a.count == 11, "序号 and 备注 are read past: \(a.keys.map(\.rawValue).sorted())")
        #expect(sheet.rows[1].fields[.enterprise] == "枣庄某建筑有限公司, 二分公司")
        #expect(sheet.rows[1].fields[.foundOn] == "2025-02-25")
    }

    @Test func gb18030ReadsAsUTF8Does() throws {
        let utf8 = try HazardSheet.read(data: Data(Self.sheet.utf8), file: "a.csv")
        let gb = try HazardSheet.read(
            data: Self.gb18030(Self.sheet.replacingOccurrences(of: "\n", with: "\r\n")), file: "b.csv")
        #expect(gb == utf8)
    }

    @Test func anXLSXWorkbookReadsAsItsCSVDoes() throws {
        let lines = Self.sheet.split(separator: "\n").map(String.init)
        let header = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let body = try ProgressSheet.rows(of: lines[2...].joined(separator: "\n"), file: "x").map { row in
            row.cells.map { XLSXWorkbook.Cell.text($0) }
        }
        let data = try XLSXWorkbook(sheetName: "隐患台账", header: header, rows: body).data()
        let fromXLSX = try HazardSheet.read(data: data, file: "台账.xlsx")
        let fromCSV = try HazardSheet.read(
            data: Data((lines[1...].joined(separator: "\n") + "\n").utf8), file: "台账.csv")
        #expect(fromXLSX.rows.map(\.fields) == fromCSV.rows.map(\.fields))
    }

    @Test func theFieldsEnglishNamesAndAnIDColumnAreRead() throws {
        let text =
            "id,enterprise,credit_code,address,subdistrict,sector,description,basis,found_on,channel,found_by,deadline\n"
            + "hz-2025-0100,E,91370400MA3C000011,A,xingren,gas,D,B,45708,inspection,F,2025-06-30\n"
        let sheet = try HazardSheet.read(data: Data(text.utf8), file: "a.csv")
        #expect(sheet.rows[0].id == "hz-2025-0100")
        #expect(sheet.rows[0].fields[.foundOn] == "2025-02-20", "an Excel date serial is a day")
    }

    @Test func aColumnMapNamesWhatOtherHeadingsHold() throws {
        let text = Self.sheet.replacingOccurrences(of: "企业名称", with: "生产单位").replacingOccurrences(
            of: "备注", with: "整改进展")
        #expect(throws: PlanError.self) { try HazardSheet.read(data: Data(text.utf8), file: "a.csv") }
        let map = try HazardSheet.Columns.read(yaml: "生产单位: enterprise\n整改进展: ignore\n", file: "map.yaml")
        let sheet = try HazardSheet.read(data: Data(text.utf8), file: "a.csv", columns: map)
        #expect(sheet.rows[0].fields[.enterprise] == "枣庄某化工有限公司")
    }

    @Test func aMapToAFieldThatDoesNotExistIsRefusedAtItsLine() throws {
        let error = #expect(throws: PlanError.self) {
            try HazardSheet.Columns.read(yaml: "单位: enterprise\n台账状态: stat\n", file: "map.yaml")
        }
        let issue = try #require(error?.issues.first)
        #expect(issue.location?.line == 2)
        #expect(issue.message.contains("“stat”"))
        #expect(issue.fix.contains("credit_code"))
    }

    /// Each broken header or cell, and the row, column and words its problem names.
    @Test(arguments: [
        (header.replacingOccurrences(of: "备注", with: "整改情况"), rowA, "row 1, column M: unknown column “整改情况”"),
        (header.replacingOccurrences(of: ",整改期限", with: ""), rowA, "the header has no 整改期限 (deadline) column"),
        (header + ",企业", rowA, "column N: “企业” is a second column for the same field"),
        (
            header, rowA.replacingOccurrences(of: "2025/2/20", with: "二月下旬"),
            "row 2, column I (发现日期): “二月下旬” is not a date"
        ),
    ])
    func aBrokenHeaderOrCellIsRefusedWithWhereAndTheFix(header: String, row: String, message: String) throws {
        let error = #expect(throws: PlanError.self) {
            try HazardSheet.read(data: Data("\(header)\n\(row)\n".utf8), file: "台账.csv")
        }
        let messages = try #require(error).issues.map(\.message)
        #expect(messages.contains { $0.contains(message) }, "\(messages)")
        #expect(error?.issues.allSatisfy { $0.location?.file == "台账.csv" && !$0.fix.isEmpty } == true)
    }

    @Test func everyBadCellIsListedNotOnlyTheFirst() throws {
        let bad = Self.rowA.replacingOccurrences(of: "2025/2/20", with: "不详").replacingOccurrences(
            of: "2025年4月30日", with: "尽快")
        let error = #expect(throws: PlanError.self) {
            try HazardSheet.read(data: Data("\(Self.header)\n\(Self.rowB)\n\(bad)\n".utf8), file: "a.csv")
        }
        #expect(error?.issues.map(\.location?.line) == [3, 3])
        #expect(error?.issues.map(\.location?.column) == [9, 12])
    }

    @Test func aSheetWithoutHazardsOrHeaderIsRefused() throws {
        #expect(throws: PlanError.self) { try HazardSheet.read(data: Data("\(Self.header)\n".utf8), file: "a.csv") }
        #expect(throws: PlanError.self) { try HazardSheet.read(data: Data("甲,乙\n1,2\n".utf8), file: "a.csv") }
    }

    @Test func theCSVItWritesReadsBack() throws {
        let original = try HazardSheet.read(data: Data(Self.sheet.utf8), file: "a.csv")
        let written = HazardSheet.csv(original.rows.map { (id: $0.id, fields: $0.fields) })
        let again = try HazardSheet.read(data: written, file: "b.csv")
        #expect(again.rows.map(\.fields) == original.rows.map(\.fields))
    }
}
