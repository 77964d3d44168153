import Foundation
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `duban hazard notice`, `closure-form` and `public-list` end to end on a fresh store with the
/// shipped plans: a hazard added, listed, rectified, verified and closed by the commands a person
/// runs, its documents written at each step, and the public list written without the reporter.
@Suite struct HazardDocumentCommandTests {
    static let reporter = "张举报人"
    static let checker = "区住建局举报核查组"

    /// `duban hazard add` of a chemical works' hazard found by inspection on 2025-02-20.
    static let chemicalWorks = [
        "hazard", "add", "--enterprise", "枣庄某化工有限公司", "--credit-code", "91370400MA3C000011", "--address",
        "兴仁街道化工路1号", "--subdistrict", "xingren", "--principal", "王总", "--sector", "hazardous-chemicals",
        "--description", "液氨储罐区未设置泄漏报警装置", "--basis", "《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条",
        "--found-on", "2025-02-20", "--channel", "inspection", "--found-by", "区安委办督导组", "--responsible", "李厂长",
        "--measures", "增设有毒气体泄漏报警装置并联锁", "--funds", "20万元", "--deadline", "2025-04-30", "--contingency",
        "专人巡检，储罐限量",
    ]

    /// `duban hazard add` of a 群众举报 at a building site, with its reporter.
    static let buildingSite = [
        "hazard", "add", "--enterprise", "枣庄某建筑有限公司", "--credit-code", "91350100M000100Y43", "--address",
        "兴城街道建设路8号", "--subdistrict", "xingcheng", "--sector", "construction", "--description", "深基坑未按方案支护",
        "--basis", "《房屋市政工程生产安全重大事故隐患判定标准》第七条", "--found-on", "2025-02-25", "--channel",
        "public-report", "--found-by", checker, "--reporter", reporter, "--responsible", "陈经理", "--measures",
        "按专项方案加固支护", "--funds", "50万元", "--deadline", "2025-08-31", "--contingency", "基坑停止作业",
    ]

    /// Runs `body` on a store with the shipped plans loaded, in a folder with the shipped templates,
    /// at 2025-03-01 09:00.
    func withLedger(_ body: (DubanProcess) throws -> Void) throws {
        try withDuban { duban in
            var duban = duban
            duban.now = "2025-03-01T09:00:00+08:00"
            try Fixtures.copyShippedPlansAndTemplates(into: duban.directory)
            let load = try duban.run("plan", "load")
            try #require(load.exitCode == 0, "\(load)")
            try body(duban)
        }
    }

    /// Adds the chemical works' hazard and lists it on 2025-03-01.
    func addAndList(_ duban: DubanProcess) throws {
        let added = try duban.run(Self.chemicalWorks)
        try #require(added.exitCode == 0, "\(added)")
        #expect(
            added.stdout
                == "added: hz-2025-0001 [reported] 枣庄某化工有限公司：液氨储罐区未设置泄漏报警装置 (deadline 2025-04-30, emergency)\n")
        let listed = try duban.run("hazard", "list-for-supervision", "hz-2025-0001", "--date", "2025-03-01")
        try #require(listed.exitCode == 0, "\(listed)")
        #expect(listed.stdout.contains("（高新安办督〔2025〕1号）"))
    }

    @Test func theNoticeIsRefusedBeforeListingAndWrittenInEveryFormatAfter() throws {
        try withLedger { duban in
            let added = try duban.run(Self.chemicalWorks)
            try #require(added.exitCode == 0, "\(added)")
            let early = try duban.run("hazard", "notice", "hz-2025-0001")
            #expect(early.exitCode == 2)
            #expect(early.stdout.isEmpty)
            #expect(
                early.stderr
                    == "error: hz-2025-0001 is reported (已上报) and not listed for supervision, so it has no 挂牌督办通知书; "
                    + "list it first with `duban hazard list-for-supervision hz-2025-0001`\n")

            let listed = try duban.run("hazard", "list-for-supervision", "hz-2025-0001", "--date", "2025-03-01")
            try #require(listed.exitCode == 0, "\(listed)")
            let list = try duban.run("hazard", "list", "--listed")
            #expect(list.exitCode == 0, "\(list)")
            #expect(list.stdout.contains("hz-2025-0001"))
            #expect(list.stdout.hasSuffix("1 hazard\n"))

            let markdown = try duban.run("hazard", "notice", "hz-2025-0001")
            #expect(markdown.exitCode == 0, "\(markdown)")
            #expect(
                markdown.stdout.hasPrefix(
                    "**枣庄高新区安全生产委员会办公室**\n\n高新安办督〔2025〕1号\n\n# 重大事故隐患挂牌督办通知书\n\n枣庄某化工有限公司：\n\n"))
            for row in [
                "| 统一社会信用代码 | 91370400MA3C000011 |", "| 所属街道 | 兴仁街道 |", "| 行业领域 | 危险化学品 |",
                "| 判定依据 | 《危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条 |", "| 整改期限 | 2025年4月30日前 |",
                "| 挂牌级别 | 区级挂牌督办（2025年3月1日挂牌） |",
            ] {
                #expect(markdown.stdout.contains(row), "missing \(row)")
            }
            #expect(markdown.stdout.hasSuffix("抄送：区应急管理局。\n\n枣庄高新区安全生产委员会办公室\n\n2025年3月1日\n"))

            let html = try duban.run("hazard", "notice", "hz-2025-0001", "--format", "html")
            #expect(html.exitCode == 0, "\(html)")
            #expect(html.stdout.contains("高新安办督〔2025〕1号"))
            #expect(html.stdout.contains("<table"))

            let folder = duban.directory.appendingPathComponent("out")
            let path = folder.appendingPathComponent("notice.docx").path
            let docx = try duban.run("hazard", "notice", "hz-2025-0001", "--format", "docx", "--output", path)
            #expect(docx.exitCode == 0, "\(docx)")
            #expect(docx.stderr.hasPrefix("wrote \(path) ("))
            let text = try Self.documentXML(try #require(FileManager.default.contents(atPath: path)))
            #expect(text.contains("高新安办督〔2025〕1号"))
            #expect(text.contains("液氨储罐区未设置泄漏报警装置"))
        }
    }

    /// Runs wherever the tests run: `make test` installs LibreOffice, and its absence is a failure.
    @Test func theNoticeDocxConvertsInLibreOffice() throws {
        try #require(
            LibreOffice.path != nil,
            "LibreOffice (soffice) is not installed: run make test, or apt-get install libreoffice-writer-nogui")
        try withLedger { duban in
            try addAndList(duban)
            let path = duban.directory.appendingPathComponent("notice.docx").path
            let docx = try duban.run("hazard", "notice", "hz-2025-0001", "--format", "docx", "--output", path)
            try #require(docx.exitCode == 0, "\(docx)")
            let pdf = try LibreOffice.convertToPDF(path, in: duban.directory)
            #expect(pdf.starts(with: Data("%PDF".utf8)))
        }
    }

    @Test func theClosureFormIsRefusedUntilTheThreeSignOffsAndWrittenAfter() throws {
        try withLedger { duban in
            try addAndList(duban)
            var later = duban
            later.now = "2025-05-12T09:00:00+08:00"
            for step in [
                ["hazard", "rectify", "hz-2025-0001", "--percent", "60", "--date", "2025-04-01"],
                ["hazard", "rectify", "hz-2025-0001", "--done", "--date", "2025-04-28"],
            ] {
                let early = try later.run("hazard", "closure-form", "hz-2025-0001")
                #expect(early.exitCode == 2)
                #expect(early.stdout.isEmpty)
                #expect(early.stderr.hasPrefix("error: hz-2025-0001 is "))
                #expect(early.stderr.contains("销号审批表"))
                #expect(early.stderr.contains("duban hazard verify hz-2025-0001"))
                let result = try later.run(step)
                try #require(result.exitCode == 0, "\(result)")
            }
            let refused = try later.run("hazard", "closure-form", "hz-2025-0001")
            #expect(refused.exitCode == 2)
            #expect(
                refused.stderr
                    == "error: hz-2025-0001 is rectified (已整改待核验): a 销号审批表 is only for a hazard verified on site "
                    + "by 监管人员, 安全专家 and 企业负责人; record the three sign-offs with `duban hazard verify "
                    + "hz-2025-0001 --supervisor … --expert … --enterprise …` after the on-site check\n")

            let verify = try later.run(
                "hazard", "verify", "hz-2025-0001", "--date", "2025-05-08", "--supervisor", "赵监管,2025-05-08,整改到位",
                "--expert", "钱专家,2025-05-08,符合标准", "--enterprise", "王总,2025-05-08,已落实")
            try #require(verify.exitCode == 0, "\(verify)")
            let form = try later.run("hazard", "closure-form", "hz-2025-0001")
            #expect(form.exitCode == 0, "\(form)")
            #expect(form.stdout.contains("# 重大事故隐患销号审批表\n"))
            #expect(
                form.stdout.contains(
                    """
                    | 核验方 | 姓名 | 核验日期 | 核验意见 |
                    |---|---|---|---|
                    | 监管人员 | 赵监管 | 2025年5月8日 | 整改到位 |
                    | 安全专家 | 钱专家 | 2025年5月8日 | 符合标准 |
                    | 企业负责人 | 王总 | 2025年5月8日 | 已落实 |
                    """))
            #expect(form.stdout.contains("| 整改完成日期 | 2025年4月28日（按期完成） |"))
            #expect(form.stdout.contains("审批意见："))
            #expect(form.stdout.hasSuffix("2025年5月8日\n"))

            let close = try later.run("hazard", "close", "hz-2025-0001", "--date", "2025-05-12")
            try #require(close.exitCode == 0, "\(close)")
            let path = duban.directory.appendingPathComponent("closure.docx").path
            let docx = try later.run("hazard", "closure-form", "hz-2025-0001", "--format", "docx", "-o", path)
            #expect(docx.exitCode == 0, "\(docx)")
            let text = try Self.documentXML(try #require(FileManager.default.contents(atPath: path)))
            #expect(text.contains("销号日期：2025年5月12日。"))
            #expect(text.contains("钱专家"))
        }
    }

    @Test func thePublicListShowsTheOpenListedHazardsAndNeverTheReporter() throws {
        try withLedger { duban in
            try addAndList(duban)
            let added = try duban.run(Self.buildingSite)
            try #require(added.exitCode == 0, "\(added)")
            let listed = try duban.run("hazard", "list-for-supervision", "hz-2025-0002", "--date", "2025-03-01")
            try #require(listed.exitCode == 0, "\(listed)")
            // The office's own view has the reporter: the list must leave it out, not lack it.
            let show = try duban.run("hazard", "show", "hz-2025-0002")
            #expect(show.stdout.contains(Self.reporter))

            let list = try duban.run("hazard", "public-list", "--as-of", "2025-05-10")
            #expect(list.exitCode == 0, "\(list)")
            #expect(list.stdout.contains("# 重大事故隐患挂牌督办公开清单\n"))
            #expect(list.stdout.contains("共2项，其中逾期未完成整改1项"))
            #expect(
                list.stdout.contains(
                    "| 1 | 高新安办督〔2025〕1号 | 枣庄某化工有限公司 | 兴仁街道 | 危险化学品 | 液氨储罐区未设置泄漏报警装置 | 2025年4月30日 | 已挂牌，已逾期10天 |"
                ))
            #expect(
                list.stdout.contains(
                    "| 2 | 高新安办督〔2025〕2号 | 枣庄某建筑有限公司 | 兴城街道 | 房屋市政工程 | 深基坑未按方案支护 | 2025年8月31日 | 已挂牌 |"))
            let path = duban.directory.appendingPathComponent("list.docx").path
            let docx = try duban.run("hazard", "public-list", "--as-of", "2025-05-10", "--format", "docx", "-o", path)
            #expect(docx.exitCode == 0, "\(docx)")
            let html = try duban.run("hazard", "public-list", "--as-of", "2025-05-10", "--format", "html")
            for text in [
                list.stdout, html.stdout,
                try Self.documentXML(try #require(FileManager.default.contents(atPath: path))),
            ] {
                #expect(!text.contains(Self.reporter))
                #expect(!text.contains(Self.checker))
                #expect(!text.contains("区安委办督导组"))
            }

            let before = try duban.run("hazard", "public-list", "--as-of", "2025-02-28")
            #expect(before.exitCode == 0, "\(before)")
            #expect(before.stdout.contains("目前无挂牌督办的重大事故隐患。"))
            let bad = try duban.run("hazard", "public-list", "--as-of", "2025-13-01")
            #expect(bad.exitCode == 2)
            #expect(bad.stderr.contains("--as-of"))
        }
    }

    /// The package's `word/document.xml` as text, after checking every part of the package parses.
    static func documentXML(_ docx: Data) throws -> String {
        let archive = try Archive(data: docx, accessMode: .read)
        var document: Data?
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(entry.path) does not parse: \(String(describing: parser.parserError))")
            if entry.path == "word/document.xml" { document = data }
        }
        return String(decoding: try #require(document), as: UTF8.self)
    }
}

/// LibreOffice in headless mode, when it is installed: converts a .docx to PDF the way a reader opens it.
enum LibreOffice {
    /// `soffice` on the PATH, or nil.
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return folders.map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The PDF LibreOffice makes of `docx`, with a profile of its own in `folder` so it does not wait
    /// on another instance's lock; at most two minutes.
    static func convertToPDF(_ docx: String, in folder: URL) throws -> Data {
        let out = folder.appendingPathComponent("pdf-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = [
            "-env:UserInstallation=file://\(folder.appendingPathComponent("lo-profile").path)", "--headless",
            "--convert-to", "pdf", "--outdir", out.path, docx,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("LibreOffice did not convert \(docx) within two minutes")
        }
        let name = URL(fileURLWithPath: docx).deletingPathExtension().lastPathComponent + ".pdf"
        return try #require(
            FileManager.default.contents(atPath: out.appendingPathComponent(name).path),
            "LibreOffice made no PDF of \(docx)")
    }
}
