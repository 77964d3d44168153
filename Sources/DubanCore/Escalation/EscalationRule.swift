/// The rule that made an escalation step. Stored by its raw value; a value this build does not
/// know is an error when read back, never a default.
public enum EscalationRule: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// A task red at a dispatch for the first time: the first rung.
    case redFirst = "red-first"
    /// A task still red a rung's cooldown after the last rung: the next rung.
    case redClimb = "red-climb"
    /// A yellow task: a reminder, never a climb.
    case yellowReminder = "yellow-reminder"
    /// A late prerequisite holding up other tasks: its lead is reminded, and it does not climb.
    case blockedPrerequisite = "blocked-prerequisite"
    /// A task no longer red: its ladder is reset.
    case recovered
    /// The office's own red task: reminded at each dispatch, never climbs (policy `ladder.office_tasks`).
    case officeOwn = "office-own"
    /// The office forced the next rung (`duban escalation force`, `POST /api/tasks/{id}/escalate`).
    case officeForce = "office-force"

    public var description: String { rawValue }

    /// Whether a step made by this rule counts as a rung climbed (for the cooldown and the next rung).
    public var climbs: Bool { self != .yellowReminder && self != .blockedPrerequisite }
}
