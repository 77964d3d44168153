/// A plan task whose progress the hazard ledger gives instead of reports
/// (`progress: {from: hazards, rule: stock-cleared, found_through: 2023-12-31}`).
public struct LedgerGoal: Hashable, Sendable, Codable {
    /// How the ledger measures the goal.
    public enum Rule: String, Hashable, Sendable, Codable, CaseIterable {
        /// 存量清零: the share of the hazards found through `found_through` that are closed.
        case stockCleared = "stock-cleared"
        /// 遏制增量: hazards found in `year` against those found in the year before by the same day.
        case increaseCurbed = "increase-curbed"
        /// 动态清零: no listed hazard past its rectification deadline.
        case dynamicZero = "dynamic-zero"
    }

    public var rule: Rule
    /// stock-cleared: the last day a hazard of the stock was found on.
    public var foundThrough: Day?
    /// increase-curbed: the year whose new hazards are counted.
    public var year: Int?

    public init(rule: Rule, foundThrough: Day? = nil, year: Int? = nil) {
        self.rule = rule
        self.foundThrough = foundThrough
        self.year = year
    }

    enum CodingKeys: String, CodingKey {
        case rule
        case foundThrough = "found_through"
        case year
    }
}

/// The ledger's counts a goal is computed from, as of a day (the store counts them in SQL).
public struct LedgerCounts: Hashable, Sendable, Codable {
    /// stock-cleared: hazards found through the cut-off, and of them closed by the day.
    public var stock = 0
    public var stockClosed = 0
    /// increase-curbed: found in the year through the day, and in the year before through the same day.
    public var found = 0
    public var foundBefore = 0
    /// increase-curbed: found in the whole year before.
    public var foundBeforeWholeYear = 0
    /// dynamic-zero: listed hazards not closed, and of them past their deadline.
    public var open = 0
    public var overdue = 0
    /// Every hazard the ledger holds found by the day: none means the ledger is not kept yet.
    public var ledger = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case stock
        case stockClosed = "stock_closed"
        case found
        case foundBefore = "found_before"
        case foundBeforeWholeYear = "found_before_whole_year"
        case open, overdue, ledger
    }
}

/// A goal's value as computed from the ledger, and how.
public struct GoalComputation: Hashable, Sendable, Codable {
    public var task: String
    public var rule: LedgerGoal.Rule
    /// The percent the task is given (its progress).
    public var percent: Double
    /// Whether the goal is met as of the day.
    public var met: Bool
    public var counts: LedgerCounts
    /// How it was computed, in the office's words.
    public var explanation: String

    public init(
        task: String, rule: LedgerGoal.Rule, percent: Double, met: Bool, counts: LedgerCounts, explanation: String
    ) {
        self.task = task
        self.rule = rule
        self.percent = percent
        self.met = met
        self.counts = counts
        self.explanation = explanation
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encode(rule, forKey: .rule)
        try container.encode(TaskEvaluation.rounded(percent), forKey: .percent)
        try container.encode(met, forKey: .met)
        try container.encode(counts, forKey: .counts)
        try container.encode(explanation, forKey: .explanation)
    }
}

extension LedgerGoal {
    /// The goal's value for task `task` (from `start` to `due`) as of `day`, from `counts`.
    ///
    /// A goal that is met while its window runs is on pace (its progress is what is expected by now)
    /// and is done at its due day; one that is not met falls behind in proportion.
    public func compute(task: String, counts: LedgerCounts, start: Day, due: Day, asOf day: Day) -> GoalComputation {
        let pace = Evaluator.expected(start: start, due: due, asOf: day)
        let ended = day >= due
        if counts.ledger == 0 {
            // An empty ledger measures nothing: the goal is not met by default.
            return GoalComputation(
                task: task, rule: rule, percent: 0, met: false, counts: counts,
                explanation: "重大事故隐患台账截至 \(day) 尚无记录，无法计算；请先录入或导入台账（duban hazard add|import）")
        }
        switch rule {
        case .stockCleared:
            let through = foundThrough?.description ?? "—"
            let share = counts.stock == 0 ? 100 : Double(counts.stockClosed) / Double(counts.stock) * 100
            return GoalComputation(
                task: task, rule: rule, percent: share, met: counts.stockClosed == counts.stock, counts: counts,
                explanation: "\(through) 前排查发现的重大事故隐患 \(counts.stock) 项，截至 \(day) 已销号 "
                    + "\(counts.stockClosed) 项，销号率 \(TaskEvaluation.rounded(share).plainText)%")
        case .increaseCurbed:
            let year = year ?? due.year
            if day < Day.firstDay(year: year, month: 1) {
                // The year compared has not begun: nothing is measured yet, and the goal is on pace.
                return GoalComputation(
                    task: task, rule: rule, percent: pace, met: false, counts: counts,
                    explanation: "\(year)年尚未开始，自 \(year)-01-01 起将新增重大事故隐患数与\(year - 1)年同期比较"
                        + "（\(year - 1)年已录入 \(counts.foundBeforeWholeYear) 项）")
            }
            let met = counts.found < counts.foundBefore || (counts.found == 0 && counts.foundBefore == 0)
            let ratio = counts.found == 0 ? 1 : min(1, Double(counts.foundBefore) / Double(counts.found))
            var percent = met ? pace : pace * ratio
            if ended { percent = met ? 100 : min(99, 100 * ratio) }
            let change =
                counts.foundBefore == 0
                ? ""
                : "，\(counts.found <= counts.foundBefore ? "下降" : "上升") "
                    + "\(TaskEvaluation.rounded(abs(Double(counts.found - counts.foundBefore)) / Double(counts.foundBefore) * 100).plainText)%"
            return GoalComputation(
                task: task, rule: rule, percent: percent, met: met, counts: counts,
                explanation: "\(year)年截至 \(min(day, Day.lastDay(year: year, month: 12))) 新增重大事故隐患 \(counts.found) 项，"
                    + "\(year - 1)年同期 \(counts.foundBefore) 项（全年 \(counts.foundBeforeWholeYear) 项）\(change)；"
                    + (met ? "增量得到遏制" : "增量未得到遏制"))
        case .dynamicZero:
            let met = counts.overdue == 0
            let share = counts.open == 0 ? 1 : 1 - Double(counts.overdue) / Double(counts.open)
            var percent = met ? pace : pace * share
            if ended { percent = met ? 100 : min(99, 100 * share) }
            return GoalComputation(
                task: task, rule: rule, percent: percent, met: met, counts: counts,
                explanation: "截至 \(day) 挂牌督办未销号的重大事故隐患 \(counts.open) 项，其中逾期未整改 \(counts.overdue) 项"
                    + (met ? "：动态清零" : "：未实现动态清零"))
        }
    }

    /// The counts for this goal as of `day`, recounted from the hazards themselves (the store
    /// counts in SQL; this is the reference and serves small ledgers).
    public func counts(_ hazards: [Hazard], asOf day: Day) -> LedgerCounts {
        var counts = LedgerCounts()
        counts.ledger = hazards.filter { $0.foundOn <= day }.count
        switch rule {
        case .stockCleared:
            let through = foundThrough ?? day
            for hazard in hazards where hazard.foundOn <= through {
                counts.stock += 1
                if hazard.state == .closed, let closed = hazard.closedOn, closed <= day { counts.stockClosed += 1 }
            }
        case .increaseCurbed:
            let year = year ?? day.year
            let window = Self.window(year: year, asOf: day)
            for hazard in hazards {
                if let current = window.current, current.contains(hazard.foundOn) { counts.found += 1 }
                if let before = window.before, before.contains(hazard.foundOn) { counts.foundBefore += 1 }
                if hazard.foundOn.year == year - 1 { counts.foundBeforeWholeYear += 1 }
            }
        case .dynamicZero:
            for hazard in hazards where hazard.listing != nil && hazard.foundOn <= day {
                if hazard.state == .closed, let closed = hazard.closedOn, closed <= day { continue }
                counts.open += 1
                if day > hazard.deadline { counts.overdue += 1 }
            }
        }
        return counts
    }

    /// increase-curbed's two windows as of `day`: the year through the day, and the year before
    /// through the same day (nil before the year opens). 29 February counts as 28 in a common year.
    public static func window(year: Int, asOf day: Day) -> (current: ClosedRange<Day>?, before: ClosedRange<Day>?) {
        let first = Day.firstDay(year: year, month: 1)
        guard day >= first else { return (nil, nil) }
        let last = min(day, Day.lastDay(year: year, month: 12))
        let c = last.components
        let sameDay =
            Day(year: year - 1, month: c.month, day: min(c.day, Day.daysIn(month: c.month, year: year - 1)))!
        return (first...last, Day.firstDay(year: year - 1, month: 1)...sameDay)
    }
}

extension LedgerGoal {
    /// The goal in a spreadsheet cell (进度来源): `stock-cleared 2023-12-31`, `increase-curbed 2025`,
    /// `dynamic-zero`.
    public var cellText: String {
        switch rule {
        case .stockCleared: [rule.rawValue, foundThrough?.description].compactMap(\.self).joined(separator: " ")
        case .increaseCurbed: [rule.rawValue, year.map(String.init)].compactMap(\.self).joined(separator: " ")
        case .dynamicZero: rule.rawValue
        }
    }

    /// Reads `cellText` back; the failure says what is wrong and how to write it.
    public static func parse(cell text: String) -> Result<LedgerGoal, HazardError> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let forms = "write `stock-cleared 2023-12-31`, `increase-curbed 2025` or `dynamic-zero`"
        guard let first = words.first, let rule = Rule(rawValue: first), words.count <= 2 else {
            return .failure(
                HazardError(field: "progress", message: "“\(text)” is not a ledger rule", fix: forms))
        }
        let argument = words.count == 2 ? words[1] : nil
        switch rule {
        case .stockCleared:
            guard let argument, let day = Day(argument) else {
                return .failure(
                    HazardError(
                        field: "progress", message: "stock-cleared needs the last day of the stock (found through)",
                        fix: "write e.g. `stock-cleared 2023-12-31`"))
            }
            return .success(LedgerGoal(rule: rule, foundThrough: day))
        case .increaseCurbed:
            guard let argument else { return .success(LedgerGoal(rule: rule)) }
            guard let year = Int(argument), (2000...2100).contains(year) else {
                return .failure(
                    HazardError(
                        field: "progress", message: "“\(argument)” is not a year",
                        fix: "write e.g. `increase-curbed 2025`"))
            }
            return .success(LedgerGoal(rule: rule, year: year))
        case .dynamicZero:
            guard argument == nil else {
                return .failure(
                    HazardError(field: "progress", message: "dynamic-zero takes nothing after it", fix: forms))
            }
            return .success(LedgerGoal(rule: rule))
        }
    }
}
