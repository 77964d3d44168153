/// The traffic light (红黄绿灯) the office shows for a task.
public enum Light: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// On track, or done.
    case green
    /// Due soon and not done.
    case blue
    /// Behind what should be done by now.
    case yellow
    /// Far behind, or overdue.
    case red

    /// Severity order: green < blue < yellow < red.
    public static func < (lhs: Light, rhs: Light) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a task stands.
public enum TaskStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Reported done (on time or late).
    case done
    /// Progress keeps up with what is expected.
    case onTrack = "on track"
    /// Behind, or its forecast leaves it or a dependent too little time.
    case atRisk = "at risk"
    /// Far behind what is expected by now.
    case late
    /// Past its due day (or a duty's period) and not done.
    case overdue
    /// A prerequisite is not done, so the task cannot be finished.
    case blocked
    /// Its start has not come and nothing is reported.
    case notStarted = "not started"
}

/// The thresholds that turn lag into lights: every number is a policy setting.
public struct LightPolicy: Hashable, Sendable {
    /// Blue when due within this many days and not done.
    public var blueWithinDays: Int
    /// Yellow at this lag, in percentage points.
    public var yellowLag: Double
    /// Red at this lag, in percentage points (and whenever overdue).
    public var redLag: Double

    /// The defaults DESIGN.md sets: blue within 14 days, yellow at 10 points, red at 30.
    public init(blueWithinDays: Int = 14, yellowLag: Double = 10, redLag: Double = 30) {
        self.blueWithinDays = blueWithinDays
        self.yellowLag = yellowLag
        self.redLag = redLag
    }
}

extension Light {
    /// The light as documents write it.
    public var chinese: String {
        switch self {
        case .green: "绿灯"
        case .blue: "蓝灯"
        case .yellow: "黄灯"
        case .red: "红灯"
        }
    }
}

extension TaskStatus {
    /// The status as documents write it.
    public var chinese: String {
        switch self {
        case .done: "已完成"
        case .onTrack: "正常推进"
        case .atRisk: "存在风险"
        case .late: "严重滞后"
        case .overdue: "逾期未完成"
        case .blocked: "前置任务受阻"
        case .notStarted: "未开始"
        }
    }
}
