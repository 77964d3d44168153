import Foundation
import Testing

/// `duban calendar`: a year's days as the State Council schedule makes them, checked against the
/// 2025 notice written out here by hand.
@Suite struct CalendarCommandTests {
    /// 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号), as (month, day) pairs.
    static let holidays2025: [(name: String, days: [(Int, Int)])] = [
        ("元旦", [(1, 1)]),
        ("春节", [(1, 28), (1, 29), (1, 30), (1, 31), (2, 1), (2, 2), (2, 3), (2, 4)]),
        ("清明节", [(4, 4), (4, 5), (4, 6)]),
        ("劳动节", [(5, 1), (5, 2), (5, 3), (5, 4), (5, 5)]),
        ("端午节", [(5, 31), (6, 1), (6, 2)]),
        ("国庆节、中秋节", [(10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7), (10, 8)]),
    ]
    /// The weekend days worked (调休): 1月26日(周日)、2月8日(周六)、4月27日(周日)、9月28日(周日)、10月11日(周六).
    static let workdays2025: [(Int, Int)] = [(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)]

    /// The expected day, computed here without the package's code.
    struct Expected {
        var date: String
        var workday: Bool
        var holiday: String?
    }

    /// Every day of 2025 from the notice: weekdays work, weekends rest, holidays rest, 调休 days work.
    static func expected2025() -> [Expected] {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]  // 2025 is not a leap year
        var named: [String: String] = [:]
        for (name, days) in holidays2025 {
            for (month, day) in days { named[key(month, day)] = name }
        }
        let swapped = Set(workdays2025.map { key($0.0, $0.1) })
        var result: [Expected] = []
        var weekday = 3  // 2025-01-01 was a Wednesday (1 = Monday … 7 = Sunday)
        for (index, length) in lengths.enumerated() {
            for day in 1...length {
                let date = key(index + 1, day)
                let weekend = weekday >= 6
                let workday = swapped.contains(date) || (!weekend && named[date] == nil)
                result.append(Expected(date: date, workday: workday, holiday: named[date]))
                weekday = weekday % 7 + 1
            }
        }
        return result
    }

    static func key(_ month: Int, _ day: Int) -> String {
        "2025-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    @Test func theHandWrittenScheduleIsSane() {
        let days = Self.expected2025()
        #expect(days.count == 365)
        #expect(days.count(where: \.workday) == 248)
        #expect(days.count { $0.holiday != nil } == 28)
        // The 调休 days are weekend days in the notice: Sundays and Saturdays.
        #expect(days.first { $0.date == "2025-01-26" }?.workday == true)
        #expect(days.first { $0.date == "2025-01-25" }?.workday == false)
        #expect(days.first { $0.date == "2025-12-31" }?.workday == true)  // a Wednesday
        #expect(days.first { $0.date == "2025-12-27" }?.workday == false)  // a Saturday
    }

    @Test func json2025AgreesWithTheNoticeOnEveryDay() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("calendar", "--year", "2025", "--json")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr == "")
            let days = try JSON.array(result.stdout)
            let expected = Self.expected2025()
            #expect(days.count == 365)
            var mismatches: [String] = []
            for (index, want) in expected.enumerated() where index < days.count {
                let got = days[index]
                if Set(got.keys) != ["date", "workday", "holiday"] {
                    mismatches.append("\(want.date): keys \(got.keys)")
                }
                if got["date"] as? String != want.date {
                    mismatches.append("entry \(index): date \(got["date"] ?? "nil"), expected \(want.date)")
                }
                if (got["workday"] as? NSNumber)?.boolValue != want.workday {
                    let shown = (got["workday"] as? Bool).map { String($0) } ?? "missing"
                    mismatches.append("\(want.date): workday \(shown), expected \(want.workday)")
                }
                let holiday = got["holiday"]
                if let name = want.holiday {
                    if holiday as? String != name {
                        mismatches.append("\(want.date): holiday \(holiday ?? "missing"), expected \(name)")
                    }
                } else if !(holiday is NSNull) {
                    mismatches.append("\(want.date): holiday \(holiday ?? "missing"), expected null")
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        }
    }

    @Test func textShowsEachMonthsHolidaysAndSwappedDays() throws {
        try withDuban { duban in
            let result = try duban.run(
                "calendar", "--year", "2025", "--calendar", DubanProcess.packageRoot.path + "/plans/calendar")
            #expect(result.exitCode == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "2025年: 248 working days, 117 days off (weekends and holidays)")
            func row(_ month: String) -> String? { lines.first { $0.hasPrefix(month + " ") } }
            #expect(row("1月")?.contains("元旦 1日; 春节 28–31日") == true)
            #expect(row("1月")?.hasSuffix("26日(周日)") == true)
            #expect(row("2月")?.contains("春节 1–4日") == true)
            #expect(row("2月")?.hasSuffix("8日(周六)") == true)
            #expect(row("3月")?.split(separator: " ", omittingEmptySubsequences: true) == ["3月", "21", "10"])
            #expect(row("10月")?.contains("国庆节、中秋节 1–8日") == true)
            #expect(row("10月")?.hasSuffix("11日(周六)") == true)
            #expect(
                row("total")?.split(separator: " ", omittingEmptySubsequences: true).prefix(3) == [
                    "total", "248", "117",
                ])
        }
    }

    @Test func unknownYearIsBadInputNamingTheKnownYears() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("calendar", "--year", "2027")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.contains("no holiday schedule for 2027"))
            #expect(result.stderr.contains("known years: 2024, 2025, 2026"))
            #expect(result.stderr.contains("add plans/calendar/2027.yaml"))
        }
    }

    @Test func missingCalendarFolderIsBadInput() throws {
        try withDuban { duban in
            let result = try duban.run("calendar", "--year", "2025", "--json")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.contains("plans/calendar: no such calendar folder"))
        }
    }

    @Test func badCalendarFileIsReportedAtItsLine() throws {
        try withDuban { duban in
            let folder = duban.directory.appendingPathComponent("cal")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let yaml = """
                year: 2025
                holidays:
                  - name: 元旦
                    days: [2025-01-01]
                workdays:
                  - 2025-01-27

                """
            try Data(yaml.utf8).write(to: folder.appendingPathComponent("2025.yaml"))
            let result = try duban.run("calendar", "--year", "2025", "--calendar", "cal")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr.hasPrefix(
                    "cal/2025.yaml:6:5: error: working day 2025-01-27 is a Monday, which is a working day anyway; "))
        }
    }

    @Test func yearIsRequired() throws {
        try withDuban { duban in
            let result = try duban.run("calendar")
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains("--year"))
        }
    }
}
