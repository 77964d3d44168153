/// One problem found in a plan: where it is, what is wrong, and how to fix it.
public struct PlanIssue: Hashable, Sendable, CustomStringConvertible {
    /// Whether the problem stops the plan from loading.
    public enum Severity: String, Hashable, Sendable {
        /// The plan cannot be loaded until this is fixed.
        case error
        /// The plan loads, but a person should look.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// The file, line and column, when known.
    public var location: SourceLocation?
    /// The task, department or plan the problem is about, when there is one.
    public var subject: String?
    /// What is wrong, including the bad value.
    public var message: String
    /// How to fix it.
    public var fix: String
    /// The rule it breaks, in a few words, for counting issues of one kind ("due before its
    /// prerequisite"); nil for one-off problems.
    public var kind: String?

    /// Makes an issue.
    public init(
        _ severity: Severity, at location: SourceLocation?, subject: String? = nil, _ message: String, fix: String,
        kind: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.subject = subject
        self.message = message
        self.fix = fix
        self.kind = kind
    }

    /// `file:line:column: error: message; fix`, the shape editors and terminals link.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): "
        if let subject { text += "\(subject): " }
        return text + "\(message); \(fix)"
    }
}

/// A plan that cannot be used, with every problem found.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    /// The problems, errors first, in file order.
    public var issues: [PlanIssue]

    /// Makes an error from its issues.
    public init(issues: [PlanIssue]) {
        self.issues = issues
    }

    /// Makes an error from one issue.
    public init(_ issue: PlanIssue) {
        self.issues = [issue]
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
