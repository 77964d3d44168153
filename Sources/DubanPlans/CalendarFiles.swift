import DubanCore
import Foundation

/// Reads the State Council holiday schedules (`plans/calendar/YYYY.yaml`) into a `WorkCalendar`,
/// with the file, line and column on every problem.
///
/// One file per year:
///
/// ```yaml
/// year: 2025
/// holidays:
///   - name: 春节
///     days: [2025-01-28, 2025-01-29, …]   # every day off, weekend days inside the span included
/// workdays: [2025-01-26, 2025-02-08]      # weekend days made working days (调休)
/// ```
public enum CalendarFiles {
    /// The folder callers read when none is named.
    public static let defaultFolder = "plans/calendar"

    static let fileKeys = ["year", "holidays", "workdays"]
    static let holidayKeys = ["name", "days"]

    /// Reads every `*.yaml` (and `*.yml`) file directly in `folder`, one year per file.
    ///
    /// - Throws: `PlanError` with every problem in every file, or one issue when the folder is
    ///   missing or holds no calendar files.
    public static func read(folder: String = defaultFolder) throws(PlanError) -> WorkCalendar {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw PlanError(
                PlanIssue(
                    .error, at: nil, subject: folder, "no such calendar folder",
                    fix:
                        "run duban from the project folder (calendars live in \(defaultFolder)), or name the folder with --calendar; each year is a file such as \(defaultFolder)/2025.yaml"
                ))
        }
        guard isFolder.boolValue else {
            throw PlanError(
                PlanIssue(
                    .error, at: nil, subject: folder, "is a file, not a folder of calendar files",
                    fix: "name the folder that holds the YYYY.yaml files, e.g. \(defaultFolder)"))
        }
        let files = files(in: folder)
        guard !files.isEmpty else {
            throw PlanError(
                PlanIssue(
                    .error, at: nil, subject: folder, "the folder holds no .yaml calendar files",
                    fix:
                        "add one file per year, e.g. 2025.yaml with `year`, `holidays` and `workdays` from the State Council's notice"
                ))
        }

        var issues: [PlanIssue] = []
        var years: [WorkCalendar.Year] = []
        var firstFile: [Int: String] = [:]
        for file in files {
            guard let text = PlanFiles.readText(file, issues: &issues) else { continue }
            do {
                let (year, location) = try readYear(yaml: text, file: file)
                if let earlier = firstFile[year.year] {
                    issues.append(
                        PlanIssue(
                            .error, at: location, "year \(year.year) is also the year of \(earlier)",
                            fix: "keep one file per year: merge the two files or remove one"))
                    continue
                }
                firstFile[year.year] = file
                years.append(year)
            } catch {
                issues += error.issues
            }
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return WorkCalendar(years: years)
    }

    /// The calendar files of `folder` (`*.yaml`, `*.yml`), in name order; none when it is not a folder.
    public static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (folder.hasSuffix("/") ? folder : folder + "/") + $0 }
    }

    /// Reads one year's schedule from `yaml`, written in `file`.
    ///
    /// - Throws: `PlanError` with every problem found in the file.
    public static func read(yaml: String, file: String) throws(PlanError) -> WorkCalendar.Year {
        try readYear(yaml: yaml, file: file).year
    }

    /// The year's schedule and where its `year` value is written.
    static func readYear(
        yaml: String, file: String
    ) throws(PlanError) -> (
        year: WorkCalendar.Year, location: SourceLocation
    ) {
        let root = try YAMLNodeParser.parse(yaml, file: file)
        guard let root else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the calendar file is empty",
                    fix:
                        "write `year:`, `holidays:` and `workdays:` from the State Council's notice, or remove the file"
                ))
        }
        var issues: [PlanIssue] = []
        guard let top = YAMLFields(root, file: file, context: "the calendar file", allowed: fileKeys, issues: &issues)
        else { throw PlanError(issues: issues) }

        let year = readYearNumber(top, issues: &issues)
        var holidays: [Day: String] = [:]
        /// Where each holiday day is listed, to point back at it.
        var holidayLines: [Day: Int] = [:]
        if !top.has("holidays") {
            issues.append(
                PlanIssue(
                    .error, at: top.location, "the calendar file has no `holidays`",
                    fix: "add `holidays:` with each holiday's `name` and `days` from the State Council's notice"))
        }
        for node in top.sequence("holidays", context: "the calendar file", issues: &issues) {
            guard
                let fields = YAMLFields(
                    node, file: file, context: "a holiday", allowed: holidayKeys, issues: &issues)
            else { continue }
            let name = fields.string("name", required: true, context: "a holiday", issues: &issues)
            let context = "holiday \(name ?? "?")"
            let days = dates(fields, "days", context: context, year: year, issues: &issues)
            if case .sequence(let items, _)? = fields.node("days"), items.isEmpty {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("days"), "\(context) has an empty `days` list",
                        fix: "list every day off as YYYY-MM-DD, weekend days inside the holiday included"))
            } else if !fields.has("days") {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location, "\(context) has no `days`",
                        fix: "add `days: [YYYY-MM-DD, …]`, every day off, weekend days inside the holiday included"))
            }
            for (day, location) in days {
                if let other = holidays[day] {
                    let line = holidayLines[day].map { ", line \($0)" } ?? ""
                    issues.append(
                        PlanIssue(
                            .error, at: location, "\(day) is already listed under \(other)\(line)",
                            fix: "list each day off once, under one holiday"))
                    continue
                }
                guard let name else { continue }
                holidays[day] = name
                holidayLines[day] = location.line
            }
        }

        var workdays: Set<Day> = []
        for (day, location) in dates(top, "workdays", context: "the calendar file", year: year, issues: &issues) {
            if let holiday = holidays[day] {
                let line = holidayLines[day].map { ", line \($0)" } ?? ""
                issues.append(
                    PlanIssue(
                        .error, at: location,
                        "\(day) is listed both as a day off (\(holiday)\(line)) and as a working day",
                        fix: "a day is either off (in a holiday's `days`) or a 调休 working day; remove it from one list")
                )
                continue
            }
            if day.weekday <= 5 {
                issues.append(
                    PlanIssue(
                        .error, at: location,
                        "working day \(day) is a \(weekdayNames[day.weekday - 1]), which is a working day anyway",
                        fix:
                            "list under `workdays` only the Saturdays and Sundays the notice makes working days (调休); remove \(day)"
                    ))
                continue
            }
            if !workdays.insert(day).inserted {
                issues.append(
                    PlanIssue(.error, at: location, "working day \(day) is listed twice", fix: "list each day once"))
            }
        }

        guard let year, issues.isEmpty else { throw PlanError(issues: issues) }
        return (WorkCalendar.Year(year: year, holidays: holidays, workdays: workdays), top.location("year"))
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    private static func readYearNumber(_ top: YAMLFields, issues: inout [PlanIssue]) -> Int? {
        guard let text = top.string("year", required: true, context: "the calendar file", issues: &issues) else {
            return nil
        }
        guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let year = Int(text) else {
            issues.append(
                PlanIssue(
                    .error, at: top.location("year"), "`year` “\(text)” is not a year",
                    fix: "write the year the schedule is for as four digits, e.g. `year: 2025`"))
            return nil
        }
        return year
    }

    /// The dates listed under `key` (a list, or one date), each with where it is written. Records an
    /// issue for each value that is not a date, a date that does not exist, or a day outside `year`.
    private static func dates(
        _ fields: YAMLFields, _ key: String, context: String, year: Int?, issues: inout [PlanIssue]
    ) -> [(Day, SourceLocation)] {
        guard let node = fields.node(key), !node.isNull else { return [] }
        let items: [YAMLNode]
        if case .scalar = node {
            items = [node]
        } else {
            items = fields.sequence(key, context: context, issues: &issues)
        }
        var result: [(Day, SourceLocation)] = []
        for item in items {
            let location = YAMLFields.location(of: item, file: fields.file)
            guard case .scalar(let raw, _, _) = item else {
                issues.append(
                    PlanIssue(
                        .error, at: location,
                        "items of `\(key)` in \(context) must be dates, found \(YAMLFields.describe(item))",
                        fix: "list dates as YYYY-MM-DD: [2025-01-01, 2025-01-02]"))
                continue
            }
            let text = raw.trimmingWhitespace()
            guard let day = Day(text) else {
                issues.append(
                    PlanIssue(
                        .error, at: location, "“\(text)” in `\(key)` of \(context) \(whyNotADay(text))", fix: fix(text))
                )
                continue
            }
            if let year, day.year != year {
                issues.append(
                    PlanIssue(
                        .error, at: location, "\(day) in `\(key)` of \(context) is not in \(year), the file's year",
                        fix:
                            "list only days of \(year) here; a holiday that runs across the new year lists its days in each year's file (\(day.year)'s in the \(day.year) file)"
                    ))
                continue
            }
            result.append((day, location))
        }
        return result
    }

    /// Why `text`, which `Day` does not read, is not a day.
    private static func whyNotADay(_ text: String) -> String {
        guard let parts = isoParts(text) else { return "is not a date" }
        if !(1...12).contains(parts.month) { return "does not exist: month \(parts.month) does not exist" }
        let length = Day.daysIn(month: parts.month, year: parts.year)
        return "does not exist: \(parts.year)年\(parts.month)月 has \(length) days, so day \(parts.day) does not exist"
    }

    private static func fix(_ text: String) -> String {
        isoParts(text) == nil
            ? "write dates as YYYY-MM-DD, e.g. 2025-01-01"
            : "write a day that exists; check it against the State Council's notice"
    }

    /// Year, month and day of text shaped `YYYY-MM-DD`, whether or not that day exists.
    private static func isoParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return (year, month, day)
    }
}
