import ArgumentParser

/// `duban hazard closure-form` (being written).
struct HazardClosureForm: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "closure-form", abstract: "Not yet written.")

    func run() throws { throw InputError("duban hazard closure-form is not written yet") }
}
