/// What the store knows of one task's progress as of a day: the latest report of each kind.
public struct TaskProgress: Hashable, Sendable {
    /// The latest reported percent done (milestones; targets derive it from `value`).
    public var percent: Double?
    /// The day of the latest percent or value report.
    public var reportedOn: Day?
    /// The day the task was reported done (100%, or a target met).
    public var doneOn: Day?
    /// The latest measured value (targets).
    public var value: Double?
    /// Obligation occurrences reported done, by period key (`2024Q1`, `2024-03`, `2024H1`, `2024`).
    public var occurrencesDone: Set<String>

    /// Makes a progress record.
    public init(
        percent: Double? = nil, reportedOn: Day? = nil, doneOn: Day? = nil, value: Double? = nil,
        occurrencesDone: Set<String> = []
    ) {
        self.percent = percent
        self.reportedOn = reportedOn
        self.doneOn = doneOn
        self.value = value
        self.occurrencesDone = occurrencesDone
    }
}

extension Frequency {
    /// The key of the period that `range` is (its first day's period): `2024-03`, `2024-03/04`,
    /// `2024Q1`, `2024H1`, `2024`.
    public func key(of range: ClosedRange<Day>) -> String {
        let c = range.lowerBound.components
        let month = c.month < 10 ? "0\(c.month)" : "\(c.month)"
        switch self {
        case .month: return "\(c.year)-\(month)"
        case .twoMonths:
            let first = (c.month - 1) / 2 * 2 + 1
            let second = first + 1
            return "\(c.year)-\(first < 10 ? "0" : "")\(first)/\(second < 10 ? "0" : "")\(second)"
        case .quarter: return "\(c.year)Q\((c.month - 1) / 3 + 1)"
        case .halfYear: return "\(c.year)H\(c.month <= 6 ? 1 : 2)"
        case .year: return "\(c.year)"
        }
    }
}
