import ArgumentParser
import DubanCore
import DubanStore

/// `duban hazard add`: records a hazard in the ledger (reported).
struct HazardAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record a major accident hazard in the ledger, as reported.")

    @Option(help: "Its id (default: the next hz-YYYY-NNNN of the year found).") var id: String?
    @OptionGroup var fields: HazardFieldOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let added = try store.openExisting().addHazards(
            [(id, fields.fields, nil)], actor: CommandClock.actor, now: try CommandClock.now())
        print("added: " + HazardText.line(added[0], today: try CommandClock.today()))
    }
}

/// `duban hazard update ID --field value …`: changes fields, each change audited.
struct HazardUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a hazard's fields; every change is audited (who, when, old, new).",
        discussion: "An empty value (--funds \"\") clears an optional field. A closed hazard is reopened first.")

    @Argument(help: "The hazard's id.") var id: String
    @OptionGroup var fields: HazardFieldOptions
    @OptionGroup var actor: HazardActor
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if fields.fields.isEmpty {
            throw ValidationError("give at least one field to change, e.g. --deadline 2025-09-30")
        }
    }

    func run() throws {
        let hazard = try store.openExisting().updateHazard(
            id, fields: fields.fields, as: actor.viewer, actor: CommandClock.actor, now: try CommandClock.now())
        print("updated: " + HazardText.line(hazard, today: try CommandClock.today()))
    }
}
