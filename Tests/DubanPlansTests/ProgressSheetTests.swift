import DubanCore
import Foundation
import Testing

@testable import DubanPlans

/// `ProgressSheet.read(data:file:)`: a department's progress sheet as Excel saves it in China, in
/// its encodings, with its quoting, Chinese headers and every kind of bad row at its exact row.
@Suite struct ProgressSheetTests {
    static let file = "progress.csv"
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    private func read(_ text: String) throws -> [ProgressEntry] {
        try ProgressSheet.read(data: Data(text.utf8), file: Self.file)
    }

    /// The problems reading `text` reports; records a failure when it reads without error.
    private func issues(_ text: String) -> [PlanIssue] {
        issues(Data(text.utf8))
    }

    private func issues(_ data: Data) -> [PlanIssue] {
        do {
            let entries = try ProgressSheet.read(data: data, file: Self.file)
            Issue.record("expected an error, read \(entries)")
            return []
        } catch {
            return error.issues
        }
    }

    private func only(_ text: String) throws -> PlanIssue {
        let found = issues(text)
        #expect(found.count == 1, "\(found)")
        return try #require(found.first)
    }

    private func at(_ line: Int, _ column: Int) -> DubanCore.SourceLocation {
        DubanCore.SourceLocation(file: Self.file, line: line, column: column)
    }

    private func day(_ text: String) -> Day { Fixture.day(text) }

    /// The same three reports, one of each kind, that the encoding tests read.
    private var threeKinds: [ProgressEntry] {
        [
            ProgressEntry(
                task: "m26-2024-confined-space-census", department: "emergency", date: day("2024-03-20"),
                content: .percent(60), note: "兴仁、兴城已完成摸底", row: 2),
            ProgressEntry(
                task: "o05-quarterly-inspection", department: "housing", date: day("2024-03-31"),
                content: .occurrence("2024Q1", done: true), note: nil, row: 3),
            ProgressEntry(
                task: "t03-skilled-share", department: "hr", date: day("2024-06-30"), content: .value(41.5), row: 4),
        ]
    }

    private let chineseSheet = """
        任务编号,报送单位,日期,进度,期次,数值,备注
        m26-2024-confined-space-census,emergency,2024年3月20日,60%,,,兴仁、兴城已完成摸底
        o05-quarterly-inspection,housing,2024/3/31,,2024Q1,,
        t03-skilled-share,hr,2024-06-30,,,41.5,

        """

    // MARK: - Encodings and CSV

    @Test func readsUTF8WithoutByteOrderMark() throws {
        let sheet = """
            task,department,date,percent,occurrence,value,note
            m26-2024-confined-space-census,emergency,2024-03-20,60,,,兴仁、兴城已完成摸底
            o05-quarterly-inspection,housing,2024-03-31,,2024Q1,,
            t03-skilled-share,hr,2024-06-30,,,41.5,

            """
        #expect(try read(sheet) == threeKinds)
    }

    @Test func readsUTF8WithByteOrderMarkAndCRLF() throws {
        let crlf = chineseSheet.replacingOccurrences(of: "\n", with: "\r\n")
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(crlf.utf8)
        #expect(try ProgressSheet.read(data: data, file: Self.file) == threeKinds)
    }

    @Test func readsGB18030() throws {
        let crlf = chineseSheet.replacingOccurrences(of: "\n", with: "\r\n")
        let data = try #require(crlf.data(using: Self.gb18030))
        #expect(String(data: data, encoding: .utf8) == nil, "the bytes must not be valid UTF-8")
        #expect(try ProgressSheet.read(data: data, file: Self.file) == threeKinds)
    }

    /// Bytes as `iconv -t GB18030` writes `编号,单位,日期,进度` and `m1,应急局,2024年3月20日,60%`.
    @Test func readsHardCodedGB18030Bytes() throws {
        let bytes: [UInt8] = [
            0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xb5, 0xa5, 0xce, 0xbb, 0x2c, 0xc8, 0xd5,
            0xc6, 0xda, 0x2c, 0xbd, 0xf8, 0xb6, 0xc8, 0x0d, 0x0a, 0x6d, 0x31, 0x2c,
            0xd3, 0xa6, 0xbc, 0xb1, 0xbe, 0xd6, 0x2c, 0x32, 0x30, 0x32, 0x34, 0xc4,
            0xea, 0x33, 0xd4, 0xc2, 0x32, 0x30, 0xc8, 0xd5, 0x2c, 0x36, 0x30, 0x25,
            0x0d, 0x0a,
        ]
        let entries = try ProgressSheet.read(data: Data(bytes), file: Self.file)
        #expect(
            entries == [
                ProgressEntry(
                    task: "m1", department: "应急局", date: day("2024-03-20"), content: .percent(60), row: 2)
            ])
    }

    @Test func bytesNeitherUTF8NorGB18030AreRejected() throws {
        let found = issues(Data([0x74, 0x61, 0x73, 0x6B, 0xFF, 0xFF, 0x0A]))
        #expect(found.count == 1)
        #expect(found.first?.message == "the file is neither UTF-8 nor GB18030 text")
        #expect(found.first?.location == at(1, 1))
        #expect(found.first?.fix.contains("CSV UTF-8") == true)
    }

    @Test func anExcelWorkbookIsRejectedWithTheWayToSaveCSV() throws {
        let found = issues(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("Excel workbook") == true)
        #expect(found.first?.fix.contains("CSV UTF-8") == true)
    }

    /// Commas, doubled quotes and line breaks (CRLF inside the cell too) in quoted cells; a row that
    /// spans two lines of the file is still one sheet row, so the next row is row 3.
    @Test func quotedCellsHoldCommasQuotesAndLineBreaks() throws {
        let sheet =
            "task,by,date,percent,note\r\n"
            + "m1,emergency,2024-03-20,50,\"一、摸底完成,共 12 处\r\n二、\"\"回头看\"\"待开展\"\r\n"
            + "\"m2\",\"housing\",\"2024-03-21\",\"100\",\"\"\r\n"
        let entries = try read(sheet)
        #expect(
            entries == [
                ProgressEntry(
                    task: "m1", department: "emergency", date: day("2024-03-20"), content: .percent(50),
                    note: "一、摸底完成,共 12 处\n二、\"回头看\"待开展", row: 2),
                ProgressEntry(
                    task: "m2", department: "housing", date: day("2024-03-21"), content: .percent(100), row: 3),
            ])
    }

    @Test func aQuoteNeverClosedIsReportedWhereItOpens() throws {
        let issue = try only("task,by,date,percent,note\nm1,emergency,2024-03-20,50,\"未闭合\nm2,housing,2024-03-21,10,\n")
        #expect(issue.location == at(2, 5))
        #expect(issue.message.contains("row 2, column E: a quoted cell opens here and is never closed"))
    }

    @Test func emptyRowsAreSkippedButCounted() throws {
        let sheet = "task,by,date,percent\n\nm1,emergency,2024-03-20,50\n,,,\n  , ,\t,\nm2,housing,2024-03-21,10\n\n"
        #expect(try read(sheet).map(\.row) == [3, 6])
    }

    @Test func aHeaderWithoutRowsReadsAsNoEntries() throws {
        #expect(try read("任务编号,报送单位,日期,进度\r\n").isEmpty)
    }

    // MARK: - Chinese headers and cell forms

    @Test func chineseHeadersInAnyOrderWithNotesInParentheses() throws {
        let sheet = """
            高新区安全生产三年行动进度报送表,,,,,,,,,
            序号,任务名称,任务ID,责任单位,报送日期,完成进度（%）,周期,是否完成,实际值,佐证
            1,开展有限空间摸底,m26,emergency,2024年3月5日,８０％,,,,台账已建立
            2,季度检查,o05,housing,2024/4/1,,2024年第一季度,否,,
            3,季度检查,o05,housing,2024/7/1,,2024q2,未完成,,
            4,半年报,o07,fire,2024-07-01,,2024年上半年,已完成,,
            5,月报,o09,fire,2024-03-31,,2024年3月,,,
            6,技能人才占比,t03,hr,2024-12-31,,,,"1,234.5",
            """
        let entries = try read(sheet)
        #expect(
            entries == [
                ProgressEntry(
                    task: "m26", department: "emergency", date: day("2024-03-05"), content: .percent(80),
                    note: "台账已建立", row: 3),
                ProgressEntry(
                    task: "o05", department: "housing", date: day("2024-04-01"),
                    content: .occurrence("2024Q1", done: false), row: 4),
                ProgressEntry(
                    task: "o05", department: "housing", date: day("2024-07-01"),
                    content: .occurrence("2024Q2", done: false), row: 5),
                ProgressEntry(
                    task: "o07", department: "fire", date: day("2024-07-01"),
                    content: .occurrence("2024H1", done: true), row: 6),
                ProgressEntry(
                    task: "o09", department: "fire", date: day("2024-03-31"),
                    content: .occurrence("2024-03", done: true), row: 7),
                ProgressEntry(
                    task: "t03", department: "hr", date: day("2024-12-31"), content: .value(1234.5), row: 8),
            ])
    }

    @Test(arguments: [
        ("TASK", "单位", "DATE"), (" Task ", "By", "日期"), ("编号", "Department", "报送日期"),
        ("*任务编号", "报送单位（全称）", "日期(YYYY-MM-DD)"), ("任务（ID）", "\u{3000}单位", "Ｄａｔｅ"),
    ])
    func headersIgnoreCaseSpacesAndNotes(_ names: (String, String, String)) throws {
        let sheet = "\(names.0),\(names.1),\(names.2),完成比例\nm1,emergency,2024-03-20,20\n"
        #expect(try read(sheet).map(\.task) == ["m1"])
    }

    @Test(arguments: [
        ("yes", true), ("No", false), ("TRUE", true), ("false", false), ("1", true), ("0", false), ("是", true),
        ("否", false), ("已完成", true), ("未完成", false), ("", true),
    ])
    func doneValues(_ text: String, _ done: Bool) throws {
        let entries = try read("task,by,date,occurrence,done\no1,emergency,2024-03-31,2024Q1,\(text)\n")
        #expect(entries.first?.content == .occurrence("2024Q1", done: done))
    }

    @Test(arguments: [
        ("2024Q1", "2024Q1"), ("2024q4", "2024Q4"), ("2024-Q2", "2024Q2"), ("2024年第三季度", "2024Q3"),
        ("2024年4季度", "2024Q4"), ("2024-03", "2024-03"), ("2024-3", "2024-03"), ("2024年11月", "2024-11"),
        ("2024-03/04", "2024-03/04"), ("2024年3-4月", "2024-03/04"), ("2024H1", "2024H1"), ("2024h2", "2024H2"),
        ("2024年下半年", "2024H2"), ("2024", "2024"), ("2024年度", "2024"), ("２０２４Ｑ１", "2024Q1"),
    ])
    func periodKeys(_ text: String, _ key: String) {
        #expect(ProgressSheet.parsePeriod(text) == .key(key))
    }

    @Test(arguments: ["Q1", "第一季度", "2024Q", "24Q1", "2024-03-04", "2024/03/04", "2024年3月4日", "二〇二四"])
    func unreadablePeriods(_ text: String) {
        #expect(ProgressSheet.parsePeriod(text) == .unreadable)
    }

    @Test(arguments: ["2024Q5", "2024-13", "2024H3", "2024-02/03", "2024-03/05"])
    func periodsThatDoNotExist(_ text: String) {
        guard case .invalid = ProgressSheet.parsePeriod(text) else {
            Issue.record("\(text) read as \(ProgressSheet.parsePeriod(text))")
            return
        }
    }

    @Test(arguments: [
        ("60", 60.0), ("60%", 60), ("60 %", 60), ("６０％", 60), ("12.5", 12.5), ("-3", -3), ("+3", 3), (".5", 0.5),
        ("1,234", 1234), ("1,234,567.25", 1_234_567.25),
    ])
    func numbers(_ text: String, _ value: Double) {
        #expect(ProgressSheet.number(text) == value)
    }

    @Test(arguments: ["", "%", "六成", "1e2", "0x10", "inf", "nan", "1,23", "12,3456", "1.2.3", "--1", "50%%"])
    func notNumbers(_ text: String) {
        #expect(ProgressSheet.number(text) == nil)
    }

    // MARK: - Header errors

    @Test func unknownColumnIsNamedWithTheAcceptedNames() throws {
        let issue = try only("task,by,date,percent,remark\nm1,emergency,2024-03-20,50,x\n")
        #expect(issue.location == at(1, 5))
        #expect(issue.message == "row 1, column E: unknown column “remark”")
        #expect(issue.fix.contains("note (evidence, 说明, 备注, 佐证)"))
        #expect(issue.fix.contains("task (任务编号, 任务ID, 编号)"))
        #expect(issue.fix.hasSuffix("or delete the column"))
    }

    @Test func unknownColumnNearAKnownOneSuggestsIt() throws {
        let issue = try only("task,by,date,precent\nm1,emergency,2024-03-20,50\n")
        #expect(issue.location == at(1, 4))
        #expect(issue.fix.hasPrefix("did you mean “percent”?"))
    }

    @Test func missingColumnsAreEachReported() throws {
        let found = issues("task,percent\nm1,50\n")
        #expect(found.count == 2)
        #expect(
            found.map(\.message) == [
                "row 1: the header has no department column", "row 1: the header has no date column",
            ])
        #expect(found.first?.fix.contains("报送单位") == true)
        #expect(found.allSatisfy { $0.location == at(1, 1) })
    }

    @Test func aHeaderOfOnlyTheTaskListsEverythingMissing() throws {
        let found = issues("任务编号\nm1\n")
        #expect(
            found.map(\.message) == [
                "row 1: the header has no department column", "row 1: the header has no date column",
                "row 1: the header has no percent, occurrence or value column",
            ])
    }

    @Test func aSheetWithNoPercentOccurrenceOrValueColumnIsRejected() throws {
        let issue = try only("任务编号,报送单位,日期,备注\nm1,emergency,2024-03-20,x\n")
        #expect(issue.message == "row 1: the header has no percent, occurrence or value column")
    }

    @Test func aColumnNamedTwiceIsRejected() throws {
        let issue = try only("task,单位,date,percent,责任单位\nm1,emergency,2024-03-20,50,housing\n")
        #expect(issue.location == at(1, 5))
        #expect(issue.message.contains("“责任单位” is a second department column (column B is “单位”)"))
    }

    @Test func anEmptyFileHasNoHeader() throws {
        let issue = try only("\r\n\r\n")
        #expect(issue.message == "the sheet has no header row")
        #expect(issue.location == at(1, 1))
    }

    // MARK: - Row errors

    @Test func badDateNamesRowValueAndFix() throws {
        let sheet = "task,by,date,percent\nm1,emergency,2024-03-20,50\nm2,emergency,2024-13-01,50\n"
        let issue = try only(sheet)
        #expect(issue.location == at(3, 3))
        #expect(issue.message == "row 3, column C “date”: “2024-13-01” is not a date")
        #expect(issue.fix == "write it as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日, e.g. 2024-03-20")
        #expect(issue.description.hasPrefix("progress.csv:3:3: error: row 3"))
    }

    @Test func anExcelDateSerialIsExplained() throws {
        let issue = try only("task,by,date,percent\nm1,emergency,45371,50\n")
        #expect(issue.location == at(2, 3))
        #expect(issue.fix.hasSuffix("(a number like 45371 is an Excel date serial: format the column as a date)"))
    }

    @Test func aDayThatDoesNotExistSaysWhy() throws {
        let issue = try only("任务编号,报送单位,日期,进度\nm1,emergency,2025年2月30日,50\n")
        #expect(issue.location == at(2, 3))
        #expect(issue.message == "row 2, column C “日期”: “2025年2月30日” is not a day: 2025年2月 has 28 days")
        #expect(issue.fix == "write a day that exists, e.g. 2025-02-28")
    }

    @Test func percentOver100IsRejected() throws {
        let issue = try only("task,by,date,percent\nm1,emergency,2024-03-20,50\nm1,emergency,2024-03-21,150%\n")
        #expect(issue.location == at(3, 4))
        #expect(issue.message == "row 3, column D “percent”: “150%” is over 100")
        #expect(issue.fix == "write the percent done, from 0 to 100 (100 = done)")
    }

    @Test func twoKindsFilledIsRejectedAtTheSecond() throws {
        let sheet = "任务编号,报送单位,日期,进度,期次,数值\nm1,emergency,2024-03-20,50,,\nm1,emergency,2024-03-20,50,,12\n"
        let issue = try only(sheet)
        #expect(issue.location == at(3, 6))
        #expect(issue.message == "row 3, column F “数值”: column D “进度” “50” and column F “数值” “12” are both filled")
        #expect(issue.fix.hasPrefix("a row reports one thing: “进度” (percent) for a milestone"))
    }

    @Test func noKindFilledIsRejected() throws {
        let issue = try only("task,by,date,percent,occurrence,value,note\nm1,emergency,2024-03-20,,,,已完成一半\n")
        #expect(issue.location == at(2, 4))
        #expect(
            issue.message
                == "row 2, column D “percent”: none of column D “percent”, column E “occurrence”, column F “value” is filled"
        )
        #expect(issue.fix.hasPrefix("fill one: a row reports one thing"))
    }

    @Test func anEmptyPercentInASheetWithOnlyPercentsSaysSo() throws {
        let issue = try only("任务编号,报送单位,日期,进度\nm1,emergency,2024-03-20,\n")
        #expect(issue.location == at(2, 4))
        #expect(issue.message == "row 2, column D “进度”: column D “进度” is empty")
    }

    @Test func threeKindsFilledNameAllThree() throws {
        let issue = try only("task,by,date,percent,occurrence,value\nm1,emergency,2024-03-20,5,2024Q1,7\n")
        #expect(issue.location == at(2, 5))
        #expect(issue.message.hasSuffix("column F “value” “7” are all filled"))
    }

    @Test func badDoneValueIsRejected() throws {
        let issue = try only("task,by,date,occurrence,是否完成\no1,emergency,2024-03-31,2024Q1,完成了\n")
        #expect(issue.location == at(2, 5))
        #expect(issue.message == "row 2, column E “是否完成”: “完成了” is not yes or no")
        #expect(issue.fix.hasPrefix("write 是 or 否"))
    }

    @Test func doneWithoutAnOccurrenceIsRejected() throws {
        let issue = try only("task,by,date,percent,occurrence,done\nm1,emergency,2024-03-31,100,,是\n")
        #expect(issue.location == at(2, 6))
        #expect(issue.message.contains("done only goes with an occurrence"))
    }

    @Test func emptyRequiredCellsAreEachReported() throws {
        let found = issues("task,by,date,percent\n ,,,50\n")
        #expect(found.map(\.location) == [at(2, 1), at(2, 2), at(2, 3)])
        #expect(
            found.map(\.message) == [
                "row 2, column A “task”: the task is empty", "row 2, column B “by”: the department is empty",
                "row 2, column C “date”: the date is empty",
            ])
    }

    @Test func aValueUnderNoHeaderIsRejected() throws {
        let issue = try only("task,by,date,percent\nm1,emergency,2024-03-20,50,多出来的\n")
        #expect(issue.location == at(2, 5))
        #expect(issue.message == "row 2, column E: “多出来的” is in a column with no header")
    }

    @Test func badPeriodIsRejected() throws {
        let issue = try only("task,by,date,occurrence\no1,emergency,2024-03-31,2024Q5\n")
        #expect(issue.location == at(2, 4))
        #expect(issue.message == "row 2, column D “occurrence”: “2024Q5” is not a period: a year has quarters 1 to 4")
        #expect(issue.fix.contains("2024Q1 (quarter)"))
    }

    /// Every bad row is reported, each at its own row (blank and multi-line rows counted), and good
    /// rows do not rescue the file.
    @Test func errorsFromEveryRowAreAllReported() throws {
        let sheet =
            "task,by,date,percent,occurrence,done,value,note\r\n"
            + "m1,emergency,2024-03-20,50,,,,ok\r\n"
            + "m2,emergency,2024/2/30,150,,,,\"两行\r\n说明\"\r\n"
            + "\r\n"
            + "o1,housing,2024-03-31,,2024Q1,maybe,,\r\n"
            + "t1,hr,2024-06-30,,,,,\r\n"
            + "t2,hr,2024-06-30,10,,,3,\r\n"
        let found = issues(sheet)
        #expect(found.map(\.location) == [at(3, 3), at(3, 4), at(5, 6), at(6, 4), at(7, 7)])
        #expect(found.map { $0.message.prefix(6) } == ["row 3,", "row 3,", "row 5,", "row 6,", "row 7,"])
        #expect(found[0].message.contains("“2024/2/30”"))
        #expect(found[1].message.contains("“150”"))
        #expect(found[2].message.contains("“maybe”"))
        #expect(found.allSatisfy { $0.severity == .error && !$0.fix.isEmpty })
    }

    // MARK: - Files

    @Test func readsAFileByPath() throws {
        try Fixture.withTemporaryFolder { folder in
            let path = folder + "/进度.csv"
            try Data([0xEF, 0xBB, 0xBF] + Array(chineseSheet.utf8)).write(to: URL(fileURLWithPath: path))
            #expect(try ProgressSheet.read(path: path) == threeKinds)
            do throws(PlanError) {
                _ = try ProgressSheet.read(path: folder + "/missing.csv")
                Issue.record("read a missing file")
            } catch {
                #expect(error.issues.first?.message == "no such file")
                #expect(error.issues.first?.subject == folder + "/missing.csv")
            }
        }
    }

    @Test func errorsCarryTheFileNameGiven() throws {
        do {
            _ = try ProgressSheet.read(
                data: Data("task,by,date,percent\nm1,emergency,昨天,50\n".utf8), file: "reports/应急局.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("reports/应急局.csv:2:3: error: row 2, column C “date”: “昨天”"))
        }
    }
}
