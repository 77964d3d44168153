import DubanCore
import Foundation
import Testing
import ZIPFoundation

@testable import DubanDocs

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The three hazard documents with the repository's templates: the 挂牌督办通知书 of a listed
/// hazard, the 销号审批表 of a verified and of a closed one, and the public list, which never shows
/// a reporter or who checked a 群众举报.
@Suite struct HazardDocumentTests {
    static let templates = DocumentWriterTests.templates
    static let issuer = "枣庄高新区安全生产委员会办公室"
    static let sectors = [
        Sector(id: "hazardous-chemicals", name: "危险化学品", department: "emergency"),
        Sector(id: "construction", name: "房屋市政工程", department: "housing"),
    ]
    static let names = [
        "emergency": "区应急管理局", "housing": "区住房和城乡建设局", "xingren": "兴仁街道", "xingcheng": "兴城街道",
    ]
    /// Written into hazards that must never show them on a public document.
    static let reporter = "张举报人"
    static let checker = "区住建局举报核查组"

    static func day(_ text: String) -> Day { Day(text)! }

    /// A 群众举报 at a chemical works, listed on 2025-03-01 with a complete 五落实.
    static func listed() -> Hazard {
        Hazard(
            id: "hz-2025-0001",
            enterprise: Enterprise(
                name: "枣庄某化工有限公司", creditCode: "91370400MA3C000011", address: "兴仁街道化工路1号",
                subdistrict: "xingren", principal: "王总"),
            sector: "hazardous-chemicals", department: "emergency", description: "液氨储罐区未设置泄漏报警装置",
            basis: "《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条", foundOn: day("2025-02-20"),
            channel: .publicReport, foundBy: "区应急局举报核查组", reporter: reporter,
            rectification: Rectification(
                responsible: "李厂长", measures: "增设有毒气体泄漏报警装置并联锁", funds: "20万元", deadline: day("2025-04-30"),
                contingency: "专人巡检，储罐限量"),
            listingNumber: "高新安办督〔2025〕7号", listing: Listing(level: .district, on: day("2025-03-01")),
            state: .listed)
    }

    static let signOffs = [
        SignOff(role: .supervisor, name: "赵监管", date: day("2025-05-08"), opinion: "整改到位"),
        SignOff(role: .expert, name: "钱专家", date: day("2025-05-08"), opinion: "符合标准"),
        SignOff(role: .enterprise, name: "王总", date: day("2025-05-09"), opinion: "已落实"),
    ]

    /// `listed()` rectified on 2025-05-06 (six days late) and verified on 2025-05-09.
    static func verified() -> Hazard {
        var hazard = listed()
        hazard.state = .verified
        hazard.progress = 100
        hazard.rectifiedOn = day("2025-05-06")
        hazard.signOffs = signOffs
        hazard.verifiedOn = day("2025-05-09")
        return hazard
    }

    static func closed() -> Hazard {
        var hazard = verified()
        hazard.state = .closed
        hazard.closedOn = day("2025-05-12")
        return hazard
    }

    func writer() throws -> DocumentWriter {
        DocumentWriter(
            templates: try DocumentTemplates(directory: Self.templates), issuer: Self.issuer, names: Self.names,
            planTitle: DocumentWriterTests.planTitle)
    }

    func hazardTemplates() throws -> HazardTemplates { try HazardTemplates(directory: Self.templates) }

    func markdownAndHTMLAndDocx(_ document: OfficialDocument) throws -> [String] {
        let writer = try writer()
        let html = String(decoding: try writer.render(document, as: .html), as: UTF8.self)
        let docx = try writer.render(document, as: .docx)
        let archive = try Archive(data: docx, accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let parser = XMLParser(data: xml)
        #expect(parser.parse(), "word/document.xml does not parse")
        return [document.markdown, html, String(decoding: xml, as: UTF8.self)]
    }

    @Test func theNoticeIsNumberedAndDatedByItsListingAndStatesTheHazardAndItsFiveItems() throws {
        let document = try writer().hazardNotice(Self.listed(), sectors: Self.sectors, templates: hazardTemplates())
        #expect(document.number == "高新安办督〔2025〕7号")
        #expect(document.date == Self.day("2025-03-01"))
        #expect(document.title == "重大事故隐患挂牌督办通知书")
        #expect(document.addressee == "枣庄某化工有限公司：")
        #expect(document.name == "hazard-notice-hz-2025-0001")
        let text = document.markdown
        #expect(
            text.hasPrefix(
                "**\(Self.issuer)**\n\n高新安办督〔2025〕7号\n\n# 重大事故隐患挂牌督办通知书\n\n枣庄某化工有限公司：\n\n"))
        #expect(text.hasSuffix("抄送：区应急管理局。\n\n\(Self.issuer)\n\n2025年3月1日\n"))
        let lines = Set(text.split(separator: "\n").map(String.init))
        for row in [
            "| 企业名称 | 枣庄某化工有限公司 |", "| 统一社会信用代码 | 91370400MA3C000011 |", "| 企业地址 | 兴仁街道化工路1号 |",
            "| 所属街道 | 兴仁街道 |", "| 主要负责人 | 王总 |", "| 行业领域 | 危险化学品 |", "| 隐患编号 | hz-2025-0001 |",
            "| 隐患描述 | 液氨储罐区未设置泄漏报警装置 |", "| 判定依据 | 《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条 |",
            "| 发现日期 | 2025年2月20日 |", "| 挂牌级别 | 区级挂牌督办（2025年3月1日挂牌） |", "| 监管部门 | 区应急管理局 |",
            "| 整改责任人 | 李厂长 |", "| 整改措施 | 增设有毒气体泄漏报警装置并联锁 |", "| 整改资金 | 20万元 |",
            "| 整改期限 | 2025年4月30日前 |", "| 应急预案 | 专人巡检，储罐限量 |",
        ] {
            #expect(lines.contains(row), "missing \(row)")
        }
        #expect(text.contains("决定对该隐患实行区级挂牌督办，督办文号高新安办督〔2025〕7号"))
        #expect(text.contains("《\(DocumentWriterTests.planTitle)》"))
        #expect(text.contains("于2025年4月30日前整改到位"))
        #expect(text.contains("向区应急管理局书面申请销号，经监管人员、安全专家、企业负责人三方现场核验确认后"))
        // Addressed to the enterprise: who reported or checked the report, and that it was one, stay out.
        for format in try markdownAndHTMLAndDocx(document) {
            #expect(!format.contains(Self.reporter))
            #expect(!format.contains("区应急局举报核查组"))
            #expect(!format.contains("举报"))
        }
    }

    @Test func aProvincialListingAndAnEnterpriseWithoutPrincipalAreWrittenAsTheyAre() throws {
        var hazard = Self.listed()
        hazard.listing?.level = .province
        hazard.enterprise.principal = nil
        let text = try writer().hazardNotice(hazard, sectors: Self.sectors, templates: hazardTemplates()).markdown
        #expect(text.contains("| 挂牌级别 | 省级挂牌督办（2025年3月1日挂牌） |"))
        #expect(!text.contains("主要负责人 |"))
    }

    @Test func anUnlistedHazardHasNoNotice() throws {
        var hazard = Self.listed()
        hazard.listing = nil
        hazard.listingNumber = nil
        hazard.state = .reported
        let error = try #require(throws: DocumentError.self) {
            try writer().hazardNotice(hazard, sectors: Self.sectors, templates: hazardTemplates())
        }
        #expect(error.message.contains("hz-2025-0001 is reported"))
        #expect(error.fix.contains("duban hazard list-for-supervision hz-2025-0001"))
    }

    @Test func theClosureFormOfAVerifiedHazardCarriesTheThreeSignOffsAndAwaitsApproval() throws {
        let document = try writer().hazardClosureForm(
            Self.verified(), sectors: Self.sectors, templates: hazardTemplates())
        #expect(document.title == "重大事故隐患销号审批表")
        #expect(document.number == nil)
        #expect(document.addressee == nil)
        #expect(document.date == Self.day("2025-05-09"))
        #expect(document.name == "hazard-closure-hz-2025-0001")
        let text = document.markdown
        let table = """
            | 核验方 | 姓名 | 核验日期 | 核验意见 |
            |---|---|---|---|
            | 监管人员 | 赵监管 | 2025年5月8日 | 整改到位 |
            | 安全专家 | 钱专家 | 2025年5月8日 | 符合标准 |
            | 企业负责人 | 王总 | 2025年5月9日 | 已落实 |
            """
        #expect(text.contains(table))
        let lines = Set(text.split(separator: "\n").map(String.init))
        for row in [
            "| 督办文号 | 高新安办督〔2025〕7号 |", "| 企业名称 | 枣庄某化工有限公司 |", "| 统一社会信用代码 | 91370400MA3C000011 |",
            "| 隐患描述 | 液氨储罐区未设置泄漏报警装置 |", "| 判定依据 | 《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条 |",
            "| 挂牌督办 | 区级挂牌督办，2025年3月1日挂牌 |", "| 整改期限 | 2025年4月30日 |", "| 整改措施 | 增设有毒气体泄漏报警装置并联锁 |",
            "| 整改完成日期 | 2025年5月6日（逾期6天完成） |", "三方确认日期：2025年5月9日。",
        ] {
            #expect(lines.contains(row), "missing \(row)")
        }
        #expect(text.contains("报请\(Self.issuer)审批销号"))
        #expect(!text.contains("销号日期"))
        #expect(!text.contains(Self.reporter))
    }

    @Test func theClosureFormOfAClosedHazardIsDatedByItsCloseOut() throws {
        var hazard = Self.closed()
        hazard.rectifiedOn = Self.day("2025-04-28")
        let document = try writer().hazardClosureForm(hazard, sectors: Self.sectors, templates: hazardTemplates())
        #expect(document.date == Self.day("2025-05-12"))
        let text = document.markdown
        #expect(text.contains("同意销号，解除挂牌督办。销号日期：2025年5月12日。"))
        #expect(text.contains("| 整改完成日期 | 2025年4月28日（按期完成） |"))
        #expect(!text.contains("审批意见"))
        #expect(text.contains("| 企业负责人 | 王总 | 2025年5月9日 | 已落实 |"))
    }

    @Test(arguments: [HazardState.reported, .listed, .rectifying, .rectified])
    func aHazardNotYetVerifiedHasNoClosureForm(_ state: HazardState) throws {
        var hazard = Self.listed()
        hazard.state = state
        if state == .rectified { hazard.rectifiedOn = Self.day("2025-05-06") }
        let error = try #require(throws: DocumentError.self) {
            try writer().hazardClosureForm(hazard, sectors: Self.sectors, templates: hazardTemplates())
        }
        #expect(error.message.contains("hz-2025-0001 is \(state.rawValue) (\(state.chinese))"))
        #expect(error.message.contains("销号审批表"))
        #expect(error.fix.contains("duban hazard verify hz-2025-0001"))
        #expect(error.fix.contains("rectify") == (state != .rectified))
    }

    /// Four hazards: two listed and open (one overdue, one a 群众举报 with its reporter), one closed,
    /// one never listed, one listed after the day asked for.
    static func ledger() -> [Hazard] {
        var report = listed()
        report.id = "hz-2025-0003"
        report.enterprise = Enterprise(
            name: "枣庄某建筑有限公司", creditCode: "91350100M000100Y43", address: "兴城街道建设路8号", subdistrict: "xingcheng")
        report.sector = "construction"
        report.department = "housing"
        report.description = "深基坑未按方案支护"
        report.foundBy = checker
        report.reporter = reporter
        report.rectification.deadline = day("2025-08-31")
        report.listingNumber = "高新安办督〔2025〕3号"
        report.listing = Listing(level: .district, on: day("2025-06-03"))
        report.state = .rectifying
        report.progress = 40
        var overdue = listed()
        overdue.reporter = nil
        overdue.channel = .inspection
        overdue.foundBy = "区安委办督导组"
        var shut = closed()
        shut.id = "hz-2025-0002"
        shut.listingNumber = "高新安办督〔2025〕2号"
        var unlisted = listed()
        unlisted.id = "hz-2025-0004"
        unlisted.listing = nil
        unlisted.listingNumber = nil
        unlisted.state = .rectifying
        var later = listed()
        later.id = "hz-2025-0005"
        later.listingNumber = "高新安办督〔2025〕9号"
        later.listing = Listing(level: .city, on: day("2025-07-20"))
        return [later, report, unlisted, shut, overdue]
    }

    @Test func thePublicListShowsTheOpenListedHazardsInListingOrderWithTheOverdueMarked() throws {
        let document = try writer().hazardPublicList(
            Self.ledger(), asOf: Self.day("2025-07-10"), sectors: Self.sectors, templates: hazardTemplates())
        #expect(document.title == "重大事故隐患挂牌督办公开清单")
        #expect(document.number == nil)
        #expect(document.date == Self.day("2025-07-10"))
        #expect(document.name == "hazard-list-2025-07-10")
        let expected = """
            **\(Self.issuer)**

            # 重大事故隐患挂牌督办公开清单

            截至2025年7月10日，全区挂牌督办、尚未销号的重大事故隐患共2项，其中逾期未完成整改1项。现予以公开，接受社会监督。

            | 序号 | 督办文号 | 企业名称 | 所属街道 | 行业领域 | 隐患描述 | 整改期限 | 整改状态 |
            |---|---|---|---|---|---|---|---|
            | 1 | 高新安办督〔2025〕7号 | 枣庄某化工有限公司 | 兴仁街道 | 危险化学品 | 液氨储罐区未设置泄漏报警装置 | 2025年4月30日 | 已挂牌，已逾期71天 |
            | 2 | 高新安办督〔2025〕3号 | 枣庄某建筑有限公司 | 兴城街道 | 房屋市政工程 | 深基坑未按方案支护 | 2025年8月31日 | 整改中 |

            社会各界如发现上述隐患整改不到位，或发现其他重大事故隐患，可拨打12350安全生产举报投诉电话举报，举报人信息依法予以保密。

            \(Self.issuer)

            2025年7月10日

            """
        #expect(document.markdown == expected)
    }

    /// Would fail if a reporter, or the unit that checked a 群众举报, leaked into any format.
    @Test func thePublicListNeverShowsAReporterOrWhoCheckedAReport() throws {
        let ledger = Self.ledger()
        #expect(ledger.contains { $0.reporter == Self.reporter && $0.state != .closed && $0.listing != nil })
        let document = try writer().hazardPublicList(
            ledger, asOf: Self.day("2025-07-10"), sectors: Self.sectors, templates: hazardTemplates())
        #expect(document.markdown.contains("深基坑未按方案支护"))
        for format in try markdownAndHTMLAndDocx(document) {
            #expect(!format.contains(Self.reporter))
            #expect(!format.contains(Self.checker))
            #expect(!format.contains("区安委办督导组"))
        }
    }

    @Test func anEmptyPublicListSaysSo() throws {
        let text = try writer().hazardPublicList(
            [Self.closed()], asOf: Self.day("2025-07-10"), sectors: Self.sectors, templates: hazardTemplates()
        ).markdown
        #expect(text.contains("共0项，其中逾期未完成整改0项"))
        #expect(text.contains("目前无挂牌督办的重大事故隐患。"))
        #expect(!text.contains("| 序号 |"))
    }

    @Test func everyHazardDocumentRendersTheSameBytesTwice() throws {
        let writer = try writer()
        let templates = try hazardTemplates()
        let documents = [
            try writer.hazardNotice(Self.listed(), sectors: Self.sectors, templates: templates),
            try writer.hazardClosureForm(Self.closed(), sectors: Self.sectors, templates: templates),
            writer.hazardPublicList(
                Self.ledger(), asOf: Self.day("2025-07-10"), sectors: Self.sectors, templates: templates),
        ]
        for document in documents {
            for format in DocumentFormat.allCases {
                #expect(try writer.render(document, as: format) == (try writer.render(document, as: format)))
            }
        }
    }

    /// The three documents as Markdown, HTML and the docx body, pinned by the files in
    /// `Tests/DubanDocsTests/Snapshots` (re-record with DUBAN_RECORD_SNAPSHOTS=1 and read the diff).
    @Test func everyHazardDocumentMatchesItsSnapshots() throws {
        let writer = try writer()
        let templates = try hazardTemplates()
        let documents = [
            try writer.hazardNotice(Self.listed(), sectors: Self.sectors, templates: templates),
            try writer.hazardClosureForm(Self.closed(), sectors: Self.sectors, templates: templates),
            writer.hazardPublicList(
                Self.ledger(), asOf: Self.day("2025-07-10"), sectors: Self.sectors, templates: templates),
        ]
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let recording = ProcessInfo.processInfo.environment["DUBAN_RECORD_SNAPSHOTS"] == "1"
        for document in documents {
            let formats = try markdownAndHTMLAndDocx(document)
            let kind = document.name.hasPrefix("hazard-notice") ? "hazard-notice" : document.name
            for (format, text) in zip(["md", "html", "docx.document.xml"], formats) {
                let url = folder.appendingPathComponent("\(kind).\(format)")
                guard !recording, let expected = FileManager.default.contents(atPath: url.path) else {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: url)
                    Issue.record("recorded \(url.lastPathComponent); check it and run again")
                    continue
                }
                #expect(String(decoding: expected, as: UTF8.self) == text, "\(url.lastPathComponent) differs")
            }
        }
    }

    @Test func aMissingHazardTemplateNamesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-hazard-templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: "\(Self.templates)/hazard-notice.md.mustache",
            toPath: folder.appendingPathComponent("hazard-notice.md.mustache").path)
        let error = try #require(throws: DocumentError.self) { try HazardTemplates(directory: folder.path) }
        #expect(error.message.contains("hazard-closure.md.mustache"))
        #expect(error.message.contains("missing"))
    }
}
