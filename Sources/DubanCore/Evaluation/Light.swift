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
        lhs.severity < rhs.severity
    }

    /// The light's place in `allCases`, 0 (green) to 3 (red), without searching the list.
    var severity: Int {
        switch self {
        case .green: 0
        case .blue: 1
        case .yellow: 2
        case .red: 3
        }
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

    /// The status's place in `allCases`, without searching the list.
    var place: Int {
        switch self {
        case .done: 0
        case .onTrack: 1
        case .atRisk: 2
        case .late: 3
        case .overdue: 4
        case .blocked: 5
        case .notStarted: 6
        }
    }
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
