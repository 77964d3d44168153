import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore

/// `duban hazard public-list`: the 重大事故隐患挂牌督办公开清单, for 曝光 and 社会监督.
struct HazardPublicList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-list",
        abstract: "Write the public list of hazards listed for supervision and not yet closed (公开清单).",
        discussion: """
            One row a hazard listed on or before the day and not closed: its listing number, enterprise, \
            subdistrict, sector, the hazard, its deadline, its state and whether it is overdue. Being for \
            the public, it never names a reporter or who found the hazard.
            """)

    @Option(help: "The day the list stands as of, YYYY-MM-DD (default: today in Asia/Shanghai).") var asOf: String?
    @OptionGroup var document: HazardDocumentOptions

    func run() throws {
        let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? CommandClock.today()
        try document.write { writer, templates, database, sectors in
            writer.hazardPublicList(
                try database.hazards(HazardFilter(listedOnly: true), as: document.actor.viewer), asOf: day,
                sectors: sectors, templates: templates)
        }
    }
}
