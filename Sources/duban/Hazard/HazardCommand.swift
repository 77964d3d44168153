import ArgumentParser
import DubanCore
import DubanStore

/// `duban hazard …`: the ledger of major accident hazards (重大事故隐患台账), from finding to 销号.
struct HazardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hazard",
        abstract: "Keep the ledger of major accident hazards (重大事故隐患) and supervise each to its close-out.",
        discussion: """
            A hazard is reported, listed for supervision (挂牌督办, `list-for-supervision`), rectified \
            (`rectify`), verified on site by 监管人员 + 安全专家 + 企业负责人 (`verify`) and closed (`close`, \
            销号). Listed hazards are evaluated like tasks, get deadline reminders and climb the ladder at \
            the monthly dispatch. Sectors come from plans/sectors.yaml (loaded by `duban plan load`).
            """,
        subcommands: [
            HazardAdd.self, HazardList.self, HazardShow.self, HazardUpdate.self, HazardListForSupervision.self,
            HazardRectify.self, HazardVerify.self, HazardClose.self, HazardReopen.self, HazardWait.self,
            HazardStats.self, HazardImport.self, HazardGenerate.self, HazardNotice.self, HazardClosureForm.self,
            HazardPublicList.self,
        ])
}

/// Who a hazard command acts as: the office (default) or one department.
struct HazardActor: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: "Act as this department (it sees and changes only the hazards it supervises); default: the office.")
    var department: String?

    var viewer: HazardViewer { department.map(HazardViewer.department) ?? .office }
}

/// The hazard's fields as options, one per field (`--credit-code`, `--deadline` …).
struct HazardFieldOptions: ParsableArguments {
    @Option(help: "The enterprise's name (企业名称).") var enterprise: String?
    @Option(help: "Its 统一社会信用代码 (18 characters, GB 32100 check character).") var creditCode: String?
    @Option(help: "Its address.") var address: String?
    @Option(help: "Its subdistrict's id or name (街道).") var subdistrict: String?
    @Option(help: "Its 主要负责人.") var principal: String?
    @Option(help: "The channel id that reaches the enterprise's 主要负责人 (notifiers/channels.yaml).")
    var enterpriseChannel: String?
    @Option(help: "The sector's id or name (plans/sectors.yaml).") var sector: String?
    @Option(help: "The supervising department (default: the sector's).") var department: String?
    @Option(help: "What the hazard is (隐患描述).") var description: String?
    @Option(help: "The grounds (判定依据), e.g. 《工贸企业重大事故隐患判定标准》第四条.") var basis: String?
    @Option(help: "The day it was found, YYYY-MM-DD.") var foundOn: String?
    @Option(help: "How it was found: self-report, inspection or public-report.") var channel: String?
    @Option(help: "Who found it.") var foundBy: String?
    @Option(help: "The reporter of a 群众举报 (the office's alone).") var reporter: String?
    @Option(help: "五落实: 整改责任人.") var responsible: String?
    @Option(help: "五落实: 整改措施.") var measures: String?
    @Option(help: "五落实: 整改资金, e.g. 20万元.") var funds: String?
    @Option(help: "五落实: 整改期限, YYYY-MM-DD.") var deadline: String?
    @Option(help: "五落实: 应急预案 while it is rectified.") var contingency: String?

    /// The fields given.
    var fields: [HazardField: String] {
        let pairs: [(HazardField, String?)] = [
            (.enterprise, enterprise), (.creditCode, creditCode), (.address, address), (.subdistrict, subdistrict),
            (.principal, principal), (.enterpriseChannel, enterpriseChannel), (.sector, sector),
            (.department, department), (.description, description), (.basis, basis), (.foundOn, foundOn),
            (.channel, channel), (.foundBy, foundBy), (.reporter, reporter), (.responsible, responsible),
            (.measures, measures), (.funds, funds), (.deadline, deadline), (.contingency, contingency),
        ]
        return Dictionary(
            pairs.compactMap { field, value in value.map { (field, $0) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// How a hazard is printed.
enum HazardText {
    /// One line: `hz-2025-0007 [rectifying] 某公司：描述 (deadline 2025-06-30, emergency)`.
    static func line(_ hazard: Hazard, today: Day) -> String {
        "\(hazard.id) [\(hazard.state.rawValue)\(hazard.isOverdue(on: today) ? ", overdue" : "")] "
            + "\(HazardSupervision.title(hazard)) (deadline \(hazard.deadline), \(hazard.department))"
    }

    /// Every field, a line each.
    static func detail(_ hazard: Hazard, today: Day) -> [String] {
        var lines = [
            "\(hazard.id)  \(hazard.state.rawValue) (\(hazard.state.chinese))"
                + (hazard.isOverdue(on: today) ? ", overdue since \(hazard.deadline.adding(days: 1))" : ""),
            "listing: "
                + (hazard.listing.map { "\(hazard.listingNumber ?? "—") \($0.level.chinese) \($0.on)" } ?? "not listed"),
        ]
        for field in HazardField.allCases {
            if let value = field.text(of: hazard) { lines.append("\(field.rawValue): \(value)") }
        }
        lines.append("progress: \(hazard.progress.plainText)%" + (hazard.progressOn.map { " as of \($0)" } ?? ""))
        if let day = hazard.rectifiedOn { lines.append("rectified_on: \(day)") }
        for signOff in hazard.signOffs {
            lines.append(
                "signoff \(signOff.role.rawValue) (\(signOff.role.chinese)): \(signOff.name) \(signOff.date) — \(signOff.opinion)"
            )
        }
        if let day = hazard.closedOn { lines.append("closed_on: \(day)") }
        if let waiting = hazard.waitingOn { lines.append("waiting_on: \(waiting)") }
        if let reason = hazard.reopenReason { lines.append("reopen_reason: \(reason)") }
        return lines
    }
}
