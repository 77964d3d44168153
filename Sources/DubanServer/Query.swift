import Hummingbird

/// A request's query parameters as forms send them: `+` is a space, as in `status=on+track`.
struct Query {
    private let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            parameters[String(key)] = String(value).replacingOccurrences(of: "+", with: " ")
        }
        self.parameters = parameters
    }

    subscript(_ name: String) -> String? { parameters[name] }

    /// `2025-12` as (2025, 12): exactly two runs of digits, the way letters are named in URLs.
    static func letterNumber(_ text: String) -> (year: Int, sequence: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let sequence = Int(parts[1])
        else { return nil }
        return (year, sequence)
    }
}
