import DubanPlans

/// What a column of a task list (任务清单) holds, with the headers offices write for it.
public enum TaskField: String, CaseIterable, Hashable, Sendable {
    /// 序号: the row's number in the list; read only to number generated ids.
    case number = "no"
    /// 计划: the plan a row came from when several were exported; not read.
    case plan
    /// 任务编号: the task's id, kept as written.
    case id
    /// 行动: the base plan's action, by id or title.
    case action
    /// 措施: the base plan's measure, by number.
    case measure
    /// 任务: what must be done.
    case title
    /// 牵头单位: the one lead department.
    case lead
    /// 配合单位: the supporting departments.
    case support
    /// 类型: 节点任务, 常态任务 or 指标任务.
    case kind
    /// 开始: when the work starts.
    case start
    /// 完成时限: a deadline, or for a recurring duty its frequency (每季度).
    case due
    /// 每期次数: how many times per period a recurring duty is done.
    case times
    /// 截止: the last day a recurring duty recurs.
    case until
    /// 指标: what a target measures.
    case metric
    /// 目标值: the threshold, e.g. `≥40`.
    case target
    /// 计量单位: the target's unit, e.g. `%`.
    case unit
    /// 依赖: the tasks that must be done first, e.g. `m16-2024-expert-pool、t2(30天)`.
    case dependsOn = "depends_on"
    /// 原文: the plan sentence the task comes from.
    case source
    /// 进度来源: a goal measured on the hazard ledger (`stock-cleared 2023-12-31`), empty for reports.
    case progress
    /// A column that is allowed and not read (备注), or that `--map` says to skip.
    case ignore

    /// The headers that name the field, the one the export writes first; English names work too.
    public var headers: [String] {
        switch self {
        case .number: ["序号", "no.", "no"]
        case .plan: ["计划", "所属计划", "plan"]
        case .id: ["任务编号", "编号", "任务ID", "id"]
        case .action: ["行动", "所属行动", "专项行动", "action"]
        case .measure: ["措施", "措施编号", "所属措施", "measure"]
        case .title: ["任务", "工作任务", "任务内容", "具体措施", "任务名称", "title"]
        case .lead: ["牵头单位", "责任单位", "牵头部门", "责任部门", "lead"]
        case .support: ["配合单位", "配合部门", "协同单位", "support"]
        case .kind: ["类型", "任务类型", "kind"]
        case .start: ["开始", "开始时间", "起始时间", "start"]
        case .due: ["完成时限", "时间节点", "完成时间", "时限", "due"]
        case .times: ["每期次数", "次数", "times"]
        case .until: ["截止", "截止日期", "until"]
        case .metric: ["指标", "metric"]
        case .target: ["目标值", "target", "value"]
        case .unit: ["计量单位", "unit"]
        case .dependsOn: ["依赖", "前置任务", "depends_on"]
        case .source: ["原文", "依据", "source"]
        case .progress: ["进度来源", "progress"]
        case .ignore: ["备注", "完成情况", "进展情况", "ignore"]
        }
    }

    /// The header the export writes.
    public var header: String { headers[0] }

    /// The field a header names: trimmed, case and full-width forms ignored, with or without a
    /// parenthesised note (`完成时限（年月）`).
    public static func named(_ header: String) -> TaskField? {
        for key in ProgressSheet.headerKeys(header) { if let field = byHeader[key] { return field } }
        return nil
    }

    /// The field a `--map` value names: an English field name or any header of the field.
    static func mapped(_ name: String) -> TaskField? {
        TaskField(rawValue: name.lowercased()) ?? named(name)
    }

    private static let byHeader: [String: TaskField] = {
        var map: [String: TaskField] = [:]
        for field in allCases { for name in field.headers { map[name.lowercased()] = field } }
        return map
    }()

    /// Every header accepted, for the fix of an unknown column.
    static var accepted: String {
        allCases.filter { $0 != .ignore }.map { $0.headers.joined(separator: "/") }.joined(separator: ", ")
    }
}
