import ArgumentParser

/// `duban hazard generate` (being written).
struct HazardGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Not yet written.")

    func run() throws { throw InputError("duban hazard generate is not written yet") }
}
