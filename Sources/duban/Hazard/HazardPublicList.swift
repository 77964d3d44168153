import ArgumentParser

/// `duban hazard public-list` (being written).
struct HazardPublicList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "public-list", abstract: "Not yet written.")

    func run() throws { throw InputError("duban hazard public-list is not written yet") }
}
