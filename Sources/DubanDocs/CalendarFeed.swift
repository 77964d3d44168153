import DubanCore
import Foundation

/// A department's deadlines as an iCalendar feed (RFC 5545): one all-day event per milestone or
/// target deadline and per occurrence of a recurring duty, each with alarms on the days the
/// reminder policy reminds (30, 7 and 1 working days before, at the jobs' hour).
///
/// UIDs are `<task>@duban` and `<task>/<period>@duban`, so a calendar that subscribes replaces
/// an event when its date changes instead of adding a second one. Text is escaped and lines are
/// folded at 75 octets without splitting a UTF-8 character.
public struct CalendarFeed: Sendable {
    /// The calendar's name, e.g. `区应急管理局 督办事项`.
    public var name: String
    /// The tasks the department leads, in plan order.
    public var tasks: [PlanTask]
    /// Working days before a deadline that alarms go off.
    public var reminderWorkingDays: [Int]
    /// Minutes after midnight (Asia/Shanghai) that alarms go off.
    public var alarmMinute: Int
    /// The working-day calendar.
    public var calendar: WorkCalendar
    /// The feed's DTSTAMP: when it was made.
    public var stamp: Date

    /// Makes a feed.
    public init(
        name: String, tasks: [PlanTask], reminderWorkingDays: [Int], alarmMinute: Int, calendar: WorkCalendar,
        stamp: Date
    ) {
        self.name = name
        self.tasks = tasks
        self.reminderWorkingDays = reminderWorkingDays
        self.alarmMinute = alarmMinute
        self.calendar = calendar
        self.stamp = stamp
    }

    /// One event: a deadline.
    struct Event {
        var uid: String
        var day: Day
        var summary: String
        var description: String
        var category: String
        /// Alarms may not go off before this day (an occurrence's period start).
        var notBefore: Day?
    }

    var events: [Event] {
        var events: [Event] = []
        for task in tasks {
            let source = task.source.map { "\n方案原文：\($0)" } ?? ""
            let measure = task.measure.map { "第\($0)条措施 " } ?? ""
            switch task.schedule {
            case .milestone(_, let due):
                events.append(
                    Event(
                        uid: "\(task.id)@duban", day: due.due, summary: "【截止】\(task.title)",
                        description: "\(measure)\(task.id)：\(due.text)完成\(source)", category: "milestone"))
            case .target(_, let due, let threshold):
                let value =
                    "\(threshold.comparison == .atLeast ? "≥" : "≤")\(threshold.value.plainText)\(threshold.unit)"
                events.append(
                    Event(
                        uid: "\(task.id)@duban", day: due.due, summary: "【目标】\(task.title)",
                        description: "\(measure)\(task.id)：\(threshold.metric) \(value)，\(due.text)\(source)",
                        category: "target"))
            case .obligation(let obligation):
                for period in obligation.every.periods(from: obligation.start, through: obligation.end) {
                    let key = obligation.every.key(of: period)
                    events.append(
                        Event(
                            uid: "\(task.id)/\(key)@duban", day: period.upperBound, summary: "【\(key)】\(task.title)",
                            description: "\(measure)\(task.id)：\(key) 须完成并报送\(source)", category: "obligation",
                            notBefore: period.lowerBound))
                }
            }
        }
        return events
    }

    /// The feed's text, lines ending in CRLF.
    public var rendered: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//duban//duban deadline feed//ZH", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(Self.escape(name))", "X-WR-TIMEZONE:Asia/Shanghai",
        ]
        let stamp = Self.utc(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(Self.escape(event.uid))", "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(Self.compact(event.day))",
                "DTEND;VALUE=DATE:\(Self.compact(event.day.adding(days: 1)))",
                "SUMMARY:\(Self.escape(event.summary))", "DESCRIPTION:\(Self.escape(event.description))",
                "CATEGORIES:\(event.category)", "TRANSP:TRANSPARENT",
            ]
            for offset in reminderWorkingDays.sorted(by: >) {
                let day = calendar.workingDays(offset, before: event.day)
                if let notBefore = event.notBefore, day < notBefore { continue }
                lines += [
                    "BEGIN:VALARM", "ACTION:DISPLAY",
                    "DESCRIPTION:\(Self.escape("还有\(offset)个工作日到期：\(event.summary)"))",
                    "TRIGGER;VALUE=DATE-TIME:\(Self.utc(day, minute: alarmMinute))", "END:VALARM",
                ]
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `2025-06-30` as `20250630`.
    static func compact(_ day: Day) -> String {
        day.description.replacingOccurrences(of: "-", with: "")
    }

    /// `minute` after midnight of `day` in Asia/Shanghai, in UTC: `20250612T010000Z`.
    static func utc(_ day: Day, minute: Int) -> String {
        let total = minute - 8 * 60
        let date = total < 0 ? day.adding(days: -1) : day
        let inDay = (total + 24 * 60) % (24 * 60)
        return compact(date) + "T" + pad(inDay / 60) + pad(inDay % 60) + "00Z"
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(c.year!) + pad(c.month!) + pad(c.day!) + "T" + pad(c.hour!) + pad(c.minute!) + pad(c.second!)
            + "Z"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// TEXT escaped as RFC 5545 § 3.3.11 asks: backslash, semicolon, comma and newline.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// A content line folded at 75 octets (§ 3.1): continuation lines start with a space, and a
    /// multi-byte UTF-8 character is never split.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var width = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if width + size > limit {
                out += "\r\n "
                width = 0
                limit = 74  // the leading space counts
            }
            out.append(character)
            width += size
        }
        return out
    }
}

extension CalendarFeed {
    /// The feed of `department`: the tasks it leads in `plans`, alarms on the policy's reminder days.
    public init(department: Department, plans: PlanSet, policy: Policy, calendar: WorkCalendar, stamp: Date) {
        self.init(
            name: "\(department.name) 督办事项", tasks: plans.tasks.filter { $0.lead == department.id },
            reminderWorkingDays: policy.reminderWorkingDays, alarmMinute: policy.jobs.at, calendar: calendar,
            stamp: stamp)
    }
}
