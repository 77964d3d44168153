import DubanCore
import Foundation
import Testing

@testable import DubanPlans

/// `CalendarFiles`: the State Council schedules under plans/calendar, and every bad calendar file
/// reported at its exact file, line and column with a fix.
@Suite struct CalendarFilesTests {
    static let file = "plans/calendar/2025.yaml"

    /// A good 2025 file. Lines: `元旦`'s days on 4 (column 12), `春节`'s on 6 (items at columns
    /// 12, 24, …, 96), `国庆节、中秋节`'s on 9–16 (column 9), `workdays` items on 18–21 (column 5).
    static let good = """
        year: 2025
        holidays:
          - name: 元旦
            days: [2025-01-01]
          - name: 春节
            days: [2025-01-28, 2025-01-29, 2025-01-30, 2025-01-31, 2025-02-01, 2025-02-02, 2025-02-03, 2025-02-04]
          - name: 国庆节、中秋节
            days:
              - 2025-10-01
              - 2025-10-02
              - 2025-10-03
              - 2025-10-04
              - 2025-10-05
              - 2025-10-06
              - 2025-10-07
              - 2025-10-08
        workdays:
          - 2025-01-26
          - 2025-02-08
          - 2025-09-28
          - 2025-10-11

        """

    /// `good` with the one occurrence of `old` replaced by `new`.
    static func good(replacing old: String, with new: String) -> String {
        let parts = good.components(separatedBy: old)
        precondition(parts.count == 2, "“\(old)” must occur exactly once")
        return parts.joined(separator: new)
    }

    static func location(_ line: Int, _ column: Int, file: String = file) -> DubanCore.SourceLocation {
        DubanCore.SourceLocation(file: file, line: line, column: column)
    }

    /// The problems reading `yaml` reports; records a failure when it reads without error.
    static func issues(_ yaml: String) -> [PlanIssue] {
        do {
            let year = try CalendarFiles.read(yaml: yaml, file: file)
            Issue.record("expected an error, read \(year)")
            return []
        } catch {
            return error.issues
        }
    }

    /// The one problem reading `yaml` reports.
    static func only(_ yaml: String) throws -> PlanIssue {
        let issues = issues(yaml)
        #expect(issues.count == 1, "\(issues)")
        let issue = try #require(issues.first)
        #expect(issue.severity == .error)
        #expect(!issue.fix.isEmpty)
        return issue
    }

    // MARK: good files

    @Test func readsAGoodFile() throws {
        let year = try CalendarFiles.read(yaml: Self.good, file: Self.file)
        #expect(year.year == 2025)
        #expect(year.holidays.count == 17)
        #expect(year.holidays[Fixture.day("2025-02-01")] == "春节")
        #expect(year.holidays[Fixture.day("2025-10-08")] == "国庆节、中秋节")
        #expect(year.workdays == Set(["2025-01-26", "2025-02-08", "2025-09-28", "2025-10-11"].map(Fixture.day)))
    }

    @Test func quotedDatesAndASingleDayRead() throws {
        let year = try CalendarFiles.read(
            yaml: "year: \"2025\"\nholidays:\n  - name: 元旦\n    days: '2025-01-01'\nworkdays: []\n", file: Self.file)
        #expect(year.holidays == [Fixture.day("2025-01-01"): "元旦"])
        #expect(year.workdays.isEmpty)
    }

    @Test func shippedCalendarsRead() throws {
        let calendar = try CalendarFiles.read(folder: Fixture.packageRoot + "/plans/calendar")
        #expect(calendar.years.keys.sorted() == [2024, 2025, 2026])
        #expect(calendar.isWorkday(Fixture.day("2024-09-29")))
        #expect(calendar.isWorkday(Fixture.day("2024-10-12")))
        #expect(!calendar.isWorkday(Fixture.day("2024-10-07")))
        #expect(calendar.holiday(on: Fixture.day("2025-01-28")) == "春节")
        #expect(calendar.isWorkday(Fixture.day("2026-01-04")))
        #expect(!calendar.isWorkday(Fixture.day("2026-02-23")))
        #expect(calendar.workingDays(30, before: Fixture.day("2025-10-31")) == Fixture.day("2025-09-15"))
    }

    // MARK: bad days

    @Test func holidayDayOutsideTheYear() throws {
        let issue = try Self.only(Self.good(replacing: "[2025-01-01]", with: "[2024-12-31, 2025-01-01]"))
        #expect(issue.location == Self.location(4, 12))
        #expect(issue.message == "2024-12-31 in `days` of holiday 元旦 is not in 2025, the file's year")
        #expect(issue.fix.hasPrefix("list only days of 2025 here"))
    }

    @Test func workdayOutsideTheYear() throws {
        let issue = try Self.only(Self.good(replacing: "  - 2025-01-26", with: "  - 2026-01-04"))
        #expect(issue.location == Self.location(18, 5))
        #expect(issue.message == "2026-01-04 in `workdays` of the calendar file is not in 2025, the file's year")
    }

    @Test func impossibleDay() throws {
        let issue = try Self.only(Self.good(replacing: "2025-02-04]", with: "2025-02-29]"))
        #expect(issue.location == Self.location(6, 96))
        #expect(
            issue.message
                == "“2025-02-29” in `days` of holiday 春节 does not exist: 2025年2月 has 28 days, so day 29 does not exist")
        #expect(issue.fix.hasPrefix("write a day that exists"))
    }

    @Test func impossibleMonth() throws {
        let issue = try Self.only(Self.good(replacing: "  - 2025-09-28", with: "  - 2025-13-01"))
        #expect(issue.location == Self.location(20, 5))
        #expect(issue.message.hasSuffix("does not exist: month 13 does not exist"))
    }

    @Test func notADate() throws {
        let issue = try Self.only(Self.good(replacing: "      - 2025-10-01", with: "      - 2025/10/01"))
        #expect(issue.location == Self.location(9, 9))
        #expect(issue.message == "“2025/10/01” in `days` of holiday 国庆节、中秋节 is not a date")
        #expect(issue.fix == "write dates as YYYY-MM-DD, e.g. 2025-01-01")
    }

    @Test func workdayOnAWeekday() throws {
        let issue = try Self.only(Self.good(replacing: "  - 2025-10-11", with: "  - 2025-10-10"))
        #expect(issue.location == Self.location(21, 5))
        #expect(issue.message == "working day 2025-10-10 is a Friday, which is a working day anyway")
        #expect(issue.fix.contains("only the Saturdays and Sundays"))
    }

    @Test func holidayDayAlsoAWorkday() throws {
        let issue = try Self.only(Self.good(replacing: "  - 2025-10-11\n", with: "  - 2025-10-11\n  - 2025-02-01\n"))
        #expect(issue.location == Self.location(22, 5))
        #expect(issue.message == "2025-02-01 is listed both as a day off (春节, line 6) and as a working day")
        #expect(issue.fix.contains("remove it from one list"))
    }

    @Test func weekdayHolidayListedAsWorkdaySaysItIsAHoliday() throws {
        let issue = try Self.only(Self.good(replacing: "  - 2025-10-11", with: "  - 2025-10-08"))
        #expect(issue.location == Self.location(21, 5))
        #expect(issue.message == "2025-10-08 is listed both as a day off (国庆节、中秋节, line 16) and as a working day")
    }

    @Test func dayInTwoHolidays() throws {
        let issue = try Self.only(Self.good(replacing: "      - 2025-10-08", with: "      - 2025-02-04"))
        #expect(issue.location == Self.location(16, 9))
        #expect(issue.message == "2025-02-04 is already listed under 春节, line 6")
    }

    @Test func workdayTwice() throws {
        let issue = try Self.only(Self.good(replacing: "  - 2025-10-11", with: "  - 2025-02-08"))
        #expect(issue.location == Self.location(21, 5))
        #expect(issue.message == "working day 2025-02-08 is listed twice")
    }

    // MARK: bad keys and values

    @Test func unknownTopLevelKey() throws {
        let issue = try Self.only(Self.good + "source: 国办发明电〔2024〕12号\n")
        #expect(issue.location == Self.location(22, 1))
        #expect(issue.message == "unknown key “source” in the calendar file")
        #expect(issue.fix == "allowed keys are year, holidays, workdays")
    }

    @Test func unknownHolidayKey() throws {
        let issues = Self.issues(Self.good(replacing: "    days: [2025-01-01]", with: "    day: [2025-01-01]"))
        #expect(issues.count == 2, "\(issues)")
        let unknown = try #require(issues.first)
        #expect(unknown.location == Self.location(4, 5))
        #expect(unknown.message == "unknown key “day” in a holiday")
        #expect(unknown.fix == "allowed keys are name, days (did you mean “days”?)")
        #expect(issues.last?.location == Self.location(3, 5))
        #expect(issues.last?.message == "holiday 元旦 has no `days`")
    }

    @Test func emptyDays() throws {
        let issue = try Self.only(Self.good(replacing: "[2025-01-01]", with: "[]"))
        #expect(issue.location == Self.location(4, 11))
        #expect(issue.message == "holiday 元旦 has an empty `days` list")
    }

    @Test func holidayWithoutAName() throws {
        let issue = try Self.only(Self.good(replacing: "  - name: 元旦\n    days", with: "  - days"))
        #expect(issue.location == Self.location(3, 5))
        #expect(issue.message == "a holiday has no `name`")
    }

    @Test func missingYear() throws {
        let issue = try Self.only(Self.good(replacing: "year: 2025\n", with: ""))
        #expect(issue.location == Self.location(1, 1))
        #expect(issue.message == "the calendar file has no `year`")
    }

    @Test func yearNotANumber() throws {
        let issue = try Self.only(Self.good(replacing: "year: 2025", with: "year: 二〇二五"))
        #expect(issue.location == Self.location(1, 7))
        #expect(issue.message == "`year` “二〇二五” is not a year")
        #expect(issue.fix.contains("year: 2025"))
    }

    @Test func missingHolidays() throws {
        let issue = try Self.only("year: 2025\nworkdays: [2025-01-26]\n")
        #expect(issue.location == Self.location(1, 1))
        #expect(issue.message == "the calendar file has no `holidays`")
    }

    @Test func syntaxError() throws {
        let issue = try Self.only(Self.good(replacing: "[2025-01-01]", with: "[2025-01-01"))
        #expect(issue.message.hasPrefix("YAML syntax error"))
        #expect(issue.location?.file == Self.file)
    }

    @Test func emptyFile() throws {
        let issue = try Self.only("# nothing yet\n")
        #expect(issue.location == Self.location(1, 1))
        #expect(issue.message == "the calendar file is empty")
    }

    @Test func everyProblemInAFileIsReported() {
        var yaml = Self.good(replacing: "[2025-01-01]", with: "[2024-12-31]")
        yaml = yaml.replacingOccurrences(of: "  - 2025-10-11", with: "  - 2025-10-10")
        let issues = Self.issues(yaml)
        #expect(issues.map(\.location) == [Self.location(4, 12), Self.location(21, 5)])
    }

    // MARK: folders

    @Test func sameYearInTwoFiles() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Self.good, to: folder + "/2025.yaml")
            try Fixture.write(Self.good, to: folder + "/2025-copy.yaml")
            let issues: [PlanIssue]
            do throws(PlanError) {
                _ = try CalendarFiles.read(folder: folder)
                issues = []
            } catch {
                issues = error.issues
            }
            #expect(issues.count == 1, "\(issues)")
            let issue = try #require(issues.first)
            // Files are read in name order: 2025-copy.yaml before 2025.yaml.
            #expect(issue.location == Self.location(1, 7, file: folder + "/2025.yaml"))
            #expect(issue.message == "year 2025 is also the year of \(folder)/2025-copy.yaml")
            #expect(issue.fix.contains("one file per year"))
        }
    }

    @Test func problemsInEveryFileAreReportedTogether() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Self.good(replacing: "  - 2025-10-11", with: "  - 2025-10-10"), to: folder + "/2025.yaml")
            try Fixture.write("year: 2026\nholidays: []\nworkday: []\n", to: folder + "/2026.yaml")
            do throws(PlanError) {
                let calendar = try CalendarFiles.read(folder: folder)
                Issue.record("expected an error, read \(calendar)")
            } catch {
                #expect(
                    error.issues.map(\.location) == [
                        Self.location(21, 5, file: folder + "/2025.yaml"),
                        Self.location(3, 1, file: folder + "/2026.yaml"),
                    ])
            }
        }
    }

    @Test func readsEveryYearInAFolder() throws {
        try Fixture.withTemporaryFolder { folder in
            try Fixture.write(Self.good, to: folder + "/2025.yaml")
            try Fixture.write(
                "year: 2026\nholidays:\n  - name: 元旦\n    days: [2026-01-01, 2026-01-02, 2026-01-03]\nworkdays: [2026-01-04]\n",
                to: folder + "/2026.yaml")
            try Fixture.write("not a calendar", to: folder + "/README.md")
            let calendar = try CalendarFiles.read(folder: folder)
            #expect(calendar.years.keys.sorted() == [2025, 2026])
            #expect(calendar.isWorkday(Fixture.day("2026-01-04")))
        }
    }

    @Test func missingFolder() throws {
        do {
            let calendar = try CalendarFiles.read(folder: "/nonexistent/calendar")
            Issue.record("expected an error, read \(calendar)")
        } catch {
            #expect(error.issues.count == 1)
            let issue = try #require(error.issues.first)
            #expect(issue.location == nil)
            #expect(issue.subject == "/nonexistent/calendar")
            #expect(issue.message == "no such calendar folder")
            #expect(issue.fix.contains("--calendar"))
        }
    }

    @Test func folderWithoutCalendarFiles() throws {
        try Fixture.withTemporaryFolder { folder in
            do throws(PlanError) {
                let calendar = try CalendarFiles.read(folder: folder)
                Issue.record("expected an error, read \(calendar)")
            } catch {
                #expect(error.issues.map(\.message) == ["the folder holds no .yaml calendar files"])
            }
        }
    }
}
