import DubanCore
import DubanPlans

/// How a task list's cells are read: frequencies, deadlines and dates, kinds, thresholds and
/// dependencies, in the forms offices write them.
extension TaskSheet {
    /// A recurring duty's frequency as a 完成时限 cell writes it.
    struct FrequencyCell: Hashable {
        var every: Frequency
        var highRiskEvery: Frequency?
        var times: Int?
    }

    /// `每季度`, `每月至少2次`, `每季度（高危行业领域每月）`, `双月`; nil when `text` is not a frequency.
    static func frequency(_ text: String) -> FrequencyCell? {
        let cell = ProgressSheet.trimmed(ProgressSheet.halfWidth(text)).filter { !$0.isWhitespace }
        var main = Substring(cell)
        var note: Substring?
        if main.hasSuffix(")"), let open = main.firstIndex(of: "(") {
            note = main[main.index(after: open)..<main.index(before: main.endIndex)]
            main = main[..<open]
        }
        guard let (every, times) = frequencyAndTimes(main) else { return nil }
        var highRisk: Frequency?
        if let note {
            guard note.contains("高危"), let start = note.firstIndex(of: "每"),
                let (frequency, _) = frequencyAndTimes(note[start...])
            else { return nil }
            highRisk = frequency
        }
        return FrequencyCell(every: every, highRiskEvery: highRisk, times: times)
    }

    /// `每月至少2次` → (month, 2); `每季度` → (quarter, nil).
    private static func frequencyAndTimes(_ text: Substring) -> (Frequency, Int?)? {
        var phrase = String(text)
        var times: Int?
        if phrase.hasSuffix("次") {
            phrase.removeLast()
            let digits = String(phrase.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
            var n: Int?
            if !digits.isEmpty {
                n = Int(digits)
                phrase.removeLast(digits.count)
            } else if let last = phrase.last, let value = chineseNumber(last) {
                n = value
                phrase.removeLast()
            }
            guard let n, n >= 1 else { return nil }
            for filler in ["至少", "开展", "不少于"] where phrase.hasSuffix(filler) { phrase.removeLast(filler.count) }
            times = n
        }
        guard let frequency = Frequency(phrase: phrase) else { return nil }
        return (frequency, times)
    }

    private static func chineseNumber(_ character: Character) -> Int? {
        ["一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6][character]
    }

    /// The phrase a recurring duty's 完成时限 cell is written with: `每季度（高危行业领域每月）`.
    static func frequencyText(_ obligation: Obligation) -> String {
        var text = chinese(obligation.every)
        if let high = obligation.highRiskEvery { text += "（高危行业领域\(chinese(high))）" }
        return text
    }

    static func chinese(_ frequency: Frequency) -> String {
        switch frequency {
        case .month: "每月"
        case .twoMonths: "每两月"
        case .quarter: "每季度"
        case .halfYear: "每半年"
        case .year: "每年"
        }
    }

    /// A day in a cell: ISO (`2025-06-30`), `2025/6/30`, `2025.6.30`, `2025年6月30日`, or an Excel date
    /// serial (45838), as a workbook stores a cell formatted as a date.
    static func day(_ text: String) -> Day? {
        if case .day(let day) = ProgressSheet.parseDay(text) { return day }
        let digits = ProgressSheet.trimmed(text)
        // A date with a time of day (2025/10/31 18:30) is stored as 45961.77…: the day is the whole part.
        if let value = Double(digits), value.isFinite, (20_000...80_000).contains(value) {
            // Excel counts days from 1899-12-30 (it has a 1900-02-29): its day 25569 is 1970-01-01.
            return Day(ordinal: Int(value.rounded(.down)) - 25_569)
        }
        return nil
    }

    /// A deadline in a 完成时限 cell: any form `DeadlinePhrase` reads, or a day as `day(_:)` reads it
    /// (kept as its ISO date, which plan files read back).
    ///
    /// A trailing 完成 (“2025年6月底前完成”) is dropped, and the phrase kept without it. In a sheet
    /// for one `year`, a phrase without one (6月底前, 上半年, 第三季度, 年底前, 年内) is read in that
    /// year and kept with it: 2025年6月底前.
    static func deadline(
        _ text: String, planStart: Day?, year: Int? = nil
    ) throws(DeadlinePhraseError)
        -> DeadlinePhrase
    {
        do {
            return try DeadlinePhrase.parse(text, planStart: planStart)
        } catch {
            if let day = day(text) { return DeadlinePhrase(text: day.description, start: nil, due: day) }
            var cell = ProgressSheet.trimmed(text)
            if cell.hasSuffix("完成"), cell.count > 2 { cell.removeLast(2) }
            var tries = [cell]
            if let year, !ProgressSheet.halfWidth(cell).contains(/[0-9]{4}/) {
                let dated = ["年内": "\(year)年", "本年内": "\(year)年", "本年度": "\(year)年", "全年": "\(year)年"][cell]
                tries.append(dated ?? (cell.hasPrefix("年") ? "\(year)" : "\(year)年") + cell)
            }
            for attempt in tries where attempt != text {
                if let phrase = try? DeadlinePhrase.parse(attempt, planStart: planStart) { return phrase }
            }
            throw error
        }
    }

    /// A start in a 开始 cell: `自2024年3月起`, an ISO date, or a day as `day(_:)` reads it.
    static func start(_ text: String) -> Day? {
        (try? DeadlinePhrase.parseStart(text)) ?? day(text)
    }

    /// A 类型 cell.
    static func kind(_ text: String) -> TaskKind? {
        switch ProgressSheet.trimmed(ProgressSheet.halfWidth(text)).lowercased() {
        case "节点任务", "节点", "里程碑", "milestone": .milestone
        case "常态任务", "常态化任务", "周期任务", "常态", "obligation", "recurring": .obligation
        case "指标任务", "指标", "目标任务", "target": .target
        default: nil
        }
    }

    /// The 类型 cell the export writes for a kind.
    static func kindText(_ kind: TaskKind) -> String {
        switch kind {
        case .milestone: "节点任务"
        case .obligation: "常态任务"
        case .target: "指标任务"
        }
    }

    /// A 目标值 cell: `≥40`, `40%`, `不低于90`, `≤5`: the comparison, the value, and `%` when written.
    static func threshold(_ text: String) -> (comparison: Comparison, value: Double, percent: Bool)? {
        var cell = ProgressSheet.trimmed(ProgressSheet.halfWidth(text)).filter { !$0.isWhitespace }
        var comparison = Comparison.atLeast
        for (prefix, meaning) in [
            (">=", Comparison.atLeast), ("≥", .atLeast), ("不低于", .atLeast), ("不少于", .atLeast), ("达到", .atLeast),
            ("<=", .atMost), ("≤", .atMost), ("不超过", .atMost), ("不高于", .atMost), ("低于", .atMost),
        ] where cell.hasPrefix(prefix) {
            comparison = meaning
            cell.removeFirst(prefix.count)
            break
        }
        guard let value = ProgressSheet.number(cell) else { return nil }
        return (comparison, value, cell.hasSuffix("%"))
    }

    /// The 目标值 cell the export writes: `≥40`.
    static func thresholdText(_ threshold: Threshold) -> String {
        (threshold.comparison == .atLeast ? "≥" : "≤") + threshold.value.plainText
    }

    /// A 依赖 cell: ids separated by 、，,;； or spaces, each with an optional lag, `t2(30天)`.
    static func dependencies(_ text: String) -> [(task: String, lagDays: Int)]? {
        var result: [(String, Int)] = []
        for item in ProgressSheet.halfWidth(text).split(whereSeparator: { "、,;".contains($0) || $0.isWhitespace }) {
            var id = Substring(item)
            var lag = 0
            if id.hasSuffix("天)"), let open = id.lastIndex(of: "(") {
                guard let days = Int(id[id.index(after: open)..<id.index(id.endIndex, offsetBy: -2)]), days >= 0
                else { return nil }
                lag = days
                id = id[..<open]
            }
            guard !id.isEmpty else { return nil }
            result.append((String(id), lag))
        }
        return result
    }

    /// The 依赖 cell the export writes.
    static func dependenciesText(_ dependencies: [Dependency]) -> String {
        dependencies.map { $0.lagDays == 0 ? $0.task : "\($0.task)（\($0.lagDays)天）" }.joined(separator: "、")
    }

    /// A 措施 cell: `26`, `26.`, `第26条`, `（26）`.
    static func measureNumber(_ text: String) -> Int? {
        var cell = ProgressSheet.trimmed(ProgressSheet.halfWidth(text))
        for prefix in ["第", "("] where cell.hasPrefix(prefix) { cell.removeFirst(prefix.count) }
        for suffix in [".", "、", "条", ")", ".0"] where cell.hasSuffix(suffix) { cell.removeLast(suffix.count) }
        return Int(cell).flatMap { $0 > 0 ? $0 : nil }
    }
}
