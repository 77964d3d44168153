import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// `duban progress show`: a task's progress history.
struct ProgressShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a task's progress reports, oldest first.")

    @Argument(help: "The task's id.")
    var task: String

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    struct Output: Encodable {
        struct Report: Encodable {
            var date: Day
            var percent: Double?
            var occurrence: String?
            var done: Bool?
            var value: Double?
            var by: String
            var note: String?
            var reportedAt: String

            enum CodingKeys: String, CodingKey {
                case date, percent, occurrence, done, value, by, note
                case reportedAt = "reported_at"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(date, forKey: .date)
                try container.encode(percent, forKey: .percent)
                try container.encode(occurrence, forKey: .occurrence)
                try container.encode(done, forKey: .done)
                try container.encode(value, forKey: .value)
                try container.encode(by, forKey: .by)
                try container.encode(note, forKey: .note)
                try container.encode(reportedAt, forKey: .reportedAt)
            }
        }

        var task: TaskListing
        var archived: Bool
        var reports: [Report]
    }

    func run() throws {
        let database = try store.openExisting()
        guard let (task, archived) = try database.task(self.task) else {
            throw InputError("no task “\(self.task)” is loaded; check the id with `duban plan show`")
        }
        let reports = try database.progressReports(task: task.id)
        if json {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = .shanghai
            try JSONOutput.print(
                Output(
                    task: TaskListing(task), archived: archived,
                    reports: reports.map {
                        Output.Report(
                            date: $0.date, percent: $0.percent, occurrence: $0.occurrence, done: $0.done,
                            value: $0.value,
                            by: $0.departmentId, note: $0.note, reportedAt: formatter.string(from: $0.reportedAt))
                    }))
            return
        }
        print("\(task.id)\(archived ? " (archived)" : ""): \(task.title)")
        print("lead \(task.lead); due \(task.schedule.due)")
        if reports.isEmpty {
            print("no progress reported")
            return
        }
        var table = TextTable(header: ["DATE", "REPORTED", "BY", "NOTE"])
        for report in reports {
            table.append([report.date.description, Self.describe(report), report.departmentId, report.note ?? ""])
        }
        print(table.rendered)
    }

    /// "40%", "2024Q1 done", "= 35".
    static func describe(_ report: ProgressReport) -> String {
        if let percent = report.percent { return percent.plainText + "%" }
        if let occurrence = report.occurrence { return "\(occurrence) \(report.done == false ? "not done" : "done")" }
        if let value = report.value { return "= " + value.plainText }
        return "-"
    }

}
