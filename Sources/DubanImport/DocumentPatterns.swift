import DubanCore

/// The wording plan documents use for recurring duties, numeric targets and responsible bodies.
enum DocumentPatterns {
    /// A recurring duty found in a clause.
    struct Recurrence: Equatable {
        var every: Frequency
        var highRisk: Frequency?
        var times: Int
        /// The duty in the plan's words.
        var title: String
    }

    /// A numeric target found in a clause.
    struct Target: Equatable {
        var metric: String
        var comparison: Comparison
        var value: Double
        var unit: String
        /// The target in the plan's words.
        var title: String
    }

    /// A recurrence a clause names that a duty cannot hold, for the report.
    struct Untracked: Equatable {
        /// The words, e.g. "每周".
        var phrase: String
        /// Why the draft does not carry it.
        var reason: String
    }

    // MARK: Recurring duties

    nonisolated(unsafe) private static let every = #/每(?:一|1)?(年度|年|季度|季|半年|两个月|两月|2个月|月|周|旬|天|日)/#
    nonisolated(unsafe) private static let times = #/(?:至少|不少于|不低于)?([0-9]+|[一两二三四五六七八九十])次/#
    nonisolated(unsafe) private static let parenthetical = #/\(([^()]*)\)/#
    nonisolated(unsafe) private static let annualList = #/年度[^,;、。]{0,8}?(?:计划|清单|方案|报告)/#
    nonisolated(unsafe) private static let periodicItem = #/([月季])(调度|通报|会商|研判|分析|报告|督导|讲评)/#

    private static func frequency(_ word: Substring) -> Frequency? {
        switch word {
        case "年度", "年": .year
        case "季度", "季": .quarter
        case "半年": .halfYear
        case "两个月", "两月", "2个月": .twoMonths
        case "月": .month
        default: nil
        }
    }

    private static let weekly = "duban tracks duties by month at the finest; date it as a monthly duty or leave it out"

    /// The recurring duties a clause names, and any recurrence words it uses that duban cannot track.
    static func recurrences(in clause: String) -> (duties: [Recurrence], untracked: [Untracked]) {
        var outside = clause
        var inner: [String] = []
        for match in clause.matches(of: parenthetical).reversed() {
            inner.append(String(match.output.1))
            outside.removeSubrange(match.range)
        }
        let title = DocumentText.stripped(outside)
        if let match = outside.firstMatch(of: every) {
            let word = match.output.1
            guard let main = frequency(word) else {
                return ([], [Untracked(phrase: "每" + word, reason: weekly)])
            }
            var count = 1
            if let t = outside[match.range.upperBound...].firstMatch(of: times) {
                count = number(t.output.1) ?? 1
            }
            var high: Frequency?
            var untracked: [Untracked] = []
            for text in inner where text.contains("高危") || text.contains("重点") {
                guard let m = text.firstMatch(of: every) else { continue }
                guard let f = frequency(m.output.1) else {
                    // "(高危企业每周至少1次)": the stricter frequency is finer than duban tracks.
                    untracked.append(
                        Untracked(
                            phrase: "每" + m.output.1,
                            reason:
                                "the high-risk frequency (\(text)) is finer than a month, which duban tracks at the "
                                + "finest; the duty has no high_risk_every: set one by hand or leave it out"))
                    continue
                }
                guard f < main else { continue }
                high = f
                // "(高危行业领域每月至少2次)": high_risk_every has no count of its own.
                if let t = text[m.range.upperBound...].firstMatch(of: times), let n = number(t.output.1), n > 1 {
                    untracked.append(
                        Untracked(
                            phrase: String(text[m.range.lowerBound..<t.range.upperBound]),
                            reason: "the plan format has no count for the high-risk frequency: the draft keeps "
                                + "high_risk_every: \(f.rawValue), not the \(n) times"))
                }
            }
            return ([Recurrence(every: main, highRisk: high, times: max(1, count), title: title)], untracked)
        }
        if outside.contains("双月") {
            return ([Recurrence(every: .twoMonths, highRisk: nil, times: 1, title: title)], [])
        }
        if let match = outside.firstMatch(of: annualList) {
            let before = outside[..<match.range.lowerBound].last
            if before == nil || !(before!.isNumber) {
                return ([Recurrence(every: .year, highRisk: nil, times: 1, title: title)], [])
            }
        }
        var items: [Recurrence] = []
        for match in outside.matches(of: periodicItem) {
            let before = outside[..<match.range.lowerBound].last
            if let before, before.isNumber || "每年上下本当".contains(before) { continue }
            let every: Frequency = match.output.1 == "月" ? .month : .quarter
            items.append(Recurrence(every: every, highRisk: nil, times: 1, title: String(outside[match.range])))
        }
        if !items.isEmpty { return (items, []) }
        return (campaigns(in: outside), [])
    }

    /// Named yearly campaigns in a list such as "开展安全生产月、防灾减灾周、…等活动".
    private static func campaigns(in clause: String) -> [Recurrence] {
        guard let verb = clause.range(of: "开展"), clause.hasSuffix("活动") else { return [] }
        var list = String(clause[verb.upperBound...])
        for suffix in ["等活动", "活动"] where list.hasSuffix(suffix) {
            list.removeLast(suffix.count)
            break
        }
        var duties: [Recurrence] = []
        for item in list.split(separator: "、") {
            guard item.count >= 3, let last = item.last, "月周日".contains(last) else { continue }
            guard let before = item.dropLast().last, !before.isNumber, !item.contains("年") else { continue }
            duties.append(Recurrence(every: .year, highRisk: nil, times: 1, title: "开展\(item)活动"))
        }
        return duties
    }

    // MARK: Numeric targets

    nonisolated(unsafe) private static let percentAtLeast =
        #/(占比|比例|比率|覆盖率|完成率|达标率|合格率|率)?(?:达到|达|不低于|提高到|提升到|保持在|超过)([0-9]+(?:\.[0-9]+)?)%/#
    nonisolated(unsafe) private static let percentAtMost = #/(?:不高于|不超过|控制在|低于)([0-9]+(?:\.[0-9]+)?)%(?:以内|以下)?/#
    /// "整改率100%": a rate with no verb before its value.
    nonisolated(unsafe) private static let percentBare = #/(占比|比例|比率|率)([0-9]+(?:\.[0-9]+)?)%/#
    /// "控制在5人以内", "不超过3起": a count that must not be exceeded.
    nonisolated(unsafe) private static let countAtMost =
        #/(?:控制在|不超过|不多于|不高于)([0-9]+|[一两二三四五六七八九十]+)(人|起|家|个|项|次|名|户|处|条|宗)(?:以内|以下)?/#
    nonisolated(unsafe) private static let shareOfWork = #/完成(.+?)的([0-9]+(?:\.[0-9]+)?)%/#
    nonisolated(unsafe) private static let count =
        #/(?:不少于|不低于|至少|达到|超过)([0-9]+|[一两二三四五六七八九十]+)(家|个|支|所|项|名|户|座|处|条|套|台|场|人)/#
    nonisolated(unsafe) private static let countRange =
        #/([0-9]+|[一两二三四五六七八九十]+)(?:至|-|到)(?:[0-9]+|[一两二三四五六七八九十]+)(家|个|支|所|项|名|户|座|处|条|套|台|场)/#
    nonisolated(unsafe) private static let whole = #/全部(?:接入|达到|实现|完成|纳入|建成|配齐|配备|安装|整改|关闭|取缔)|全量(?:纳入|汇总|接入)|全面完成/#
    nonisolated(unsafe) private static let coverage = #/全覆盖(?:监管|管理)?$/#

    private static let leadingVerbs = ["确保实现", "基本实现", "全面实现", "确保", "实现", "做到", "达到", "对"]

    /// The numeric targets a clause sets; a clause listing several "…全覆盖" sets one each.
    static func targets(in clause: String, previousMetric: String?) -> [Target] {
        let title = DocumentText.stripped(clause)
        if let m = title.firstMatch(of: shareOfWork), let value = Double(m.output.2) {
            return [Target(metric: m.output.1 + "完成率", comparison: .atLeast, value: value, unit: "%", title: title)]
        }
        // "不超过5%" holds "超过5%", which is the opposite.
        if let m = title.firstMatch(of: percentAtLeast), !title[..<m.range.lowerBound].hasSuffix("不"),
            let value = Double(m.output.2)
        {
            var metric = trimmedVerbs(String(title[..<m.range.lowerBound])) + (m.output.1.map(String.init) ?? "")
            if metric.isEmpty || metric == String(m.output.1 ?? "") { metric = previousMetric ?? title }
            return [Target(metric: metric, comparison: .atLeast, value: value, unit: "%", title: title)]
        }
        if let m = title.firstMatch(of: percentAtMost), let value = Double(m.output.1) {
            let metric = trimmedVerbs(String(title[..<m.range.lowerBound]))
            return [
                Target(
                    metric: metric.isEmpty ? (previousMetric ?? title) : metric, comparison: .atMost, value: value,
                    unit: "%", title: title)
            ]
        }
        if let m = title.firstMatch(of: percentBare), let value = Double(m.output.2) {
            var metric = trimmedVerbs(String(title[..<m.range.lowerBound])) + m.output.1
            if metric == String(m.output.1) { metric = previousMetric ?? title }
            return [Target(metric: metric, comparison: .atLeast, value: value, unit: "%", title: title)]
        }
        if let m = title.firstMatch(of: countAtMost), let value = number(m.output.1) {
            let metric = trimmedVerbs(String(title[..<m.range.lowerBound]))
            return [
                Target(
                    metric: metric.isEmpty ? (previousMetric ?? title) : metric, comparison: .atMost,
                    value: Double(value), unit: String(m.output.2), title: title)
            ]
        }
        if let m = title.firstMatch(of: count) ?? title.firstMatch(of: countRange), let value = number(m.output.1) {
            var metric = title
            metric.removeSubrange(m.range)
            return [
                Target(
                    metric: trimmedVerbs(metric) + "数量", comparison: .atLeast, value: Double(value),
                    unit: String(m.output.2), title: title)
            ]
        }
        if title.firstMatch(of: coverage) != nil {
            let parts = title.split(separator: "、").map(String.init)
            let covered = parts.filter { $0.firstMatch(of: coverage) != nil }
            if covered.count >= 2 && covered.count == parts.count {
                return covered.enumerated().map { index, part in
                    let text = index == 0 ? part : trimmedVerbs(part)
                    return Target(
                        metric: coverageMetric(part), comparison: .atLeast, value: 100, unit: "%", title: text)
                }
            }
            return [Target(metric: coverageMetric(title), comparison: .atLeast, value: 100, unit: "%", title: title)]
        }
        if let m = title.firstMatch(of: whole) {
            var metric = title
            let word = String(title[m.range])
            metric.replaceSubrange(m.range, with: word.hasPrefix("全面") ? "" : String(word.dropFirst(2)))
            let suffix = word.hasPrefix("全面") ? "完成率" : "比例"
            return [
                Target(metric: trimmedVerbs(metric) + suffix, comparison: .atLeast, value: 100, unit: "%", title: title)
            ]
        }
        return []
    }

    private static func coverageMetric(_ text: String) -> String {
        var metric = text
        if let m = metric.firstMatch(of: coverage) { metric.removeSubrange(m.range) }
        return trimmedVerbs(metric) + "覆盖率"
    }

    private static func trimmedVerbs(_ text: String) -> String {
        var result = DocumentText.stripped(text)
        var changed = true
        while changed {
            changed = false
            for verb in leadingVerbs where result.hasPrefix(verb) && result.count > verb.count {
                result.removeFirst(verb.count)
                changed = true
            }
        }
        return result
    }

    // MARK: Clauses

    private static let ongoingStarts = [
        "持续", "不断", "进一步", "加强", "强化", "加大", "积极", "深入", "充分", "切实", "严格", "坚持",
    ]
    private static let qualitativeEnds = [
        "显著增强", "明显增强", "显著提升", "明显提升", "显著提高", "明显提高", "持续提升", "不断提升", "进一步提升",
        "得到提升", "持续增强",
    ]
    private static let outcomeStarts = ["基本", "实现", "全面", "完成", "建成", "形成", "确保", "全部"]

    /// Whether a clause describes continuing effort or a quality rather than a deliverable.
    static func isOngoing(_ clause: String) -> Bool {
        ongoingStarts.contains { clause.hasPrefix($0) } || qualitativeEnds.contains { clause.hasSuffix($0) }
    }

    /// Whether an undated sentence continues the outcomes of the dated one before it.
    static func continuesOutcomes(_ sentence: String) -> Bool {
        outcomeStarts.contains { sentence.hasPrefix($0) }
    }

    // MARK: Responsible bodies

    private static let bodies = [
        "区安委会办公室", "区安委会有关成员单位", "区安委会", "各街道安委会", "各街道", "区有关部门单位", "区有关部门",
        "区直有关部门", "各级负有安全监管职责有关部门", "各级安全监管部门", "各级各有关部门", "各级各部门", "各有关部门单位",
        "各有关部门", "各培训机构", "各行业主管部门", "宣传部门", "新闻单位", "公安部门", "保险机构",
    ]

    /// The responsible bodies a text names, in the order it names them: the registry's departments
    /// by name or alias, and the collective bodies plans address (各街道, 区有关部门, …). Longer names
    /// win over the shorter ones inside them; each is listed once.
    static func bodies(in text: String, departments: [Department]) -> [String] {
        var found: [(at: String.Index, name: String)] = []
        var covered: [Range<String.Index>] = []
        func take(_ word: String, as name: String) {
            var search = text.startIndex..<text.endIndex
            while let range = text.range(of: word, range: search) {
                search = range.upperBound..<text.endIndex
                if covered.contains(where: { $0.overlaps(range) }) { continue }
                covered.append(range)
                found.append((range.lowerBound, name))
            }
        }
        var words: [(String, String)] = []
        for department in departments {
            for word in [department.name] + department.aliases {
                words.append((word, "\(department.id) (\(department.name))"))
            }
        }
        words += bodies.map { ($0, $0) }
        for (word, name) in words.sorted(by: { $0.0.count > $1.0.count }) { take(word, as: name) }
        var names: [String] = []
        for (_, name) in found.sorted(by: { $0.at < $1.at }) where !names.contains(name) { names.append(name) }
        return names
    }

    /// A count in ASCII or Chinese numerals up to 99.
    static func number(_ text: Substring) -> Int? {
        if let n = Int(text) { return n }
        let digits: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        var value = 0
        var current = 0
        for c in text {
            if let d = digits[c] {
                current = d
            } else if c == "十" {
                value += (current == 0 ? 1 : current) * 10
                current = 0
            } else {
                return nil
            }
        }
        return value + current
    }
}
