/// When a task runs and what it asks for.
public enum Schedule: Hashable, Sendable {
    /// Done once, between `start` (when known) and `due`.
    case milestone(start: Day?, due: DeadlinePhrase)
    /// Done once every period between `start` and `end`.
    case obligation(Obligation)
    /// A measured value that must reach a threshold by `due`.
    case target(start: Day?, due: DeadlinePhrase, threshold: Threshold)

    /// The kind of task this schedule makes.
    public var kind: TaskKind {
        switch self {
        case .milestone: .milestone
        case .obligation: .obligation
        case .target: .target
        }
    }

    /// The explicit start, or the start the deadline phrase itself names.
    public var start: Day? {
        switch self {
        case .milestone(let start, let due), .target(let start, let due, _): start ?? due.start
        case .obligation(let obligation): obligation.start
        }
    }

    /// The last day of the task: the deadline, or the end of a duty's window.
    public var due: Day {
        switch self {
        case .milestone(_, let due), .target(_, let due, _): due.due
        case .obligation(let obligation): obligation.end
        }
    }
}

/// A recurring duty: one occurrence per period in a window.
public struct Obligation: Hashable, Sendable {
    /// How often the duty recurs.
    public var every: Frequency
    /// The stricter frequency for high-risk sectors, e.g. "(高危行业领域每月至少1次)".
    public var highRiskEvery: Frequency?
    /// How many times per period ("至少1次"); at least 1.
    public var times: Int
    /// The first day of the window.
    public var start: Day
    /// The last day of the window.
    public var end: Day

    /// Makes an obligation.
    public init(every: Frequency, highRiskEvery: Frequency? = nil, times: Int = 1, start: Day, end: Day) {
        self.every = every
        self.highRiskEvery = highRiskEvery
        self.times = times
        self.start = start
        self.end = end
    }
}

/// How often a duty recurs.
public enum Frequency: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// 每月.
    case month
    /// 每两月, the "双月" activities.
    case twoMonths = "two-months"
    /// 每季度.
    case quarter
    /// 每半年.
    case halfYear = "half-year"
    /// 每年.
    case year

    /// Months in one period.
    public var months: Int {
        switch self {
        case .month: 1
        case .twoMonths: 2
        case .quarter: 3
        case .halfYear: 6
        case .year: 12
        }
    }

    /// Reads `month`, `two-months`, `quarter`, `half-year`, `year` or the Chinese 每月, 每季度, 每半年, 每年.
    public init?(phrase: String) {
        switch phrase {
        case "month", "monthly", "每月", "月": self = .month
        case "two-months", "bimonthly", "每两月", "每两个月", "双月": self = .twoMonths
        case "quarter", "quarterly", "每季度", "季度": self = .quarter
        case "half-year", "halfyear", "每半年", "半年": self = .halfYear
        case "year", "yearly", "annual", "每年", "年": self = .year
        default: return nil
        }
    }

    /// The periods that overlap `start...end`, each clipped to the window.
    public func periods(from start: Day, through end: Day) -> [ClosedRange<Day>] {
        var result: [ClosedRange<Day>] = []
        guard start <= end else { return result }
        let c = start.components
        var year = c.year
        var month = ((c.month - 1) / months) * months + 1
        while true {
            let first = Day.firstDay(year: year, month: month)
            if first > end { break }
            var lastMonth = month + months - 1
            var lastYear = year
            if lastMonth > 12 {
                lastMonth -= 12
                lastYear += 1
            }
            let last = Day.lastDay(year: lastYear, month: lastMonth)
            result.append(max(first, start)...min(last, end))
            month += months
            while month > 12 {
                month -= 12
                year += 1
            }
        }
        return result
    }

    public static func < (lhs: Frequency, rhs: Frequency) -> Bool {
        lhs.months < rhs.months
    }
}

/// A numeric threshold: `metric` `op` `value` `unit`, e.g. 四不演练占比 ≥ 40 %.
public struct Threshold: Hashable, Sendable, Codable {
    /// What is measured.
    public var metric: String
    /// The comparison the measured value must satisfy.
    public var comparison: Comparison
    /// The threshold value.
    public var value: Double
    /// The unit, e.g. `%`, `家`, `支`.
    public var unit: String

    /// Makes a threshold.
    public init(metric: String, comparison: Comparison = .atLeast, value: Double, unit: String) {
        self.metric = metric
        self.comparison = comparison
        self.value = value
        self.unit = unit
    }

    /// Whether a measured value meets the threshold.
    public func isMet(by measured: Double) -> Bool {
        switch comparison {
        case .atLeast: measured >= value
        case .atMost: measured <= value
        }
    }
}

/// How a measured value is compared with a threshold.
public enum Comparison: String, Hashable, Sendable, Codable {
    /// The value must reach the threshold (≥).
    case atLeast = ">="
    /// The value must not exceed the threshold (≤).
    case atMost = "<="
}
