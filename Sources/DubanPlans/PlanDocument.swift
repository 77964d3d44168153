import DubanCore

/// What one YAML file under `plans/` holds, told by its top-level key.
public enum PlanDocument: Sendable {
    /// The department registry (`departments:`).
    case departments([Department])
    /// A plan (`plan:`).
    case plan(Plan)
    /// The office's policy (`policy:`), read by `PolicyFile`, not by the plan loader.
    case policy
}
