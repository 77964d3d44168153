import DubanCore
import DubanPlans
import Foundation
import Testing
import ZIPFoundation

@testable import DubanImport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `XLSXWorkbook` writes a workbook Excel opens; `XLSXReader` reads workbooks as Excel and WPS save
/// them, shared strings and all.
@Suite struct XLSXWorkbookTests {
    static let workbook = XLSXWorkbook(
        sheetName: "任务清单", header: ["序号", "任务", "牵头单位"],
        rows: [
            [.number(1), .text("A&B <C> \"D\"\n第二行"), .text("区应急管理局")],
            [.number(2), .text(""), .text("控制符\u{07}去掉")],
        ])

    /// The package's entries in the order they are stored.
    static func entries(_ data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read, pathEncoding: nil)
        var entries: [(path: String, data: Data)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            entries.append((entry.path, bytes))
        }
        return entries
    }

    @Test func contentTypesComeFirstAndEveryPartIsWellFormedXML() throws {
        let entries = try Self.entries(try Self.workbook.data())
        #expect(
            entries.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/worksheets/sheet1.xml",
            ])
        for (path, data) in entries {
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(path) does not parse: \(String(describing: parser.parserError))")
        }
    }

    @Test func theSameCellsGiveTheSameBytes() throws {
        let first = try Self.workbook.data()
        #expect(try Self.workbook.data() == first)
        let archive = try Archive(data: first, accessMode: .read, pathEncoding: nil)
        let dates = Set(archive.map { $0.fileAttributes[.modificationDate] as? Date })
        #expect(dates.count == 1)
    }

    @Test func theHeaderIsBoldAndFrozenAndColumnsFitTheirText() throws {
        let sheet = try #require(String(data: try Self.entries(try Self.workbook.data())[5].data, encoding: .utf8))
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"B1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">任务</t></is></c>"))
        #expect(XLSXWorkbook.styles.contains("<font><b/>"))
        // 区应急管理局: six CJK characters count 12, plus 2.
        #expect(sheet.contains("<col min=\"3\" max=\"3\" width=\"14\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<c r=\"A2\" s=\"0\"><v>1</v></c>"))
        #expect(sheet.contains("A&amp;B &lt;C&gt; &quot;D&quot;\n第二行"))
        #expect(!sheet.contains("\u{07}"))
    }

    @Test func whatIsWrittenReadsBack() throws {
        let rows = try XLSXReader.read(data: try Self.workbook.data(), file: "t.xlsx").rows
        #expect(
            rows == [
                ProgressSheet.Row(number: 1, cells: ["序号", "任务", "牵头单位"]),
                ProgressSheet.Row(number: 2, cells: ["1", "A&B <C> \"D\"\n第二行", "区应急管理局"]),
                ProgressSheet.Row(number: 3, cells: ["2", "", "控制符去掉"]),
            ])
    }

    /// A workbook the way Excel saves one: shared strings with rich text and phonetic hints, sparse
    /// rows, a date as its serial number, a sheet found through the workbook's relationships.
    static func excelStyleWorkbook() throws -> Data {
        let parts = [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
            ),
            (
                "xl/workbook.xml",
                """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="清单" sheetId="1" r:id="rId7"/></sheets></workbook>
                """
            ),
            (
                "xl/_rels/workbook.xml.rels",
                """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/tasks.xml"/></Relationships>
                """
            ),
            (
                "xl/sharedStrings.xml",
                """
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">\
                <si><t>工作任务</t></si><si><t>牵头单位</t></si><si><t>完成时限</t></si>\
                <si><r><rPr><b/></rPr><t>开展</t></r><r><t xml:space="preserve">检查 </t></r></si>\
                <si><t>应急局</t><rPh sb="0" eb="3"><t>ヨウキュウキョク</t></rPh></si>\
                <si><t>2025年度任务清单</t></si></sst>
                """
            ),
            (
                "xl/worksheets/tasks.xml",
                """
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
                <row r="1"><c r="A1" t="s"><v>5</v></c></row>\
                <row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="D3" t="s"><v>2</v></c></row>\
                <row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="s"><v>4</v></c><c r="D4" s="3"><v>45838</v></c></row>\
                </sheetData></worksheet>
                """
            ),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    @Test func sharedStringsSparseRowsAndDateSerialsAreRead() throws {
        let data = try Self.excelStyleWorkbook()
        #expect(
            try XLSXReader.read(data: data, file: "t.xlsx").rows == [
                ProgressSheet.Row(number: 1, cells: ["2025年度任务清单"]),
                ProgressSheet.Row(number: 3, cells: ["工作任务", "牵头单位", "", "完成时限"]),
                ProgressSheet.Row(number: 4, cells: ["开展检查 ", "应急局", "", "45838"]),
            ])
        let sheet = try TaskSheet.read(data: data, file: "t.xlsx", context: TaskSheetFixture.context(action: "goals"))
        #expect(sheet.tasks.map(\.title) == ["开展检查"])
        #expect(sheet.tasks.first?.schedule.due == Day("2025-06-30"))
        #expect(sheet.tasks.first?.location?.line == 4)
    }

    @Test func somethingElseWithAZipHeaderIsRejected() throws {
        let issues = TaskSheetFixture.issues(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]), file: "broken.xlsx")
        #expect(issues.map(\.message) == ["the file is not a zip package, so not an .xlsx workbook"])
        #expect(issues.first?.location == DubanCore.SourceLocation(file: "broken.xlsx", line: 1, column: 1))
    }
}
