/// Synthetic hazard ledgers for scale tests and benchmarks: `count` hazards over the registry's
/// sectors and subdistricts, found from 2022 to 2026, each with a valid 统一社会信用代码, the
/// same for the same seed.
public struct HazardGenerator: Sendable {
    public var count: Int
    public var seed: UInt64
    public var registry: HazardRegistry

    public init(count: Int, seed: UInt64, registry: HazardRegistry) {
        self.count = count
        self.seed = seed
        self.registry = registry
    }

    /// The hazards' fields, by name, as `hazard import` reads them; ids are left to the ledger.
    public func generate() -> [[HazardField: String]] {
        var random = SeededRandom(seed: seed)
        let subdistricts = registry.departments.filter { $0.kind == .subdistrict }.map(\.id)
        let sectors = registry.sectors
        guard !subdistricts.isEmpty, !sectors.isEmpty else { return [] }
        let first = Day.firstDay(year: 2022, month: 1).ordinal
        let span = Day.lastDay(year: 2026, month: 11).ordinal - first + 1
        // Enterprises recur: about one in four hazards is at an enterprise with an earlier one.
        let enterprises = max(1, count * 3 / 4)
        var rows: [[HazardField: String]] = []
        rows.reserveCapacity(count)
        for _ in 0..<count {
            let enterprise = Int.random(in: 0..<enterprises, using: &random)
            let subdistrict = subdistricts[enterprise % subdistricts.count]
            let sector = sectors[(enterprise / subdistricts.count) % sectors.count]
            let found = Day(ordinal: first + Int.random(in: 0..<span, using: &random))
            let deadline = Day(ordinal: found.ordinal + 30 * Int.random(in: 1...8, using: &random))
            let channel = Self.channels[Int.random(in: 0..<Self.channels.count, using: &random)]
            var fields: [HazardField: String] = [
                .enterprise: "合成\(sector.name)企业\(enterprise + 1)号有限公司",
                .creditCode: Self.creditCode(enterprise),
                .address: "\(subdistrict)工业园\(enterprise % 97 + 1)号",
                .subdistrict: subdistrict,
                .principal: "负责人\(enterprise + 1)",
                .sector: sector.id,
                .description: Self.descriptions[Int.random(in: 0..<Self.descriptions.count, using: &random)],
                .basis: "《\(sector.name)重大事故隐患判定标准》第\(Int.random(in: 3...16, using: &random))条",
                .foundOn: found.description,
                .channel: channel.rawValue,
                .foundBy: channel == .selfReport ? "企业自查" : "区\(sector.name)监管执法队",
                .responsible: "整改责任人\(enterprise + 1)",
                .measures: "制定整改方案，限期消除隐患",
                .funds: "\(Int.random(in: 2...200, using: &random))万元",
                .deadline: deadline.description,
                .contingency: "落实临时管控措施",
            ]
            if channel == .publicReport { fields[.reporter] = "举报人\(Int.random(in: 1...99_999, using: &random))" }
            rows.append(fields)
        }
        return rows
    }

    static let channels: [HazardChannel] = [.inspection, .inspection, .selfReport, .selfReport, .publicReport]

    static let descriptions = [
        "安全设施未按规定设置", "特种作业人员未持证上岗", "应急救援设施缺失", "安全距离不符合要求", "未按规定检测检验",
        "违规动火作业", "疏散通道被占用", "自动报警系统失效",
    ]

    /// A valid code for enterprise `number`: 91 (an enterprise), 370400 (the region), its number
    /// in base 31 without the letters the standard leaves out, then the check character.
    static func creditCode(_ number: Int) -> String {
        let alphabet = CreditCode.alphabet
        var digits: [Character] = []
        var rest = number
        for _ in 0..<9 {
            digits.append(alphabet[rest % 31])
            rest /= 31
        }
        return CreditCode.completing("91370400" + String(digits.reversed()))!
    }
}
