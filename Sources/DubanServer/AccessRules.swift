import DubanCore

/// What each role may do, decided purely: the office everything, a department only its own
/// tasks and letters, a viewer nothing that writes.
public enum AccessRules {
    /// A write a request asks for.
    public enum Write: Sendable {
        /// A progress report on a task led by `lead` and supported by `support`.
        case report(lead: String, support: [String])
        /// An acknowledgement of a step addressed to `department`.
        case acknowledge(department: String)
        /// Approve, hold, skip or force: the office's decisions.
        case decide
        /// Retry a dead letter.
        case retry
    }

    /// Whether `identity` may make `write`.
    public static func allows(_ identity: Identity, _ write: Write) -> Bool {
        switch (identity.role, write) {
        case (.office, _): true
        case (.viewer, _): false
        case (.department, .report(let lead, let support)):
            identity.department.map { $0 == lead || support.contains($0) } ?? false
        case (.department, .acknowledge(let department)): identity.department == department
        case (.department, .decide), (.department, .retry): false
        }
    }

    /// Why `identity` may not make `write`, for the 403's message.
    public static func refusal(_ identity: Identity, _ write: Write) -> String {
        switch (identity.role, write) {
        case (.viewer, _): "a viewer token is read-only"
        case (.department, .report): "\(identity.department ?? "?") neither leads nor supports this task"
        case (.department, .acknowledge): "this step is addressed to another department"
        case (.department, _): "only the office decides on escalations and dead letters"
        case (.office, _): ""
        }
    }
}
