import Testing

@testable import DubanCore

/// `Hazard.updating` checks each field as `hazard add|update|import` and the API give it: every
/// problem named by field, with the fix, and nothing changed.
@Suite struct HazardFieldTests {
    typealias F = HazardFixture

    static let registry = HazardRegistry(
        sectors: [Sector(id: "hazchem", name: "危险化学品", department: "emergency", aliases: ["危化品"])],
        departments: [
            Department(id: "emergency", name: "区应急管理局", kind: .department),
            Department(id: "xingren", name: "兴仁街道", kind: .subdistrict),
        ])

    /// A field's bad value and a word its problem must hold.
    @Test(arguments: [
        (HazardField.creditCode, "91370400MA3C000012", "should be “1”"),
        (.creditCode, "91370400ma3c000011", "capitals"),
        (.sector, "mines", "mines"),
        (.subdistrict, "兴城街道", "兴城街道"),
        (.channel, "", "not a channel"),
        (.channel, "  ", "not a channel"),
        (.channel, "电话", "not a channel"),
        (.enterprise, "", "empty"),
        (.deadline, "2025-02-01", "before"),
        (.foundOn, "2025-07-01", "before"),
        (.deadline, "6月底", "not a date"),
    ])
    func aBadValueIsRefusedNamingTheFieldAndTheFix(field: HazardField, value: String, words: String) throws {
        let hazard = F.reported()
        let error = #expect(throws: HazardProblems.self) {
            try hazard.updating([field: value], registry: Self.registry)
        }
        let problem = try #require(error?.problems.first)
        #expect(problem.field == field.rawValue)
        #expect(problem.message.contains(words), "\(problem)")
        #expect(!problem.fix.isEmpty)
    }

    @Test func namesAndAliasesAreReadAsTheRegistrysIDs() throws {
        let hazard = try F.reported().updating(
            [.sector: "危化品", .subdistrict: "兴仁街道", .channel: "群众举报"], registry: Self.registry)
        #expect(hazard.sector == "hazchem")
        #expect(hazard.enterprise.subdistrict == "xingren")
        #expect(hazard.channel == .publicReport)
    }
}
