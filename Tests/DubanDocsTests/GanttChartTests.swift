import DubanCore
import Foundation
import Testing

@testable import DubanDocs

/// A small plan evaluated as of 2024-08-01, for the chart and document tests.
///
/// - t1 (区应急管理局, 行动一): 01-01 … 06-30, reported done 05-10 → done, green.
/// - t2 (区住房和城乡建设局, 行动一, 措施1): after t1, so planned 07-01 … 09-30 (92 days); nothing
///   reported: expected 32 / 92 = 34.8 → red, late. Its title is 40 characters.
/// - t3 (兴仁街道, 行动二): after t1, 2024-07-01 … 2025-06-30 (365 days), 10%: expected 8.8 → green.
/// - t4 (区应急管理局, 行动二, 措施2): quarterly duty in 2024, Q1 and Q2 reported → green (50 of 50).
/// - t5 (兴仁街道, 行动二, 措施2): 01-01 … 07-31, 50% → red, overdue. Its title holds `< & : |`.
enum DocsFixture {
    static func day(_ text: String) -> Day { Day(text)! }

    static let longTitle = String(repeating: "重点行业领域安全生产", count: 4)
    static let markedTitle = "复查<重大隐患> a:b & c|d"
    static let actions = [Action(id: "a1", title: "行动一"), Action(id: "a2", title: "行动二")]
    static let measures = [
        Measure(number: 1, action: "a1", title: "措施1"), Measure(number: 2, action: "a2", title: "措施2"),
    ]
    static let registry = [
        Department(id: "safety-office", name: "区安委会办公室", kind: .department),
        Department(id: "emergency", name: "区应急管理局", kind: .department),
        Department(id: "housing", name: "区住房和城乡建设局", kind: .department),
        Department(id: "xingren", name: "兴仁街道", kind: .subdistrict),
    ]

    static func milestone(
        _ id: String, title: String, action: String, measure: Int?, lead: String, start: String?, due: String,
        after: [String] = []
    ) -> PlanTask {
        PlanTask(
            id: id, title: title, plan: "p", action: action, measure: measure, lead: lead,
            schedule: .milestone(start: start.map(day), due: DeadlinePhrase(text: due, start: nil, due: day(due))),
            dependsOn: after.map { Dependency(task: $0) })
    }

    static let tasks = [
        milestone(
            "t1", title: "任务 t1", action: "a1", measure: nil, lead: "emergency", start: "2024-01-01", due: "2024-06-30"),
        milestone(
            "t2", title: longTitle, action: "a1", measure: 1, lead: "housing", start: nil, due: "2024-09-30",
            after: ["t1"]),
        milestone(
            "t3", title: "任务 t3", action: "a2", measure: nil, lead: "xingren", start: "2024-07-01", due: "2025-06-30",
            after: ["t1"]),
        PlanTask(
            id: "t4", title: "季度检查", plan: "p", action: "a2", measure: 2, lead: "emergency",
            schedule: .obligation(Obligation(every: .quarter, start: day("2024-01-01"), end: day("2024-12-31")))),
        milestone(
            "t5", title: markedTitle, action: "a2", measure: 2, lead: "xingren", start: "2024-01-01", due: "2024-07-31"),
    ]

    static let progress = [
        "t1": TaskProgress(percent: 100, reportedOn: day("2024-05-10"), doneOn: day("2024-05-10")),
        "t3": TaskProgress(percent: 10, reportedOn: day("2024-08-01")),
        "t4": TaskProgress(occurrencesDone: ["2024Q1", "2024Q2"]),
        "t5": TaskProgress(percent: 50, reportedOn: day("2024-07-15")),
    ]

    static func evaluation() throws -> Evaluation {
        try Evaluator().evaluate(
            TaskGraph(tasks: tasks), planStart: day("2024-01-01"), progress: progress, asOf: day("2024-08-01"))
    }
}

/// `GanttChart`: the wall chart as SVG and as Mermaid.
///
/// Rows: 行动一, t1, 1. 措施1, t2, 行动二, t3, 2. 措施2, t4, t5. The span is 2024–2025 (731 days), so
/// a day is 1100 / 731 ≈ 1.5048 px wide and the chart starts at x = 410.
@Suite struct GanttChartTests {
    typealias F = DocsFixture

    func chart(today: String = "2024-08-01", actions: [Action] = F.actions) throws -> GanttChart {
        GanttChart(
            title: "挂图作战:2024", evaluation: try F.evaluation(), actions: actions, measures: F.measures,
            span: F.day("2024-01-01")...F.day("2025-12-31"), today: F.day(today))
    }

    @Test func fixtureLightsAndStatuses() throws {
        let e = try F.evaluation()
        #expect(e.tasks.map(\.light) == [.green, .red, .green, .green, .red])
        #expect(e.tasks.map(\.status) == [.done, .late, .onTrack, .onTrack, .overdue])
        #expect(e.tasks.map { ($0.expected * 10).rounded() / 10 } == [100, 34.8, 8.8, 50, 100])
        #expect(e.tasks.map(\.reported) == [100, 0, 10, 50, 50])
    }

    @Test func svgParses() throws {
        let svg = try chart().svg
        let xml = ParsedXML(Data(svg.utf8))
        #expect(xml.succeeded, "\(String(describing: xml.error))")
        #expect(xml.elements.first?.name == "svg")
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "))
        #expect(xml.named("title").first?.text == "挂图作战:2024")
        #expect(xml.named("script").isEmpty)
    }

    @Test func oneBarPerTask() throws {
        let svg = try chart().svg
        let xml = ParsedXML(Data(svg.utf8))
        let bars = xml.named("g")
        #expect(bars.count == 5)
        #expect(svg.components(separatedBy: "<g><title>").count - 1 == 5)
        #expect(bars.allSatisfy { $0.descendantNames.filter { $0 == "rect" }.count == 1 })
        #expect(
            bars.map { $0.value("rect", "fill") } == ["#2e7d32", "#d40000", "#2e7d32", "#2e7d32", "#d40000"])
        // The duty is dashed and pale; the done task pale with a tick.
        #expect(bars.map { $0.value("rect", "stroke-dasharray") } == [nil, nil, nil, "3,2", nil])
        #expect(bars.map { $0.value("rect", "fill-opacity") } == ["0.5", "1", "1", "0.35", "1"])
        #expect(bars[0].descendantNames.contains("text"))
        // t1 is the second row: 01-01 … 06-30 is 182 days × 1.5048 = 273.9 px from x = 410.
        #expect(bars[0].value("rect", "x") == "410")
        #expect(bars[0].value("rect", "y") == "108")
        #expect(bars[0].value("rect", "width") == "273.9")
        // Titles are escaped in the source and read back whole.
        #expect(bars[4].text.hasPrefix("t5 复查<重大隐患> a:b & c|d：2024-01-01 → 2024-07-31 · 红灯 · 逾期未完成"))
    }

    @Test func oneArrowPerDependencyBetweenDrawnTasks() throws {
        let arrows = { (chart: GanttChart) in
            ParsedXML(Data(chart.svg.utf8)).named("path").filter { $0.attributes["marker-end"] == "url(#arrow)" }
        }
        #expect(try arrows(chart()).count == 2)  // t1 → t2, t1 → t3
        // Without 行动二, t3 is not drawn and neither is its arrow.
        let first = try chart(actions: [F.actions[0]])
        #expect(try arrows(first).count == 1)
        #expect(ParsedXML(Data(first.svg.utf8)).named("g").count == 2)
    }

    @Test func todaysLineOnlyWhenTodayIsInTheSpan() throws {
        let inside = try chart().svg
        #expect(inside.contains("今天 2024-08-01"))
        #expect(inside.contains("stroke-dasharray=\"6,3\""))
        for day in ["2023-12-31", "2026-01-01"] {
            let outside = try chart(today: day).svg
            #expect(!outside.contains("今天"))
            #expect(!outside.contains("stroke-dasharray=\"6,3\""))
        }
        #expect(try chart(today: "2025-12-31").svg.contains("今天 2025-12-31"))
    }

    @Test func longLabelsAreTruncated() throws {
        let labels = ParsedXML(Data(try chart().svg.utf8)).named("text").map(\.text)
        // A task label has 354 px at 12 px a character, less one character for the ellipsis: 28 fit.
        #expect(labels.contains(String(F.longTitle.prefix(28)) + "…"))
        #expect(!labels.contains(F.longTitle))
        #expect(labels.contains("任务 t1"))
        #expect(labels.contains("1. 措施1"))
        #expect(labels.contains(F.markedTitle))
        #expect(labels.filter { $0.hasSuffix("…") }.count == 1)
    }

    @Test func truncateCutsOnlyWhatDoesNotFit() {
        let cjk = { (count: Int) in String(repeating: "安", count: count) }
        #expect(GanttChart.truncate(cjk(28), width: 354, size: 12) == cjk(28))
        // 29 × 12 = 348 px fits in 354.
        #expect(GanttChart.truncate(cjk(29), width: 354, size: 12) == cjk(29))
        #expect(GanttChart.truncate(cjk(30), width: 354, size: 12) == cjk(28) + "…")
        // ASCII is 0.55 of the size: 6.6 px at 12, so 53 characters (349.8 px) fit and 54 do not.
        let ascii = { (count: Int) in String(repeating: "x", count: count) }
        #expect(GanttChart.truncate(ascii(53), width: 354, size: 12) == ascii(53))
        #expect(GanttChart.truncate(ascii(54), width: 354, size: 12) == ascii(51) + "…")
        #expect(GanttChart.truncate("", width: 354, size: 12) == "")
    }

    @Test func mermaidGantt() throws {
        let text = try chart().mermaid
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "gantt")
        #expect(lines.last == "")
        #expect(lines.contains("    title 挂图作战：2024"))
        #expect(lines.filter { $0.hasPrefix("    section ") } == ["    section 行动一", "    section 行动二"])
        #expect(lines.contains("    任务 t1 :done, t1, 2024-01-01, 2024-06-30"))
        // t2 has no start of its own; only its tag and due day are checked here.
        #expect(lines.contains { $0.hasPrefix("    \(F.longTitle) :crit, t2, ") && $0.hasSuffix(", 2024-09-30") })
        #expect(lines.contains("    任务 t3 :active, t3, 2024-07-01, 2025-06-30"))
        #expect(lines.contains("    复查<重大隐患> a：b & c|d :crit, t5, 2024-01-01, 2024-07-31"))
        // Measures are not rows in Mermaid; tasks come in plan order under their action.
        let tasks = lines.filter { $0.contains(", 20") }
        #expect(tasks.count == 5)
        #expect(tasks.map { $0.components(separatedBy: ", ")[1] } == ["t1", "t2", "t3", "t4", "t5"])
        // The only `:` on a task line is the one before its tags.
        for line in tasks {
            #expect(line.filter { $0 == ":" }.count == 1, "\(line)")
        }
        let section2 = try #require(lines.firstIndex(of: "    section 行动二"))
        #expect(lines.firstIndex { $0.contains(", t3, ") }! > section2)
        #expect(lines.firstIndex { $0.contains(", t2, ") }! < section2)
    }

    @Test func mermaidIdsAndNamesAreSanitised() {
        #expect(GanttChart.mermaidText("甲:乙;丙#丁\n戊") == "甲：乙；丙＃丁 戊")
    }
}
