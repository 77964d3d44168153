import ArgumentParser
import DubanCore
import DubanPlans

/// `duban calendar`: a year's working days as the State Council schedule sets them, 调休 included.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Print a year's working days, holidays and 调休 working weekend days.",
        discussion: """
            Reads the State Council holiday schedules in plans/calendar (one YYYY.yaml per year). \
            --json prints every day of the year as {"date", "workday", "holiday"}.
            """)

    @Option(help: "The year to print, e.g. 2025.")
    var year: Int

    @Flag(help: "Print every day of the year as JSON.")
    var json = false

    @Option(help: "The folder of calendar files, one YYYY.yaml per year.")
    var calendar: String = CalendarFiles.defaultFolder

    /// One day of the JSON output; `holiday` is written as null on other days.
    struct Entry: Encodable {
        var date: String
        var workday: Bool
        var holiday: String?

        enum CodingKeys: String, CodingKey {
            case date, workday, holiday
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(date, forKey: .date)
            try container.encode(workday, forKey: .workday)
            try container.encode(holiday, forKey: .holiday)
        }
    }

    func run() throws {
        let workCalendar = try CalendarFiles.read(folder: calendar)
        guard workCalendar.knows(year: year) else {
            let known = workCalendar.years.keys.sorted().map(String.init).joined(separator: ", ")
            let folder = calendar.hasSuffix("/") ? String(calendar.dropLast()) : calendar
            throw InputError(
                "\(folder) has no holiday schedule for \(year) (known years: \(known)); add \(folder)/\(year).yaml "
                    + "with `year: \(year)`, `holidays` (each `name` and its `days` off) and `workdays` (the weekend "
                    + "days made working days) from 国务院办公厅关于\(year)年部分节假日安排的通知")
        }
        let days = Self.days(of: year)
        if json {
            try JSONOutput.print(
                days.map {
                    Entry(
                        date: $0.description, workday: workCalendar.isWorkday($0),
                        holiday: workCalendar.holiday(on: $0))
                })
        } else {
            print(Self.rendered(year: year, days: days, calendar: workCalendar))
        }
    }

    /// Every day of `year`, in order.
    static func days(of year: Int) -> [Day] {
        let first = Day.firstDay(year: year, month: 1)
        let last = Day.lastDay(year: year, month: 12)
        return (0...first.days(to: last)).map { first.adding(days: $0) }
    }

    static let weekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]

    /// One line per month: working days, days off, the holidays' days and the 调休 working days.
    static func rendered(year: Int, days: [Day], calendar: WorkCalendar) -> String {
        let working = days.count { calendar.isWorkday($0) }
        let holidayDays = days.count { calendar.holiday(on: $0) != nil }
        let swapped = days.count { $0.weekday > 5 && calendar.isWorkday($0) }
        var table = TextTable(header: ["MONTH", "WORK", "OFF", "HOLIDAYS (days off)", "调休 (weekend days worked)"])
        for month in 1...12 {
            let inMonth = days.filter { $0.month == month }
            let work = inMonth.count { calendar.isWorkday($0) }
            table.append([
                "\(month)月", String(work), String(inMonth.count - work), holidayRuns(inMonth, calendar: calendar),
                inMonth.filter { $0.weekday > 5 && calendar.isWorkday($0) }
                    .map { "\($0.components.day)日(\(weekdayNames[$0.weekday - 1]))" }.joined(separator: ", "),
            ])
        }
        table.append(["total", String(working), String(days.count - working), "\(holidayDays) days", "\(swapped) days"])
        return "\(year)年: \(working) working days, \(days.count - working) days off (weekends and holidays)\n\n"
            + table.rendered
    }

    /// The holidays in a month's days as `春节 28–31日`, runs of consecutive days with one name.
    static func holidayRuns(_ days: [Day], calendar: WorkCalendar) -> String {
        var runs: [(name: String, first: Int, last: Int)] = []
        for day in days {
            guard let name = calendar.holiday(on: day) else { continue }
            let number = day.components.day
            if let last = runs.last, last.name == name, last.last == number - 1 {
                runs[runs.count - 1].last = number
            } else {
                runs.append((name, number, number))
            }
        }
        return runs.map { run in
            run.first == run.last ? "\(run.name) \(run.first)日" : "\(run.name) \(run.first)–\(run.last)日"
        }.joined(separator: "; ")
    }
}
