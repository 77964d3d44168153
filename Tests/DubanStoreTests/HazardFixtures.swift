import DubanCore
import DubanPlans
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// Hazard ledgers in a store with the shipped plans and sectors.
enum HazardFixtures {
    static let now = SchedulerFixtures.loadedAt
    static let policy = SchedulerFixtures.policy

    /// The shipped store with `plans/sectors.yaml` loaded.
    static func store() throws -> AppDatabase {
        let db = try SchedulerFixtures.shippedStore()
        let path = SchedulerFixtures.packageRoot.appendingPathComponent("plans/sectors.yaml").path
        let departments = Set(SchedulerFixtures.shipped.set.departments.map(\.id))
        try db.storeSectors(try #require(try SectorsFile.read(path: path, departments: departments)))
        return db
    }

    static let subdistricts = ["xingren", "xingcheng", "zhangfan"]
    static let sectors = ["hazardous-chemicals", "industry-trade", "construction", "fire-safety"]

    /// A hazard's fields: a complete 五落实, a valid credit code made from `serial`.
    static func fields(
        serial: Int, found: String, deadline: String, subdistrict: String = "xingren",
        sector: String = "hazardous-chemicals", channel: HazardChannel = .inspection, reporter: String? = nil
    ) -> [HazardField: String] {
        let body = "91370400MA" + String(format: "%07d", serial % 10_000_000)
        var fields: [HazardField: String] = [
            .enterprise: "枣庄测试企业\(serial)有限公司", .creditCode: CreditCode.completing(body)!,
            .address: "\(subdistrict)某路\(serial)号", .subdistrict: subdistrict, .sector: sector,
            .description: "隐患\(serial)", .basis: "《工贸企业重大事故隐患判定标准》第四条", .foundOn: found,
            .channel: channel.rawValue, .foundBy: "区安委办督导组", .responsible: "负责人\(serial)", .measures: "整改措施",
            .funds: "10万元", .deadline: deadline, .contingency: "专人值守",
        ]
        if let reporter { fields[.reporter] = reporter }
        return fields
    }

    static func add(_ db: AppDatabase, _ fields: [HazardField: String], id: String? = nil) throws -> Hazard {
        try db.addHazards([(id: id, fields: fields, origin: nil)], actor: "office", now: now)[0]
    }

    static func signOffs(_ day: Day) -> [SignOff] {
        [
            SignOff(role: .supervisor, name: "赵监管", date: day, opinion: "整改到位"),
            SignOff(role: .expert, name: "钱专家", date: day, opinion: "符合标准"),
            SignOff(role: .enterprise, name: "孙企业", date: day, opinion: "已落实"),
        ]
    }

    static func change(_ db: AppDatabase, _ id: String, _ change: HazardChange, _ day: String) throws -> Hazard {
        try db.changeHazard(id, change, on: Day(day)!, policy: policy, actor: "office", now: now)
    }

    /// Takes hazard `id` from reported through the first `steps` of list, progress, rectified,
    /// verify and close, a few days apart from `from`.
    static func advance(_ db: AppDatabase, _ id: String, steps: Int, from: Day) throws {
        let changes: [HazardChange] = [
            .list(level: .district, number: ""), .progress(50), .rectified, .verify(signOffs(from.adding(days: 9))),
            .close,
        ]
        for (offset, change) in changes.prefix(steps).enumerated() {
            _ = try self.change(db, id, change, from.adding(days: 3 * offset + (offset >= 3 ? 3 : 0)).description)
        }
    }

    /// A deterministic generator for mixed ledgers.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33 ^ state
        }
    }

    /// `count` hazards found over 2023–2026 in every state, across subdistricts, sectors and channels.
    static func mixedLedger(_ db: AppDatabase, count: Int, seed: UInt64 = 7) throws -> [Hazard] {
        var random = Generator(state: seed)
        let start = Day("2023-01-01")!
        var rows: [(id: String?, fields: [HazardField: String], origin: String?)] = []
        for serial in 0..<count {
            let found = start.adding(days: Int.random(in: 0..<1_400, using: &random))
            let deadline = found.adding(days: Int.random(in: 20..<200, using: &random))
            let channel = HazardChannel.allCases.randomElement(using: &random)!
            rows.append(
                (
                    nil,
                    fields(
                        serial: serial % 40, found: found.description, deadline: deadline.description,
                        subdistrict: subdistricts.randomElement(using: &random)!,
                        sector: sectors.randomElement(using: &random)!, channel: channel,
                        reporter: channel == .publicReport ? "举报人\(serial)" : nil), nil
                ))
        }
        let added = try db.addHazards(rows, actor: "office", now: now)
        for hazard in added {
            let steps = Int.random(in: 0...5, using: &random)
            try advance(db, hazard.id, steps: steps, from: hazard.foundOn.adding(days: 2))
        }
        return try db.hazards()
    }
}
