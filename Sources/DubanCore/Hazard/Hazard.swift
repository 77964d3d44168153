/// A major accident hazard (重大事故隐患) in the office's ledger, from its finding to its close-out
/// (销号): who has it, what it is and on what grounds, the rectification plan, its listing for
/// supervision (挂牌督办) and the three sign-offs of the on-site check (三方确认).
public struct Hazard: Hashable, Sendable, Codable {
    /// Stable id, e.g. `hz-2025-0007`.
    public var id: String
    /// The listing's document number (高新安办督〔2025〕7号), once listed.
    public var listingNumber: String?
    /// The enterprise (生产经营单位) the hazard is at.
    public var enterprise: Enterprise
    /// The sector's id (行业领域), from the registry in `plans/sectors.yaml`.
    public var sector: String
    /// The supervising department's id (the lead).
    public var department: String
    /// What the hazard is.
    public var description: String
    /// The grounds it was determined on (判定依据): the standard and clause.
    public var basis: String
    /// The day it was found.
    public var foundOn: Day
    /// How it was found.
    public var channel: HazardChannel
    /// Who found it (an inspection team, the enterprise, the unit that checked a report).
    public var foundBy: String
    /// The reporter of a 群众举报: the office's alone, never shown to departments or the public.
    public var reporter: String?
    /// The rectification plan's 五落实.
    public var rectification: Rectification
    /// The listing for supervision, once listed.
    public var listing: Listing?
    /// Where the hazard stands.
    public var state: HazardState
    /// Reported rectification progress, percent.
    public var progress: Double
    /// The day of the latest progress report.
    public var progressOn: Day?
    /// The day the enterprise reported it rectified and asked for 销号.
    public var rectifiedOn: Day?
    /// The on-site check's sign-offs (three when verified).
    public var signOffs: [SignOff]
    /// The day the three sign-offs were recorded.
    public var verifiedOn: Day?
    /// The day it was closed (销号).
    public var closedOn: Day?
    /// What the rectification waits on that the office records (a permit, another department's
    /// decision): while set, the hazard is blocked and does not climb the ladder.
    public var waitingOn: String?
    /// Why it was last reopened.
    public var reopenReason: String?

    /// Makes a hazard as reported.
    public init(
        id: String, enterprise: Enterprise, sector: String, department: String, description: String,
        basis: String, foundOn: Day, channel: HazardChannel, foundBy: String, reporter: String? = nil,
        rectification: Rectification, listingNumber: String? = nil, listing: Listing? = nil,
        state: HazardState = .reported, progress: Double = 0, progressOn: Day? = nil, rectifiedOn: Day? = nil,
        signOffs: [SignOff] = [], verifiedOn: Day? = nil, closedOn: Day? = nil, waitingOn: String? = nil,
        reopenReason: String? = nil
    ) {
        self.id = id
        self.enterprise = enterprise
        self.sector = sector
        self.department = department
        self.description = description
        self.basis = basis
        self.foundOn = foundOn
        self.channel = channel
        self.foundBy = foundBy
        self.reporter = reporter
        self.rectification = rectification
        self.listingNumber = listingNumber
        self.listing = listing
        self.state = state
        self.progress = progress
        self.progressOn = progressOn
        self.rectifiedOn = rectifiedOn
        self.signOffs = signOffs
        self.verifiedOn = verifiedOn
        self.closedOn = closedOn
        self.waitingOn = waitingOn
        self.reopenReason = reopenReason
    }

    /// The rectification deadline (整改期限).
    public var deadline: Day { rectification.deadline }

    /// Whether it is past its deadline and not closed, as of `day`.
    public func isOverdue(on day: Day) -> Bool { state != .closed && day > deadline }

    /// The hazard as the public list and departments other than the office see it: no reporter.
    public var withoutReporter: Hazard {
        var copy = self
        copy.reporter = nil
        return copy
    }
}

/// The enterprise a hazard is at.
public struct Enterprise: Hashable, Sendable, Codable {
    public var name: String
    /// 统一社会信用代码 (GB 32100).
    public var creditCode: String
    public var address: String
    /// The subdistrict's id (街道).
    public var subdistrict: String
    /// The 主要负责人, who must be told of the hazard.
    public var principal: String?
    /// The channel id that reaches the 主要负责人, when the enterprise has one.
    public var channel: String?

    public init(
        name: String, creditCode: String, address: String, subdistrict: String, principal: String? = nil,
        channel: String? = nil
    ) {
        self.name = name
        self.creditCode = creditCode
        self.address = address
        self.subdistrict = subdistrict
        self.principal = principal
        self.channel = channel
    }
}

/// The rectification plan's 五落实: 责任人, 措施, 资金, 时限, 预案.
public struct Rectification: Hashable, Sendable, Codable {
    /// 责任人.
    public var responsible: String?
    /// 措施.
    public var measures: String?
    /// 资金 (e.g. "20万元").
    public var funds: String?
    /// 时限: the rectification deadline (整改期限).
    public var deadline: Day
    /// 预案: the contingency plan while it is rectified.
    public var contingency: String?

    public init(
        responsible: String? = nil, measures: String? = nil, funds: String? = nil, deadline: Day,
        contingency: String? = nil
    ) {
        self.responsible = responsible
        self.measures = measures
        self.funds = funds
        self.deadline = deadline
        self.contingency = contingency
    }

    /// The 五落实 items not yet filled in, by field name.
    public var missing: [String] {
        [("responsible", responsible), ("measures", measures), ("funds", funds), ("contingency", contingency)]
            .filter { ($0.1 ?? "").trimmingWhitespace.isEmpty }.map(\.0)
    }
}

/// A hazard's listing for supervision (挂牌督办).
public struct Listing: Hashable, Sendable, Codable {
    public var level: ListingLevel
    public var on: Day

    public init(level: ListingLevel, on: Day) {
        self.level = level
        self.on = on
    }
}

/// The level that lists a hazard.
public enum ListingLevel: String, Hashable, Sendable, Codable, CaseIterable {
    case district, city, province

    public var chinese: String {
        switch self {
        case .district: "区级"
        case .city: "市级"
        case .province: "省级"
        }
    }
}

/// How a hazard was found (各渠道排查).
public enum HazardChannel: String, Hashable, Sendable, Codable, CaseIterable {
    /// 企业自查上报.
    case selfReport = "self-report"
    /// 督导检查发现.
    case inspection
    /// 群众举报查实.
    case publicReport = "public-report"

    public var chinese: String {
        switch self {
        case .selfReport: "企业自查上报"
        case .inspection: "督导检查发现"
        case .publicReport: "群众举报查实"
        }
    }
}

/// One party's sign-off at the on-site check (现场核验).
public struct SignOff: Hashable, Sendable, Codable {
    public var role: SignOffRole
    public var name: String
    public var date: Day
    public var opinion: String

    public init(role: SignOffRole, name: String, date: Day, opinion: String) {
        self.role = role
        self.name = name
        self.date = date
        self.opinion = opinion
    }
}

/// The three parties of 三方确认: 监管人员 + 安全专家 + 企业负责人.
public enum SignOffRole: String, Hashable, Sendable, Codable, CaseIterable {
    case supervisor, expert, enterprise

    public var chinese: String {
        switch self {
        case .supervisor: "监管人员"
        case .expert: "安全专家"
        case .enterprise: "企业负责人"
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
