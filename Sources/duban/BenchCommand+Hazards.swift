import DubanCore
import DubanStore
import Foundation

extension BenchCommand {
    /// Adds `count` listed hazards to `database`, over five sectors supervised by the synthetic
    /// plan's first departments and its subdistricts: found 30–400 days before `day`, listed five
    /// days after, deadlines 1–8 months after the finding, so some are overdue, some red, some
    /// yellow and most on time. Returns the seconds it took.
    static func seedHazards(
        _ count: Int, into database: AppDatabase, departments: [Department], seed: UInt64, day: Day
    ) throws -> Double {
        let supervisors = departments.filter { $0.kind == .department }.prefix(5)
        let sectors = supervisors.enumerated().map { index, department in
            Sector(id: "sector-\(index + 1)", name: "行业\(index + 1)", department: department.id)
        }
        try database.storeSectors(sectors)
        let registry = HazardRegistry(sectors: sectors, departments: departments)
        var random = SeededRandom(seed: seed &+ 31)
        let start = Date()
        var hazards: [Hazard] = []
        hazards.reserveCapacity(count)
        for (index, fields) in HazardGenerator(count: count, seed: seed, registry: registry).generate().enumerated() {
            var hazard = try Hazard.make(id: "hz-bench-\(index + 1)", fields: fields, registry: registry)
            hazard.foundOn = day.adding(days: -Int.random(in: 30...400, using: &random))
            hazard.rectification.deadline = hazard.foundOn.adding(days: 30 * Int.random(in: 1...8, using: &random))
            hazard.listing = Listing(level: .district, on: hazard.foundOn.adding(days: 5))
            hazard.state = .listed
            hazards.append(hazard)
        }
        try database.seedHazards(hazards, prefix: "高新安办督", now: Date())
        return Date().timeIntervalSince(start)
    }
}
