/// The office's policy: lights, the ladder, reminders and the jobs' calendar (`plans/policy.yaml`).
public struct Policy: Hashable, Sendable {
    /// Light thresholds.
    public var lights: LightPolicy
    /// The escalation ladder's settings.
    public var ladder: EscalationPolicy
    /// Working days before a due date that reminders go out.
    public var reminderWorkingDays: [Int]
    /// When jobs run.
    public var jobs: JobCalendar
    /// How documents are headed, numbered and linked.
    public var documents: DocumentPolicy
    /// The bulletin's ranking weights.
    public var ranking: DepartmentRanking.Weights
    /// The hazard ledger's ladder, reminders and listing numbers.
    public var hazards: HazardPolicy

    /// Makes a policy; the defaults are DESIGN.md's.
    public init(
        lights: LightPolicy = LightPolicy(), ladder: EscalationPolicy = EscalationPolicy(),
        reminderWorkingDays: [Int] = [30, 7, 1], jobs: JobCalendar = JobCalendar(),
        documents: DocumentPolicy = DocumentPolicy(), ranking: DepartmentRanking.Weights = .init(),
        hazards: HazardPolicy = HazardPolicy()
    ) {
        self.lights = lights
        self.ladder = ladder
        self.reminderWorkingDays = reminderWorkingDays
        self.jobs = jobs
        self.documents = documents
        self.ranking = ranking
        self.hazards = hazards
    }
}
