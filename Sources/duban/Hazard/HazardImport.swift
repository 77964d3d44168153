import ArgumentParser

/// `duban hazard import` (being written).
struct HazardImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Not yet written.")

    func run() throws { throw InputError("duban hazard import is not written yet") }
}
