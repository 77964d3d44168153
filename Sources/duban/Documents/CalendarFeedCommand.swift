import ArgumentParser
import DubanCore
import DubanDocs
import Foundation

/// `duban calendar-feed`: a department's deadlines as an iCalendar file for its calendar app.
struct CalendarFeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar-feed",
        abstract: "Write a department's deadlines and duty occurrences as iCalendar (RFC 5545), with reminders.",
        discussion: """
            One all-day event per milestone and target deadline and per occurrence of a recurring duty, with \
            alarms on the reminder policy's working days. UIDs are stable, so a calendar that re-imports or \
            subscribes replaces changed events. Example: duban calendar-feed --department emergency > emergency.ics
            """)

    @Option(help: "The department or subdistrict id (see plans/departments.yaml).")
    var department: String

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var scheduler: SchedulerOptions

    func run() throws {
        let database = try store.openExisting()
        let context = try scheduler.context()
        let set = try database.planSet()
        guard let unit = set.department(department) else {
            func distance(_ id: String) -> Int { EditDistance.between(Array(id), Array(department)) }
            let near = set.departments.map(\.id).filter { distance($0) <= 3 }.min { distance($0) < distance($1) }
            throw InputError(
                "--department “\(department)” is not in the registry"
                    + (near.map { "; did you mean “\($0)”?" } ?? "; see plans/departments.yaml"))
        }
        let feed = CalendarFeed(
            department: unit, plans: set, policy: context.policy, calendar: context.calendar,
            stamp: try CommandClock.now())
        var sink = DocumentOutput()
        sink.output = output
        try sink.write(Data(feed.rendered.utf8))
    }
}
