/// A sector (行业领域) hazards are counted under, and the department that supervises it
/// (`plans/sectors.yaml`).
public struct Sector: Hashable, Sendable, Codable {
    /// Stable ASCII id, e.g. `hazardous-chemicals`.
    public var id: String
    /// 危险化学品.
    public var name: String
    /// The supervising department's id.
    public var department: String
    /// Other names sheets use for it.
    public var aliases: [String]

    public init(id: String, name: String, department: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.department = department
        self.aliases = aliases
    }
}

/// The office's hazard settings (`hazards:` in `plans/policy.yaml`).
public struct HazardPolicy: Hashable, Sendable {
    /// The ladder for listed hazards.
    public var ladder: EscalationPolicy
    /// Working days before a hazard's rectification deadline that reminders go out.
    public var reminderWorkingDays: [Int]
    /// The listing notice's number prefix: 高新安办督〔2025〕7号.
    public var listingPrefix: String

    public init(
        ladder: EscalationPolicy = EscalationPolicy(cooldownDays: 28), reminderWorkingDays: [Int] = [10, 3, 1],
        listingPrefix: String = "高新安办督"
    ) {
        self.ladder = ladder
        self.reminderWorkingDays = reminderWorkingDays
        self.listingPrefix = listingPrefix
    }
}
