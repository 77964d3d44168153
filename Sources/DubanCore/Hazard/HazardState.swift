/// Where a hazard stands: reported → listed → rectifying → rectified (the enterprise asks for 销号)
/// → verified (三方确认) → closed (销号). A hazard the district does not list goes from reported
/// straight to rectifying. Reopening sends a rectified, verified or closed hazard back to rectifying.
public enum HazardState: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case reported, listed, rectifying, rectified, verified, closed

    public var chinese: String {
        switch self {
        case .reported: "已上报"
        case .listed: "已挂牌"
        case .rectifying: "整改中"
        case .rectified: "已整改待核验"
        case .verified: "已三方确认"
        case .closed: "已销号"
        }
    }

    public static func < (lhs: HazardState, rhs: HazardState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A refusal of a hazard change: what kind, the field at fault, what was wrong and the fix.
public struct HazardError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A value is wrong for what it names.
        case invalid
        /// The hazard's state does not allow the change.
        case conflict
    }

    public var code: Code
    public var field: String
    public var message: String
    public var fix: String

    public init(_ code: Code = .invalid, field: String, message: String, fix: String) {
        self.code = code
        self.field = field
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(field): \(message); \(fix)" }
}

/// Every problem found with a hazard's fields (a sheet row's, a command's), so they are all shown at once.
public struct HazardProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [HazardError]

    public init(_ problems: [HazardError]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
