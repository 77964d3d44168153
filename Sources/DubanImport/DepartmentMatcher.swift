import DubanCore
import DubanPlans

/// Finds the registry's department for a name as a spreadsheet writes it: 区应急管理局, 应急局,
/// 应急管理局, 高新区应急管理局 or `emergency` are all the emergency department.
public struct DepartmentMatcher: Sendable {
    /// What a name matched.
    public enum Match: Hashable, Sendable {
        /// One department, by id.
        case department(String)
        /// Several departments match equally well, by id.
        case ambiguous([String])
        /// None does; the closest name, when one is near.
        case unknown(suggestion: String?)
    }

    /// The prefixes an office may or may not write before a department's name.
    static let prefixes = ["枣庄高新区", "高新区", "区"]

    private let departments: [Department]

    /// A matcher over the registry.
    public init(departments: [Department]) {
        self.departments = departments
    }

    /// The department `text` names: the id, name or an alias exactly; else, once prefixes such as 区
    /// and 高新区 and spaces are dropped, the one department whose name or alias is the same, or
    /// the only one whose name or alias contains it (消防救援 → 区消防救援大队).
    ///
    /// A name that says another level of government (市住建局, 枣庄市应急管理局, 省应急厅) matches
    /// only exactly: the city's bureau is not the district's. Nor does a longer name match the body
    /// it starts with (区应急管理局执法大队 is not 区应急管理局).
    public func match(_ text: String) -> Match {
        let written = ProgressSheet.trimmed(ProgressSheet.halfWidth(text))
        if let department = departments.first(where: { $0.id == written }) { return .department(department.id) }
        let exact = departments.filter { $0.name == written || $0.aliases.contains(written) }
        if let result = unique(exact) { return result }
        let all = departments.flatMap { [$0.name] + $0.aliases }
        let unknown = Match.unknown(suggestion: ProgressSheet.nearestName(to: written, among: all))
        let key = Self.normalized(written)
        guard !key.isEmpty, !Self.namesAnotherLevel(written) else { return unknown }
        let same = departments.filter { names(of: $0).contains(key) }
        if let result = unique(same) { return result }
        // Containment needs two characters at least, so 局 alone matches nothing; names are compared
        // as written and without their prefix, so 区委 is in both 团区委 and 区委宣传部.
        if key.count >= 2 {
            let containing = departments.filter { department in
                names(of: department).union([department.name] + department.aliases).contains { $0.contains(key) }
            }
            if let result = unique(containing) { return result }
        }
        return unknown
    }

    /// Whether `name` begins with a province or city (市住建局, 枣庄市应急管理局, 山东省应急管理厅) —
    /// 市场 in 区市场监督管理局 is a market, not a city.
    static func namesAnotherLevel(_ name: String) -> Bool {
        name.firstMatch(of: /^[^区]{0,5}?[省市](?!场)/) != nil
    }

    /// The department's name and aliases, normalised.
    private func names(of department: Department) -> Set<String> {
        Set(([department.name] + department.aliases).map(Self.normalized))
    }

    private func unique(_ found: [Department]) -> Match? {
        switch found.count {
        case 0: nil
        case 1: .department(found[0].id)
        default: .ambiguous(found.map(\.id))
        }
    }

    /// `text` half-width, without spaces and without a leading 区 or 高新区.
    static func normalized(_ text: String) -> String {
        var key = ProgressSheet.halfWidth(text).filter { !$0.isWhitespace }
        for prefix in prefixes where key.hasPrefix(prefix) && key.count > prefix.count + 1 {
            key.removeFirst(prefix.count)
            break
        }
        return key
    }

    /// The names in a cell: separated by 、，,;； or spaces.
    public static func names(in cell: String) -> [String] {
        ProgressSheet.halfWidth(cell).split { "、,;".contains($0) || $0.isWhitespace }.map(String.init)
    }
}
