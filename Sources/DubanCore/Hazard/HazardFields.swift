/// The fields of a hazard as people type them (command options, API JSON, spreadsheet columns):
/// one name each, read and written as text, so `hazard add`, `hazard update`, `hazard import` and
/// the API check them the same way.
public enum HazardField: String, Hashable, Sendable, CaseIterable {
    case enterprise, creditCode = "credit_code", address, subdistrict, principal
    case enterpriseChannel = "enterprise_channel"
    case sector, department, description, basis
    case foundOn = "found_on", channel, foundBy = "found_by", reporter
    case responsible, measures, funds, deadline, contingency

    /// The fields a new hazard must have.
    public static let required: [HazardField] = [
        .enterprise, .creditCode, .address, .subdistrict, .sector, .description, .basis, .foundOn, .channel, .foundBy,
        .deadline,
    ]

    /// The column headings ledgers (隐患台账) use for the field, for import.
    public var headings: [String] {
        switch self {
        case .enterprise: ["企业名称", "单位名称", "生产经营单位", "企业"]
        case .creditCode: ["统一社会信用代码", "信用代码", "社会信用代码"]
        case .address: ["企业地址", "地址", "单位地址"]
        case .subdistrict: ["所属街道", "街道", "属地"]
        case .principal: ["主要负责人", "企业主要负责人", "负责人"]
        case .enterpriseChannel: ["企业通知渠道", "通知渠道"]
        case .sector: ["行业领域", "行业", "所属行业"]
        case .department: ["监管部门", "行业监管部门", "督办部门"]
        case .description: ["隐患描述", "隐患内容", "重大事故隐患", "隐患情况"]
        case .basis: ["判定依据", "依据"]
        case .foundOn: ["发现日期", "排查日期", "发现时间"]
        case .channel: ["发现渠道", "来源", "隐患来源"]
        case .foundBy: ["发现人", "排查单位", "检查人员", "发现单位"]
        case .reporter: ["举报人"]
        case .responsible: ["整改责任人", "责任人"]
        case .measures: ["整改措施", "措施"]
        case .funds: ["整改资金", "资金"]
        case .deadline: ["整改期限", "整改时限", "时限"]
        case .contingency: ["应急预案", "预案", "防范措施"]
        }
    }

    /// The value of this field on `hazard`, as text.
    public func text(of hazard: Hazard) -> String? {
        switch self {
        case .enterprise: hazard.enterprise.name
        case .creditCode: hazard.enterprise.creditCode
        case .address: hazard.enterprise.address
        case .subdistrict: hazard.enterprise.subdistrict
        case .principal: hazard.enterprise.principal
        case .enterpriseChannel: hazard.enterprise.channel
        case .sector: hazard.sector
        case .department: hazard.department
        case .description: hazard.description
        case .basis: hazard.basis
        case .foundOn: hazard.foundOn.description
        case .channel: hazard.channel.rawValue
        case .foundBy: hazard.foundBy
        case .reporter: hazard.reporter
        case .responsible: hazard.rectification.responsible
        case .measures: hazard.rectification.measures
        case .funds: hazard.rectification.funds
        case .deadline: hazard.deadline.description
        case .contingency: hazard.rectification.contingency
        }
    }
}

/// What a hazard's fields are checked against: the sector registry and the department registry.
public struct HazardRegistry: Sendable {
    public var sectors: [Sector]
    public var departments: [Department]

    public init(sectors: [Sector], departments: [Department]) {
        self.sectors = sectors
        self.departments = departments
    }

    /// The sector with id, name or alias `text`.
    public func sector(_ text: String) -> Sector? {
        sectors.first { $0.id == text || $0.name == text || $0.aliases.contains(text) }
    }

    /// The department or subdistrict with id, name or alias `text`, of `kind`.
    public func unit(_ text: String, kind: DepartmentKind) -> Department? {
        departments.first { $0.kind == kind && ($0.id == text || $0.name == text || $0.aliases.contains(text)) }
    }
}

extension Hazard {
    /// A new hazard (reported) from its fields by name; the supervising department defaults to the
    /// sector's. Every problem is returned, not only the first.
    public static func make(
        id: String, fields: [HazardField: String], registry: HazardRegistry
    ) throws(HazardProblems) -> Hazard {
        var problems: [HazardError] = []
        for field in HazardField.required where (fields[field] ?? "").trimmingWhitespace.isEmpty {
            problems.append(
                HazardError(
                    field: field.rawValue, message: "\(field.rawValue) (\(field.headings[0])) is missing",
                    fix: "give \(field.rawValue)"))
        }
        if !problems.isEmpty { throw HazardProblems(problems) }
        let placeholder = Hazard(
            id: id,
            enterprise: Enterprise(name: "", creditCode: "", address: "", subdistrict: ""), sector: "", department: "",
            description: "", basis: "", foundOn: Day(ordinal: 0), channel: .inspection, foundBy: "",
            rectification: Rectification(deadline: Day(ordinal: 0)))
        var changed = fields
        if changed[.department] == nil, let sector = fields[.sector].flatMap(registry.sector) {
            changed[.department] = sector.department
        }
        return try placeholder.updating(changed, registry: registry, isNew: true)
    }

    /// The hazard with `fields` set to the values given (an empty value clears an optional field).
    /// Every problem is returned; on any, nothing is changed.
    public func updating(
        _ fields: [HazardField: String], registry: HazardRegistry, isNew: Bool = false
    ) throws(HazardProblems) -> Hazard {
        var next = self
        var problems: [HazardError] = []
        func problem(_ field: HazardField, _ message: String, _ fix: String) {
            problems.append(HazardError(field: field.rawValue, message: message, fix: fix))
        }
        if !isNew, state == .closed {
            throw HazardProblems([
                HazardError(
                    .conflict, field: "state", message: "\(id) is closed (已销号) and its record is final",
                    fix: "reopen it first with `duban hazard reopen \(id) --reason …`")
            ])
        }
        for field in HazardField.allCases {
            guard let raw = fields[field] else { continue }
            let value = raw.trimmingWhitespace
            let optional = value.isEmpty ? nil : value
            switch field {
            case .enterprise, .address, .description, .basis, .foundBy:
                if value.isEmpty {
                    problem(field, "\(field.rawValue) is empty", "write the \(field.headings[0])")
                    continue
                }
                switch field {
                case .enterprise: next.enterprise.name = value
                case .address: next.enterprise.address = value
                case .description: next.description = value
                case .basis: next.basis = value
                default: next.foundBy = value
                }
            case .creditCode:
                let code = value
                if let reason = CreditCode.problem(code) {
                    problem(field, reason, "copy the 18-character code again from the business licence (营业执照)")
                } else {
                    next.enterprise.creditCode = code
                }
            case .subdistrict:
                if let unit = registry.unit(value, kind: .subdistrict) {
                    next.enterprise.subdistrict = unit.id
                } else {
                    let known = registry.departments.filter { $0.kind == .subdistrict }.map(\.id)
                    problem(
                        field, "“\(value)” is not a subdistrict of the registry",
                        "use one of \(known.joined(separator: ", ")) (plans/departments.yaml, kind: subdistrict)")
                }
            case .principal: next.enterprise.principal = optional
            case .enterpriseChannel: next.enterprise.channel = optional
            case .sector:
                if let sector = registry.sector(value) {
                    next.sector = sector.id
                } else {
                    problem(
                        field, "“\(value)” is not a sector of the registry",
                        "use one of \(registry.sectors.map(\.id).joined(separator: ", ")) (plans/sectors.yaml)")
                }
            case .department:
                if let unit = registry.unit(value, kind: .department) {
                    next.department = unit.id
                } else {
                    problem(
                        field, "“\(value)” is not a department of the registry",
                        "use a department id from plans/departments.yaml")
                }
            case .foundOn, .deadline:
                guard let day = Day(value) else {
                    problem(field, "“\(value)” is not a date", "write an ISO date, e.g. 2025-03-15")
                    continue
                }
                if field == .foundOn { next.foundOn = day } else { next.rectification.deadline = day }
            case .channel:
                if let channel = HazardChannel(rawValue: value)
                    ?? HazardChannel.allCases.first(where: {
                        !value.isEmpty && ($0.chinese == value || $0.chinese.hasPrefix(value))
                    })
                {
                    next.channel = channel
                } else {
                    problem(
                        field, "“\(value)” is not a channel",
                        "write self-report (企业自查上报), inspection (督导检查发现) or public-report (群众举报查实)")
                }
            case .reporter: next.reporter = optional
            case .responsible: next.rectification.responsible = optional
            case .measures: next.rectification.measures = optional
            case .funds: next.rectification.funds = optional
            case .contingency: next.rectification.contingency = optional
            }
        }
        let datesRead =
            !problems.contains { $0.field == HazardField.foundOn.rawValue || $0.field == HazardField.deadline.rawValue }
            && (!isNew || (fields[.foundOn] != nil && fields[.deadline] != nil))
        if datesRead, next.deadline < next.foundOn {
            problem(
                fields[.deadline] != nil ? .deadline : .foundOn,
                "the deadline \(next.deadline) is before the hazard was found (\(next.foundOn))",
                "give a rectification deadline on or after \(next.foundOn)")
        }
        if problems.isEmpty, !isNew, next.listing != nil, next.foundOn > (next.listing?.on ?? next.foundOn) {
            problem(.foundOn, "\(next.foundOn) is after the listing (\(next.listing!.on))", "check the found date")
        }
        if !problems.isEmpty { throw HazardProblems(problems) }
        return next
    }
}
