import ArgumentParser

/// `duban import document`: a draft plan from a plan document's text.
struct ImportDocument: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document", abstract: "Write a draft plan (YAML) from a plan document's text.")

    func run() throws {
        throw InputError("not built yet")
    }
}
