/// One task's standing as of a day: what should be done, what is, and what follows.
public struct TaskEvaluation: Hashable, Sendable, Encodable {
    /// The task.
    public var id: String
    /// Its lead department.
    public var lead: String
    /// Its kind.
    public var kind: TaskKind
    /// Its due day (a duty's: the end of its current or last period).
    public var due: Day
    /// Percent expected by now (序时进度): linear from start to due.
    public var expected: Double
    /// Percent reported.
    public var reported: Double
    /// `expected − reported`, in percentage points (never below 0).
    public var lag: Double
    /// The light.
    public var light: Light
    /// The status.
    public var status: TaskStatus
    /// Prerequisites not done, when the task should already be under way.
    public var blockedBy: [String]
    /// The forecast finish from the reported rate, or the done day.
    public var forecast: Day?
    /// Days of room through the graph given forecasts; negative means a deadline will be missed.
    public var slackDays: Int
    /// Obligation periods past their end with no occurrence reported.
    public var missedOccurrences: [String]

    enum CodingKeys: String, CodingKey {
        case id, lead, kind, due, expected, reported, lag, light, status
        case blockedBy = "blocked_by"
        case forecast
        case slackDays = "slack_days"
        case missedOccurrences = "missed_occurrences"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(lead, forKey: .lead)
        try container.encode(kind, forKey: .kind)
        try container.encode(due, forKey: .due)
        try container.encode(Self.rounded(expected), forKey: .expected)
        try container.encode(Self.rounded(reported), forKey: .reported)
        try container.encode(Self.rounded(lag), forKey: .lag)
        try container.encode(light, forKey: .light)
        try container.encode(status, forKey: .status)
        try container.encode(blockedBy, forKey: .blockedBy)
        try container.encode(forecast, forKey: .forecast)
        try container.encode(slackDays, forKey: .slackDays)
        try container.encode(missedOccurrences, forKey: .missedOccurrences)
    }

    /// One decimal place, so JSON reads cleanly and reproduces exactly.
    static func rounded(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }
}
