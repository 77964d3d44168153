import DubanCore
import Foundation
import Testing

@testable import DubanDocs

/// `DocumentWriter` with the repository's templates: the bulletin, agenda and letter of
/// `DocsFixture` (as of 2024-08-01) in Markdown, HTML and docx.
///
/// Ranking (default weights; escalations housing 1, xingren 2):
/// - 区应急管理局: t1 done on time, t4 lag 0 → 40 + 40 + 20 = 100.
/// - 区住房和城乡建设局: nothing decided (rate 1), lag 34.78 → 40 + 40 × 0.6522 + (20 − 2) = 84.1.
/// - 兴仁街道: t5 overdue (rate 0), lags 0 and 50 → 0 + 40 × 0.75 + (20 − 4 − 4) = 42.
@Suite struct DocumentWriterTests {
    typealias F = DocsFixture

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = root.appendingPathComponent(DocumentTemplates.defaultDirectory).path
    static let planTitle = "安全生产治本攻坚三年行动方案（2024—2026年）"

    func writer() throws -> DocumentWriter {
        DocumentWriter(
            templates: try DocumentTemplates(directory: Self.templates), issuer: "区安全生产委员会办公室",
            names: Dictionary(uniqueKeysWithValues: F.registry.map { ($0.id, $0.name) }), planTitle: Self.planTitle)
    }

    func bulletin() throws -> OfficialDocument {
        let e = try F.evaluation()
        let ranking = DepartmentRanking(
            evaluation: e, registry: F.registry, escalations: ["housing": 1, "xingren": 2],
            previousRanks: ["emergency": 2, "housing": 1], office: "safety-office")
        let step = EscalationStep(
            task: "t2", department: "housing", rung: .reminder, date: F.day("2024-08-01"), state: .sent,
            reason: "t2 is red", rule: EscalationRule.redFirst)
        let content = MonthlyBulletin(
            month: "2024-08", evaluation: e, registry: F.registry, actions: F.actions, ranking: ranking, steps: [step])
        return try writer().bulletin(content)
    }

    func agenda() throws -> OfficialDocument {
        let summons = EscalationStep(
            id: 11, task: "t5", department: "xingren", rung: .summons, date: F.day("2024-07-05"), state: .proposed,
            reason: "t5 仍逾期", rule: EscalationRule.redClimb)
        let content = ConsultationAgenda(
            quarter: "2024Q3", meeting: F.day("2024-08-05"), evaluation: try F.evaluation(), office: "safety-office",
            history: ["t5": [summons]], previousSlow: ["t5"])
        return try writer().agenda(content)
    }

    func letter() throws -> OfficialDocument {
        let e = try F.evaluation()
        let history = [
            EscalationStep(
                id: 5, task: "t5", department: "xingren", rung: .reminder, date: F.day("2024-06-05"), state: .sent,
                reason: "t5 is red", rule: EscalationRule.redFirst),
            EscalationStep(
                id: 8, task: "t5", department: "xingren", rung: .letter, date: F.day("2024-07-05"), state: .sent,
                reason: "t5 is red", rule: EscalationRule.redClimb),
        ]
        let content = EscalationLetter(
            step: 12, prefix: "安办函", year: 2024, sequence: 7, issued: F.day("2024-08-01"), rung: .notice,
            department: F.registry[3], task: F.tasks[4], evaluation: e.task("t5"),
            reports: [.init(date: F.day("2024-07-15"), value: "50%", note: "已完成排查|待复查")], history: history,
            reason: "t5 is red", rule: EscalationRule.redClimb, replyBy: F.day("2024-08-15"))
        return try writer().letter(content)
    }

    func html(_ document: OfficialDocument) throws -> String {
        String(decoding: try writer().render(document, as: .html), as: UTF8.self)
    }

    @Test func bulletinMarkdown() throws {
        let document = try bulletin()
        #expect(document.number == "2024年第8期")
        #expect(document.title == "关于2024年8月\(Self.planTitle)推进情况的通报")
        #expect(document.name == "bulletin-2024-08")
        let text = document.markdown
        #expect(
            text.hasPrefix("**区安全生产委员会办公室**\n\n2024年第8期\n\n# \(document.title)\n\n各有关部门、各街道：\n\n"))
        #expect(text.hasSuffix("确保按期完成。\n\n区安全生产委员会办公室\n\n2024年8月1日\n"))
        let lines = text.components(separatedBy: "\n")
        for heading in ["一、总体进展", "二、各单位排名", "三、红灯事项", "四、黄灯事项", "五、本月督办", "六、下月到期任务"] {
            #expect(lines.contains("## \(heading)"))
        }
        // Averages over the five tasks: (100 + 34.78 + 8.77 + 50 + 100) / 5 and (100 + 0 + 10 + 50 + 50) / 5.
        #expect(text.contains("全区共 5 项任务，序时进度 58.7%，各单位报送进度 42%。红灯 2 项、黄灯 0 项，逾期未完成 1 项，已完成 1 项。"))
        #expect(lines.contains("| 行动一 | 2 | 67.4% | 50% | 1 | 0 |"))
        #expect(lines.contains("| 行动二 | 3 | 52.9% | 36.7% | 1 | 0 |"))
        #expect(text.contains("按期完成率占40分，进度（按平均滞后扣减）占40分，工作纪律占20分（每项逾期扣4分、本年每次督办扣2分"))
        let ranking = lines.filter { $0.hasPrefix("| 1 |") || $0.hasPrefix("| 2 |") || $0.hasPrefix("| 3 |") }
        #expect(
            ranking == [
                "| 1 | 区应急管理局 | 100 | 100% | 0 | 0 | 0 | ↑1 |", "| 2 | 区住房和城乡建设局 | 84.1 | 100% | 34.8 | 0 | 1 | ↓1 |",
                "| 3 | 兴仁街道 | 42 | 0% | 25 | 1 | 2 | 新 |",
            ])
        // Red items by due day: t5 (07-31) before t2 (09-30); the title's `|` cannot break a line.
        let t5 = "- **复查<重大隐患> a:b & c｜d**（t5）：牵头单位兴仁街道，截止2024-07-31，序时进度100%，报送50%，逾期未完成。"
        let t2 = "- **\(F.longTitle)**（t2）：牵头单位区住房和城乡建设局，截止2024-09-30，序时进度34.8%，报送0%，严重滞后。"
        let first = try #require(lines.firstIndex(of: t5))
        let second = try #require(lines.firstIndex(of: t2))
        #expect(first + 1 == second)
        #expect(lines.contains("本月无黄灯事项。"))
        #expect(lines.contains("- 督促提醒：区住房和城乡建设局，t2（已发送）"))
        #expect(lines.contains("下月无到期任务。"))
    }

    @Test func bulletinTablesSurviveTheMarkdownReader() throws {
        let blocks = MarkdownBlock.parse(try bulletin().body)
        let tables = blocks.compactMap { block -> (header: [String], rows: [[String]])? in
            if case .table(let header, let rows) = block { return (header, rows) }
            return nil
        }
        #expect(tables.count == 2)
        #expect(tables.first?.header == ["行动", "任务数", "序时进度", "报送进度", "红灯", "黄灯"])
        #expect(tables.first?.rows.map { $0[0] } == ["行动一", "行动二"])
        #expect(tables.last?.rows.map { $0[1] } == ["区应急管理局", "区住房和城乡建设局", "兴仁街道"])
        #expect(tables.last?.rows.map(\.count) == [8, 8, 8])
    }

    @Test func bulletinHTMLIsEscapedAndSelfContained() throws {
        let page = try html(try bulletin())
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("复查&lt;重大隐患&gt; a:b &amp; c｜d"))
        #expect(!page.contains("<重大隐患>"))
        #expect(page.contains("<strong>复查&lt;重大隐患&gt; a:b &amp; c｜d</strong>"))
        #expect(page.contains("<p class=\"number\">2024年第8期</p>"))
        #expect(page.contains("<p class=\"issuer\">区安全生产委员会办公室</p>"))
        #expect(page.contains("<h3>一、总体进展</h3>"))
        for reference in ["http://", "https://", "<script", "<link", "@import", "url(", "src="] {
            #expect(!page.contains(reference), "\(reference)")
        }
        let rows = ["1</td><td>区应急管理局", "2</td><td>区住房和城乡建设局", "3</td><td>兴仁街道"].map {
            page.range(of: "<tr><td>\($0)</td>")?.lowerBound
        }
        #expect(rows.allSatisfy { $0 != nil })
        #expect(rows[0]! < rows[1]! && rows[1]! < rows[2]!)
    }

    @Test func agendaMarkdownAndHTML() throws {
        let document = try agenda()
        #expect(document.number == nil)
        #expect(document.title == "2024年第三季度安全生产形势会商研判会议议程")
        #expect(document.name == "agenda-2024Q3")
        let lines = document.markdown.components(separatedBy: "\n")
        #expect(lines.contains("**会议时间：**2024年8月5日"))
        #expect(lines.contains("**参会单位：**区安委会办公室、区住房和城乡建设局、兴仁街道"))
        #expect(
            lines.contains(
                "\(Self.planTitle)：红灯 2 项、黄灯 0 项、蓝灯 0 项、绿灯 3 项；已完成 1 项，逾期未完成 1 项，前置任务受阻 0 项。"))
        #expect(
            lines.contains(
                "- **\(F.longTitle)**（t2）：区住房和城乡建设局汇报。截止2024-09-30，序时进度34.8%，报送0%，严重滞后。督办记录：尚未督办。"))
        #expect(
            lines.contains {
                $0.hasPrefix("- **复查<重大隐患> a:b & c｜d**（t5）：兴仁街道汇报。") && $0.hasSuffix("督办记录：2024-07-05 约谈（待审批）。")
            })
        #expect(lines.contains("本季度无跨部门堵点。"))
        #expect(lines.contains("- 2024-09-30 \(F.longTitle)（区住房和城乡建设局）"))
        #expect(lines.contains("各项常态化工作均已按期报送。"))
        #expect(lines.contains("- 第 11 号督办：拟对兴仁街道（t5）约谈。该任务在上次月调度时已亮红灯，前期督办后仍未改善，按督查督办机制提级为约谈。"))
        #expect(lines.contains("- t5（兴仁街道）：未落实，目前逾期未完成。"))
        let page = try html(document)
        #expect(!page.contains("class=\"number\""))
        #expect(page.contains("<h1>2024年第三季度安全生产形势会商研判会议议程</h1>"))
        #expect(!page.contains("<重大隐患>"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }

    @Test func letterMarkdownAndHTML() throws {
        let document = try letter()
        #expect(document.number == "安办函〔2024〕7号")
        #expect(document.title == "关于“复查<重大隐患> a:b & c|d”进度滞后的通报")
        #expect(document.addressee == "各有关部门、各街道：")
        #expect(document.name == "letter-2024-7")
        let lines = document.markdown.components(separatedBy: "\n")
        #expect(lines.contains("安办函〔2024〕7号"))
        #expect(lines.contains("兴仁街道牵头的“复查<重大隐患> a:b & c｜d”（t5）经督促提醒、函告后仍进度滞后，现予以通报。"))
        #expect(lines.contains("完成时限：2024年7月31日。"))
        #expect(lines.contains("截至目前，序时进度应达到100%，实际报送50%，逾期未完成（红灯）。"))
        #expect(lines.contains("- 2024-07-15 报送 50%：已完成排查｜待复查"))
        #expect(lines.contains("前期督办："))
        #expect(lines.contains("- 2024-06-05 督促提醒（已发送）"))
        #expect(lines.contains("- 2024-07-05 函告（已发送）"))
        #expect(lines.contains("督办依据：该任务在上次月调度时已亮红灯，前期督办后仍未改善，按督查督办机制提级为通报。"))
        #expect(lines.contains { $0.hasPrefix("请兴仁街道高度重视") && $0.contains("于2024年8月15日前") })
        let page = try html(document)
        #expect(page.contains("<p class=\"number\">安办函〔2024〕7号</p>"))
        #expect(page.contains("<title>关于“复查&lt;重大隐患&gt; a:b &amp; c|d”进度滞后的通报</title>"))
        #expect(page.contains("<h1>关于“复查&lt;重大隐患&gt; a:b &amp; c|d”进度滞后的通报</h1>"))
        #expect(!page.contains("<重大隐患>"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }

    @Test func everyFormatRendersTheSameBytesTwice() throws {
        let writer = try writer()
        let document = try letter()
        #expect(try writer.render(document, as: .markdown) == Data(document.markdown.utf8))
        #expect(try writer.render(document, as: .docx) == (try DocxPackage(document: document).data()))
        for format in DocumentFormat.allCases {
            #expect(try writer.render(document, as: format) == (try writer.render(document, as: format)), "\(format)")
        }
        #expect(DocumentFormat.allCases.map(\.fileExtension) == ["md", "html", "docx"])
    }

    @Test func aMissingTemplateFolderNamesTheFile() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("duban-no-templates-\(UUID())").path
        let error = try #require(throws: DocumentError.self) { try DocumentTemplates(directory: missing) }
        #expect(error.message.contains("\(missing)/bulletin.md.mustache"))
        #expect(error.message.contains("missing"))
        #expect(error.fix.contains("notifiers/"))
    }

    @Test func aMissingOrBrokenTemplateNamesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["bulletin.md", "agenda.md", "page.html"] {
            try FileManager.default.copyItem(
                atPath: "\(Self.templates)/\(name).mustache",
                toPath: folder.appendingPathComponent("\(name).mustache").path)
        }
        let missing = try #require(throws: DocumentError.self) { try DocumentTemplates(directory: folder.path) }
        #expect(missing.message.contains("letter.md.mustache"))
        #expect(!missing.message.contains("bulletin.md.mustache"))
        try Data("第一行\n{{#slow}}\n- {{{title}}}\n".utf8).write(to: folder.appendingPathComponent("letter.md.mustache"))
        let broken = try #require(throws: DocumentError.self) { try DocumentTemplates(directory: folder.path) }
        #expect(broken.message.contains("letter.md.mustache does not parse"))
        #expect(broken.message.contains("line "))
    }
}
