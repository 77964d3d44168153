import ArgumentParser
import DubanCore
import DubanImport
import DubanStore
import Foundation

/// `duban hazard generate`: a synthetic ledger sheet for scale tests and benchmarks.
struct HazardGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write a synthetic hazard ledger (CSV that `hazard import` reads) over the loaded sectors and subdistricts."
    )

    @Option(help: "How many hazards to generate.") var count: Int
    @Option(help: "The seed; the same seed, count and registry give the same ledger.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "The CSV file to write.") var output: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...10_000_000).contains(count) else {
            throw ValidationError("--count must be between 1 and 10000000; got \(count)")
        }
    }

    func run() throws {
        try OutputFile.checkWritable(output)
        let registry = try store.openExisting().hazardRegistry()
        guard !registry.sectors.isEmpty else {
            throw InputError("no sectors are loaded; write plans/sectors.yaml and run `duban plan load` first")
        }
        let rows = HazardGenerator(count: count, seed: seed, registry: registry).generate()
        let data = HazardSheet.csv(rows.map { (id: nil, fields: $0) })
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        print("wrote \(output) (\(rows.count) hazards, \(data.count / 1_048_576) MiB)")
    }
}
