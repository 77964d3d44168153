/// The 统一社会信用代码 (unified social credit code) of GB 32100-2015: 18 characters from a
/// 31-character alphabet, the last a check character over the first 17.
public enum CreditCode {
    /// The alphabet, in value order: digits, then capital letters without I, O, S, V and Z.
    public static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// The weight of each of the first 17 positions (3^i mod 31).
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, $0.offset) })

    /// The check character for the first 17 characters of `code`, or nil when they are not 17
    /// characters of the alphabet.
    public static func checkCharacter(for body: some StringProtocol) -> Character? {
        let characters = Array(body.prefix(17))
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = values[character] else { return nil }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Why `code` is not a valid credit code, with the fix, or nil when it is one.
    public static func problem(_ code: String) -> String? {
        let characters = Array(code)
        guard characters.count == 18 else {
            return "统一社会信用代码 “\(code)” has \(characters.count) characters, not 18"
        }
        if let bad = characters.first(where: { values[$0] == nil }) {
            let hint = bad.isLowercase ? " (write letters in capitals)" : " (I, O, S, V and Z are never used)"
            return "统一社会信用代码 “\(code)” contains “\(bad)”, which GB 32100 does not use\(hint)"
        }
        let expected = checkCharacter(for: code)!
        guard characters[17] == expected else {
            return "统一社会信用代码 “\(code)” fails its check: the 18th character should be “\(expected)”, "
                + "not “\(characters[17])”"
        }
        return nil
    }

    /// Whether `code` is a valid credit code.
    public static func isValid(_ code: String) -> Bool { problem(code) == nil }

    /// The valid code whose first 17 characters are `body`.
    public static func completing(_ body: String) -> String? {
        checkCharacter(for: body).map { String(body.prefix(17)) + String($0) }
    }
}
