@testable import DubanCore

/// Hazards for the core tests: one enterprise, a complete 五落实, each state reachable.
enum HazardFixture {
    static func day(_ text: String) -> Day { Day(text)! }

    /// A reported hazard found on `found`, due `deadline`.
    static func reported(
        _ id: String = "hz-2025-0001", found: String = "2025-03-01", deadline: String = "2025-06-30",
        channel: HazardChannel = .inspection, complete: Bool = true
    ) -> Hazard {
        Hazard(
            id: id,
            enterprise: Enterprise(
                name: "枣庄某化工有限公司", creditCode: "91370400MA3C000011", address: "兴仁街道某路1号",
                subdistrict: "xingren", principal: "王某"),
            sector: "hazchem", department: "emergency", description: "储罐区未设置紧急切断装置",
            basis: "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条", foundOn: day(found),
            channel: channel, foundBy: "区安委办督导组", reporter: channel == .publicReport ? "张某 13800000000" : nil,
            rectification: Rectification(
                responsible: complete ? "李某" : nil, measures: "加装紧急切断阀", funds: "20万元",
                deadline: day(deadline), contingency: "停用储罐，专人值守"))
    }

    static let signOffs = [
        SignOff(role: .supervisor, name: "赵监管", date: day("2025-05-12"), opinion: "整改到位"),
        SignOff(role: .expert, name: "钱专家", date: day("2025-05-12"), opinion: "符合标准"),
        SignOff(role: .enterprise, name: "王某", date: day("2025-05-12"), opinion: "已落实"),
    ]

    /// The hazard taken through `changes` on the given days.
    static func through(_ hazard: Hazard, _ changes: [(HazardChange, String)]) throws -> Hazard {
        var current = hazard
        for (change, on) in changes { current = try current.applying(change, on: day(on)) }
        return current
    }

    static let listing = HazardChange.list(level: .district, number: "高新安办督〔2025〕1号")

    /// The hazard in each state, reached by the normal path.
    static func inState(_ state: HazardState) throws -> Hazard {
        let path: [(HazardChange, String)] = [
            (listing, "2025-03-05"), (.progress(40), "2025-04-01"), (.rectified, "2025-05-10"),
            (.verify(signOffs), "2025-05-12"), (.close, "2025-05-15"),
        ]
        let steps = HazardState.allCases.firstIndex(of: state)!
        return try through(reported(), Array(path.prefix(steps)))
    }
}
