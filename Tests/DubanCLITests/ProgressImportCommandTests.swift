import Foundation
import Testing

@testable import DubanStore

/// `duban progress import` on the shipped plans: a sheet as Excel exports it in China goes in whole,
/// or, with one bad row, not at all.
@Suite struct ProgressImportCommandTests {
    static let sheet = """
        任务编号,报送单位,日期,完成进度,期次,是否完成,数值,说明
        m26-2024-confined-space-census,应急局,2024-03-20,100,,,,三个街道台账建立
        m03-leader-led-inspections,emergency,2024/3/31,,2024Q1,是,,主要负责人带队检查
        m19-2024-unannounced-drills-40,emergency,2024年12月20日,,,,31,“四不”演练占比
        """

    static func loaded(_ body: (DubanProcess) throws -> Void) throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            try body(duban)
        }
    }

    /// GB18030 bytes, as Excel's "CSV (逗号分隔)" saves a Chinese sheet.
    static func gb18030(_ text: String) -> Data {
        text.data(using: String.Encoding(rawValue: 0x8000_0632))!
    }

    @Test func gb18030SheetImportsEveryKindOfReport() throws {
        try Self.loaded { duban in
            let file = duban.directory.appendingPathComponent("应急局进度.csv")
            let bytes = Self.gb18030(Self.sheet.replacingOccurrences(of: "\n", with: "\r\n"))
            #expect(String(data: bytes, encoding: .utf8) == nil)  // really not UTF-8
            try bytes.write(to: file)

            let result = try duban.run("progress", "import", file.path)
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "imported 3 reports on 3 tasks from \(file.path)\n")

            let db = try AppDatabase.open(path: duban.db)
            let census = try db.progressReports(task: "m26-2024-confined-space-census")
            #expect(census.map(\.percent) == [100])
            #expect(census.map(\.departmentId) == ["emergency"])  // 应急局 is emergency's alias
            let inspections = try db.progressReports(task: "m03-leader-led-inspections")
            #expect(inspections.map(\.occurrence) == ["2024Q1"])
            #expect(inspections.map(\.done) == [true])
            #expect(try db.progressReports(task: "m19-2024-unannounced-drills-40").map(\.value) == [31])
            #expect(
                try db.audit(subject: "m03-leader-led-inspections").map(\.detail) == [
                    "emergency reported occurrence 2024Q1 done as of 2024-03-31 (first report): 主要负责人带队检查"
                ])
        }
    }

    @Test func aBadRowRejectsTheWholeSheet() throws {
        try Self.loaded { duban in
            let file = duban.directory.appendingPathComponent("bad.csv")
            // Row 3 reports an occurrence the duty does not have; row 4 a percent on a recurring duty.
            let text = """
                task,department,date,percent,occurrence,value
                m26-2024-confined-space-census,emergency,2024-03-20,100,,
                m03-leader-led-inspections,emergency,2024-03-31,,2023Q4,
                s-monthly-dispatch,safety-office,2024-03-31,50,,
                """
            try Data(text.utf8).write(to: file)
            let before = try #require(duban.storeBytes())

            let result = try duban.run("progress", "import", file.path)
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.contains("row 3: occurrence “2023Q4” is not a period of m03-leader-led-inspections"))
            #expect(result.stderr.contains("row 4: s-monthly-dispatch is a recurring duty (every month)"))
            #expect(result.stderr.contains("2 rows were refused, so nothing was recorded"))
            #expect(duban.storeBytes() == before)
            let db = try AppDatabase.open(path: duban.db)
            #expect(try db.progressReports(task: "m26-2024-confined-space-census").isEmpty)
        }
    }

    @Test func aSheetErrorNamesTheRowAndColumn() throws {
        try Self.loaded { duban in
            let file = duban.directory.appendingPathComponent("dates.csv")
            try Data("task,department,date,percent\nm26-2024-confined-space-census,emergency,2024-13-01,50\n".utf8)
                .write(to: file)
            let result = try duban.run("progress", "import", file.path)
            #expect(result.exitCode == 2)
            #expect(result.stderr.hasPrefix("\(file.path):2:3: error: "), "\(result.stderr)")
            #expect(result.stderr.contains("2024-13-01"))
        }
    }
}
