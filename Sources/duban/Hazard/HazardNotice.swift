import ArgumentParser

/// `duban hazard notice` (being written).
struct HazardNotice: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notice", abstract: "Not yet written.")

    func run() throws { throw InputError("duban hazard notice is not written yet") }
}
