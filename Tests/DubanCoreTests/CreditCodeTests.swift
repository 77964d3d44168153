import Testing

@testable import DubanCore

/// `CreditCode`: the GB 32100-2015 check character of the 统一社会信用代码.
@Suite struct CreditCodeTests {
    /// Codes published with their check characters (the standard's own example among them).
    @Test(arguments: ["91350100M000100Y43", "91370400MA3C000011", "91110108551385082Q", "12100000400000624D"])
    func publishedCodesPass(_ code: String) {
        #expect(CreditCode.problem(code) == nil)
        #expect(CreditCode.completing(String(code.prefix(17))) == code)
    }

    @Test func everyWrongCheckCharacterIsCaughtAndTheRightOneNamed() {
        let body = "91350100M000100Y4"
        for character in CreditCode.alphabet where character != "3" {
            let problem = CreditCode.problem(body + String(character))
            #expect(problem?.contains("should be “3”, not “\(character)”") == true)
        }
    }

    /// A single mistyped character anywhere in the body is always caught (the weights are nonzero mod 31).
    @Test func everySingleSubstitutionIsCaught() {
        let code = Array("91370400MA3C000011")
        for position in 0..<17 {
            for character in CreditCode.alphabet where character != code[position] {
                var typo = code
                typo[position] = character
                #expect(!CreditCode.isValid(String(typo)), "\(String(typo))")
            }
        }
    }

    @Test(arguments: [
        ("91370400ma3c000011", "write letters in capitals"),
        ("91370400MA3C00001", "has 17 characters, not 18"),
        ("91370400MA3C0000111", "has 19 characters, not 18"),
        ("91370400MO3C000011", "I, O, S, V and Z are never used"),
        ("", "has 0 characters"),
        ("９1370400MA3C000011", "which GB 32100 does not use"),
    ])
    func malformedCodesSayWhatIsWrong(_ code: String, _ says: String) {
        let problem = CreditCode.problem(code)
        #expect(problem?.contains(says) == true, "\(code): \(problem ?? "nil")")
    }
}
