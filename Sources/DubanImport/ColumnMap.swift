import DubanCore
import DubanPlans

/// Headers a task list uses that duban does not know, each mapped to the field it holds: what
/// `--map columns.yaml` says (`{工作内容: title, 责任部门: lead, 备注说明: ignore}`).
public struct ColumnMap: Hashable, Sendable {
    /// The field of each header, by the header's lookup form.
    var fields: [String: TaskField]

    /// An empty map: only the headers duban knows are read.
    public init() {
        fields = [:]
    }

    /// A map from headers to fields.
    public init(_ pairs: [String: TaskField]) {
        fields = [:]
        for (header, field) in pairs { fields[ProgressSheet.headerKeys(header)[0]] = field }
    }

    /// Reads a map file's text; `file` is the name problems are reported under.
    ///
    /// - Throws: `PlanError` with every entry whose field is unknown, at its line and column.
    public static func read(yaml: String, file: String) throws(PlanError) -> ColumnMap {
        var map = ColumnMap()
        var issues: [PlanIssue] = []
        for entry in try FlatMappingFile.read(yaml: yaml, file: file) {
            guard let field = TaskField.mapped(entry.value) else {
                let names = TaskField.allCases.map(\.rawValue)
                let suggestion =
                    nearest(to: entry.value.lowercased(), among: names).map { "did you mean “\($0)”? " } ?? ""
                issues.append(
                    PlanIssue(
                        .error, at: entry.location, "header “\(entry.key)” is mapped to “\(entry.value)”, not a field",
                        fix: "\(suggestion)map it to one of: \(names.joined(separator: ", "))"))
                continue
            }
            map.fields[ProgressSheet.headerKeys(entry.key)[0]] = field
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return map
    }

    /// The field name closest to `name`, within two edits (a swapped pair of letters is two).
    private static func nearest(to name: String, among names: [String]) -> String? {
        let scored = names.map { ($0, EditDistance.between(Array(name), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The field `header` holds: the map's say first, then the headers duban knows.
    func field(of header: String) -> TaskField? {
        for key in ProgressSheet.headerKeys(header) { if let field = fields[key] { return field } }
        return TaskField.named(header)
    }
}
