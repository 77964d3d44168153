import DubanCore
import Foundation
import Testing

@testable import DubanDocs

/// `CalendarFeed`: RFC 5545 text (folding, escaping, CRLF), stable UIDs, all-day events and
/// alarms counted in working days around the 2024 National Day holiday.
///
/// The calendar: 2024-10-01 … 10-07 off; Sunday 09-29 and Saturday 10-12 are working days.
@Suite struct CalendarFeedTests {
    static func day(_ text: String) -> Day { Day(text)! }

    static let calendar = WorkCalendar(years: [
        WorkCalendar.Year(
            year: 2024,
            holidays: Dictionary(uniqueKeysWithValues: (1...7).map { (Day(year: 2024, month: 10, day: $0)!, "国庆节") }),
            workdays: [day("2024-09-29"), day("2024-10-12")])
    ])

    /// 2024-06-10T06:13:20Z.
    static let stamp = Date(timeIntervalSince1970: 1_718_000_000)

    static func milestone(_ id: String, title: String, due: String, source: String? = nil) -> PlanTask {
        PlanTask(
            id: id, title: title, plan: "p", action: "a1", measure: 3, lead: "emergency",
            schedule: .milestone(start: nil, due: DeadlinePhrase(text: "2024年10月8日前", start: nil, due: day(due))),
            source: source)
    }

    /// A monthly duty over October and November 2024.
    static let duty = PlanTask(
        id: "patrol", title: "月度巡查", plan: "p", action: "a2", measure: nil, lead: "emergency",
        schedule: .obligation(Obligation(every: .month, start: day("2024-10-01"), end: day("2024-11-30"))))

    static func feed(_ tasks: [PlanTask], stamp: Date = stamp) -> CalendarFeed {
        CalendarFeed(
            name: "区应急管理局, 督办事项", tasks: tasks, reminderWorkingDays: [1, 30, 7], alarmMinute: 9 * 60,
            calendar: calendar, stamp: stamp)
    }

    /// The feed's bytes cut at CRLF, without the empty piece after the last one.
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        #expect(current.isEmpty, "the feed ends with CRLF")
        return lines
    }

    /// The content lines: every CRLF followed by a space removed (RFC 5545 § 3.1), then cut at CRLF.
    static func logicalLines(_ text: String) -> [String] {
        var unfolded: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 32 {
                index += 3
            } else {
                unfolded.append(bytes[index])
                index += 1
            }
        }
        return physicalLines(String(decoding: unfolded, as: UTF8.self)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Each VEVENT's content lines, BEGIN and END left out.
    static func events(_ text: String) -> [[String]] {
        var events: [[String]] = []
        var current: [String]?
        for line in logicalLines(text) {
            if line == "BEGIN:VEVENT" {
                current = []
            } else if line == "END:VEVENT" {
                events.append(current ?? [])
                current = nil
            } else {
                current?.append(line)
            }
        }
        return events
    }

    static func triggers(_ event: [String]) -> [String] {
        event.filter { $0.hasPrefix("TRIGGER") }
    }

    /// Long enough to fold twice, with a three-byte character across the 75th octet.
    static let longTitle = "ab" + String(repeating: "安全生产治本攻坚", count: 6)

    @Test func everyPhysicalLineFitsIn75OctetsAndIsWholeUTF8() throws {
        let text = Self.feed([Self.milestone("m1", title: Self.longTitle, due: "2024-10-08"), Self.duty]).rendered
        let lines = Self.physicalLines(text)
        #expect(lines.count > 40)
        for line in lines {
            #expect(line.count <= 75, "\(String(decoding: line, as: UTF8.self))")
            #expect(String(bytes: line, encoding: .utf8) != nil, "a UTF-8 character was split")
        }
        // Continuation lines start with the space; a line is only cut when the next character would not fit.
        let summary = try #require(lines.firstIndex { $0.starts(with: Array("SUMMARY:".utf8)) })
        #expect(lines[summary].count == 73)  // "SUMMARY:【截止】ab" is 22 octets, then 17 × 3
        #expect(lines[summary + 1].first == 32)
        #expect(lines[summary + 1].count == 73)  // the space and 24 × 3
        #expect(lines[summary + 2].first == 32)
    }

    @Test func unfoldingGivesBackTheLogicalLine() {
        let text = Self.feed([Self.milestone("m1", title: Self.longTitle, due: "2024-10-08")]).rendered
        #expect(Self.logicalLines(text).contains("SUMMARY:【截止】" + Self.longTitle))
        #expect(CalendarFeed.fold("SUMMARY:short") == "SUMMARY:short")
        let ascii = String(repeating: "x", count: 160)
        #expect(
            CalendarFeed.fold(ascii) == String(repeating: "x", count: 75) + "\r\n " + String(repeating: "x", count: 74)
                + "\r\n " + String(repeating: "x", count: 11))
    }

    @Test func linesEndInCRLFAndNothingElse() {
        let text = Self.feed([Self.milestone("m1", title: "甲\n乙\r\n丙", due: "2024-10-08")]).rendered
        let bytes = Array(text.utf8)
        #expect(bytes.suffix(2) == [13, 10])
        for (index, byte) in bytes.enumerated() {
            if byte == 10 { #expect(index > 0 && bytes[index - 1] == 13) }
            if byte == 13 { #expect(index + 1 < bytes.count && bytes[index + 1] == 10) }
        }
        let lines = Self.logicalLines(text)
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.contains("SUMMARY:【截止】甲\\n乙\\n丙"))
    }

    @Test func textIsEscaped() throws {
        let task = Self.milestone(
            "m1", title: "排查,整治;复查\\总结", due: "2024-10-08", source: "到2024年10月8日前,完成;整治")
        let text = Self.feed([task]).rendered
        let lines = Self.logicalLines(text)
        #expect(lines.contains("X-WR-CALNAME:区应急管理局\\, 督办事项"))
        #expect(lines.contains("SUMMARY:【截止】排查\\,整治\\;复查\\\\总结"))
        #expect(lines.contains("DESCRIPTION:第3条措施 m1：2024年10月8日前完成\\n方案原文：到2024年10月8日前\\,完成\\;整治"))
        #expect(
            lines.contains("DESCRIPTION:还有1个工作日到期：【截止】排查\\,整治\\;复查\\\\总结"))
        #expect(CalendarFeed.escape("a\rb") == "ab")
    }

    @Test func milestoneIsAnAllDayEventWithItsUID() throws {
        let event = try #require(
            Self.events(Self.feed([Self.milestone("m1", title: "任务", due: "2024-10-08")]).rendered).first)
        #expect(event.first == "UID:m1@duban")
        #expect(event.contains("DTSTAMP:20240610T061320Z"))
        #expect(event.contains("DTSTART;VALUE=DATE:20241008"))
        #expect(event.contains("DTEND;VALUE=DATE:20241009"))
        #expect(event.contains("CATEGORIES:milestone"))
        #expect(!event.contains { $0.hasPrefix("DTSTART:") || $0.hasPrefix("DTEND:") })
    }

    @Test func endOfYearDeadlineEndsOnNewYearsDay() throws {
        let event = try #require(
            Self.events(Self.feed([Self.milestone("m9", title: "年底", due: "2024-12-31")]).rendered).first)
        #expect(event.contains("DTSTART;VALUE=DATE:20241231"))
        #expect(event.contains("DTEND;VALUE=DATE:20250101"))
    }

    /// Due Tuesday 2024-10-08, the first working day after the holiday. Counting back:
    /// 1 → Mon 09-30; 2 → Sun 09-29 (working); 3–7 → Fri 09-27 … Mon 09-23;
    /// 8–12 → 09-20 … 09-16; 13–17 → 09-13 … 09-09; 18–22 → 09-06 … 09-02; 23–27 → 08-30 … 08-26;
    /// 28–30 → 08-23, 08-22, 08-21.
    @Test func alarmsCountWorkingDaysAcrossNationalDay() throws {
        let event = try #require(
            Self.events(Self.feed([Self.milestone("m1", title: "任务", due: "2024-10-08")]).rendered).first)
        #expect(
            Self.triggers(event) == [
                "TRIGGER;VALUE=DATE-TIME:20240821T010000Z", "TRIGGER;VALUE=DATE-TIME:20240923T010000Z",
                "TRIGGER;VALUE=DATE-TIME:20240930T010000Z",
            ])
        #expect(
            event.filter { $0.hasPrefix("DESCRIPTION:还有") } == [
                "DESCRIPTION:还有30个工作日到期：【截止】任务", "DESCRIPTION:还有7个工作日到期：【截止】任务",
                "DESCRIPTION:还有1个工作日到期：【截止】任务",
            ])
        #expect(event.filter { $0 == "BEGIN:VALARM" }.count == 3)
        #expect(event.filter { $0 == "ACTION:DISPLAY" }.count == 3)
    }

    @Test func aDeadlineAfterTheMakeUpSaturdayCountsIt() throws {
        // Monday 2024-10-14: 1 working day before is Saturday 10-12; 2–5 are 10-11 … 10-08; then the
        // holiday, so 6 is 09-30 and 7 is Sunday 09-29.
        let event = try #require(
            Self.events(Self.feed([Self.milestone("m2", title: "任务", due: "2024-10-14")]).rendered).first)
        #expect(
            Self.triggers(event).suffix(2) == [
                "TRIGGER;VALUE=DATE-TIME:20240929T010000Z", "TRIGGER;VALUE=DATE-TIME:20241012T010000Z",
            ])
    }

    @Test func triggerIsInUTC() {
        #expect(CalendarFeed.utc(Self.day("2024-09-30"), minute: 9 * 60) == "20240930T010000Z")
        #expect(CalendarFeed.utc(Self.day("2024-09-30"), minute: 8 * 60) == "20240930T000000Z")
        // 07:30 in Shanghai is 23:30 the evening before in UTC.
        #expect(CalendarFeed.utc(Self.day("2024-10-01"), minute: 7 * 60 + 30) == "20240930T233000Z")
        #expect(CalendarFeed.utc(Self.day("2024-01-01"), minute: 0) == "20231231T160000Z")
        #expect(CalendarFeed.utc(Self.stamp) == "20240610T061320Z")
    }

    @Test func uidsAreStableAcrossRendersWithDifferentStamps() {
        let tasks = [Self.milestone("m1", title: "任务", due: "2024-10-08"), Self.duty]
        let first = Self.feed(tasks).rendered
        let second = Self.feed(tasks, stamp: Self.stamp.addingTimeInterval(86_400 * 40 + 7)).rendered
        #expect(first != second)
        let uids = Self.logicalLines(first).filter { $0.hasPrefix("UID:") }
        #expect(uids == ["UID:m1@duban", "UID:patrol/2024-10@duban", "UID:patrol/2024-11@duban"])
        #expect(Self.logicalLines(second).filter { $0.hasPrefix("UID:") } == uids)
        #expect(Self.logicalLines(second).contains("DTSTAMP:20240720T061327Z"))
        let withoutStamps = { (text: String) in Self.logicalLines(text).filter { !$0.hasPrefix("DTSTAMP:") } }
        #expect(withoutStamps(first) == withoutStamps(second))
    }

    /// October's occurrence is due Thursday 10-31: 1 → 10-30, 7 → 10-22; 30 falls in September, before
    /// the period opens. November's is due Saturday 11-30: 1 → Fri 11-29, 7 → 11-21; 30 → 10-21 (21
    /// working days in November, then 10-31 … 10-21), also before its period.
    @Test func obligationHasOneEventPerPeriodAndNoAlarmBeforeThePeriod() {
        let events = Self.events(Self.feed([Self.duty]).rendered)
        #expect(events.count == 2)
        #expect(events.map { $0.first } == ["UID:patrol/2024-10@duban", "UID:patrol/2024-11@duban"])
        #expect(events[0].contains("DTSTART;VALUE=DATE:20241031"))
        #expect(events[0].contains("DTEND;VALUE=DATE:20241101"))
        #expect(events[1].contains("DTSTART;VALUE=DATE:20241130"))
        #expect(events[1].contains("DTEND;VALUE=DATE:20241201"))
        #expect(events[0].contains("SUMMARY:【2024-10】月度巡查"))
        #expect(events[0].contains("CATEGORIES:obligation"))
        #expect(events[0].contains("DESCRIPTION:patrol：2024-10 须完成并报送"))
        #expect(
            Self.triggers(events[0]) == [
                "TRIGGER;VALUE=DATE-TIME:20241022T010000Z", "TRIGGER;VALUE=DATE-TIME:20241030T010000Z",
            ])
        #expect(
            Self.triggers(events[1]) == [
                "TRIGGER;VALUE=DATE-TIME:20241121T010000Z", "TRIGGER;VALUE=DATE-TIME:20241129T010000Z",
            ])
    }

    @Test func targetEventNamesItsThreshold() throws {
        let task = PlanTask(
            id: "drill-share", title: "四不演练", plan: "p", action: "a1", measure: nil, lead: "emergency",
            schedule: .target(
                start: nil, due: DeadlinePhrase(text: "2024年底前", start: nil, due: Self.day("2024-12-31")),
                threshold: Threshold(metric: "占比", comparison: .atLeast, value: 40, unit: "%")))
        let event = try #require(Self.events(Self.feed([task]).rendered).first)
        #expect(event.first == "UID:drill-share@duban")
        #expect(event.contains("SUMMARY:【目标】四不演练"))
        #expect(event.contains("DESCRIPTION:drill-share：占比 ≥40%，2024年底前"))
        #expect(event.contains("CATEGORIES:target"))
    }

    @Test func calendarHead() {
        let lines = Self.logicalLines(Self.feed([]).rendered)
        #expect(
            lines == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//duban//duban deadline feed//ZH", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", "X-WR-CALNAME:区应急管理局\\, 督办事项", "X-WR-TIMEZONE:Asia/Shanghai", "END:VCALENDAR",
            ])
    }
}
