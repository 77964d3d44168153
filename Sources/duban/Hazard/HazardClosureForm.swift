import ArgumentParser
import DubanCore
import DubanDocs
import DubanStore

/// `duban hazard closure-form ID`: the 重大事故隐患销号审批表 of a verified or closed hazard.
struct HazardClosureForm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closure-form",
        abstract: "Write a verified or closed hazard's 重大事故隐患销号审批表, with the three sign-offs.",
        discussion: """
            The form states the hazard, how it was rectified and the on-site check's sign-offs (监管人员, \
            安全专家, 企业负责人: name, date, opinion); once the hazard is closed, the day of 销号. It is \
            refused for a hazard not yet verified (`duban hazard verify`).
            """)

    @Argument(help: "The hazard's id.") var id: String
    @OptionGroup var document: HazardDocumentOptions

    func run() throws {
        try document.write { writer, templates, database, sectors in
            try writer.hazardClosureForm(
                try database.hazard(id, as: document.actor.viewer), sectors: sectors, templates: templates)
        }
    }
}
