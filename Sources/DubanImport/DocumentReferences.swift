/// Dates a document names something by rather than sets work by: an edition ("2025年版《…》"), a
/// year's assessment ("根据2025年度考核结果"), the day a document was issued ("2025年3月15日印发的通知"),
/// the base of a comparison ("较2024年下降", "比2025年减少"), and time up to now ("2024年以来").
enum DocumentReferences {
    /// What follows "2025年度" when it names the year's assessment, report or plan.
    private static let yearNouns = [
        "考核", "考评", "评估", "评价", "评比", "结果", "报告", "计划", "方案", "总结", "排名", "统计", "数据",
        "预算", "决算", "审计", "目标", "任务清单", "工作要点", "标准",
    ]
    /// What follows the day a document was issued or a meeting held.
    private static let issued = ["印发", "发布", "出台", "颁布", "下发", "公布", "签发", "召开", "通过"]
    /// What follows the base of a comparison ("与2024年相比", "2024年同期").
    private static let comparedAfter = ["相比", "同期", "水平", "基数"]

    /// Why the date `phrase` is a reference, given the characters `before` it (a few) and `after`
    /// it (a few); nil when it may date work.
    static func reason(for phrase: String, before: String, after: String) -> String? {
        let closes = phrase.hasSuffix("前") || phrase.hasSuffix("起") || phrase.hasSuffix("开始")
        if after.hasPrefix("版") {
            return "names an edition (\(phrase)版), not a deadline"
        }
        if phrase.hasSuffix("年度"), let noun = yearNouns.first(where: { after.hasPrefix($0) }) {
            return "names the year's \(noun) (\(phrase)\(noun)), not a deadline"
        }
        if !closes, let verb = issued.first(where: { after.hasPrefix($0) }) {
            return "the day something was issued or held (\(phrase)\(verb)), not a deadline"
        }
        if before.hasSuffix("较") || before.hasSuffix("比") || comparedAfter.contains(where: { after.hasPrefix($0) }) {
            return "the base of a comparison, not a deadline"
        }
        if !closes, after.hasPrefix("以来") || after.hasPrefix("至今") {
            return "time up to now (\(phrase)\(after.prefix(2))), not a deadline"
        }
        return nil
    }
}
