import DubanCore
import Yams

/// Reads one plan or department file from YAML text into the model, with every problem located
/// at its file, line and column.
public enum PlanDocumentReader {
    static let planKeys = ["id", "title", "period", "start", "end", "office", "extends"]
    static let actionKeys = ["id", "title", "tasks", "measures"]
    static let measureKeys = ["number", "title", "tasks"]
    static let taskKeys = [
        "id", "title", "lead", "support", "due", "start", "every", "high_risk_every", "times", "until", "target",
        "depends_on", "source",
    ]
    static let targetKeys = ["metric", "value", "unit", "op"]
    static let departmentKeys = ["id", "name", "kind", "aliases", "channels"]

    /// Reads `yaml`, written in `file`.
    ///
    /// - Throws: `PlanError` with every problem found in the file.
    public static func read(yaml: String, file: String) throws(PlanError) -> PlanDocument {
        var issues: [PlanIssue] = []
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw PlanError(syntaxIssue(error, file: file))
        }
        guard let root else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the file is empty",
                    fix: "write a `plan:` or a `departments:` document, or remove the file"))
        }
        guard
            let top = YAMLFields(
                root, file: file, context: "the file", allowed: ["plan", "actions", "departments"], issues: &issues)
        else {
            throw PlanError(issues: issues)
        }
        let document: PlanDocument?
        if top.has("departments") {
            if top.has("plan") || top.has("actions") {
                issues.append(
                    PlanIssue(
                        .error, at: top.location, "the file has both `departments` and a plan",
                        fix: "keep the department registry and each plan in files of their own"))
            }
            document = .departments(readDepartments(top, issues: &issues))
        } else if top.has("plan") {
            document = readPlan(top, issues: &issues).map(PlanDocument.plan)
        } else {
            issues.append(
                PlanIssue(
                    .error, at: top.location, "the file has neither `plan:` nor `departments:` at the top",
                    fix:
                        "start a plan with `plan:` (id, title, period) and `actions:`, or the registry with `departments:`"
                ))
            document = nil
        }
        if let document, !issues.contains(where: { $0.severity == .error }) { return document }
        throw PlanError(issues: issues)
    }

    static func syntaxIssue(_ error: any Error, file: String) -> PlanIssue {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
                return PlanIssue(
                    .error, at: SourceLocation(file: file, line: mark.line, column: mark.column),
                    "YAML syntax error: \(problem)\(where_)",
                    fix:
                        "check indentation, colons and quotes on this line; quote values that contain `: ` or start with `-`, `[`, `{`"
                )
            case .duplicatedKeysInMapping(let duplicates, let context):
                return PlanIssue(
                    .error, at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                    "duplicate key \(duplicates.map { "“\($0)”" }.joined(separator: ", ")) in one mapping",
                    fix: "write each key once")
            case .reader(let problem, let offset, _, _):
                return PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1),
                    "the file is not readable YAML text: \(problem)" + (offset.map { " at byte \($0)" } ?? ""),
                    fix: "save the file as UTF-8")
            default:
                break
            }
        }
        return PlanIssue(
            .error, at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)",
            fix: "check the file's YAML syntax")
    }

    private static func readDepartments(_ top: YAMLFields, issues: inout [PlanIssue]) -> [Department] {
        top.sequence("departments", context: "the registry", issues: &issues).compactMap { node in
            guard
                let fields = YAMLFields(
                    node, file: top.file, context: "a department", allowed: departmentKeys, issues: &issues)
            else { return nil }
            let id = fields.string("id", required: true, context: "a department", issues: &issues)
            let context = "department \(id ?? "?")"
            let name = fields.string("name", required: true, context: context, issues: &issues)
            let kindText = fields.string("kind", required: true, context: context, issues: &issues)
            let kind = kindText.flatMap(DepartmentKind.init(rawValue:))
            if let kindText, kind == nil {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("kind"), subject: id, "kind “\(kindText)” is not known",
                        fix: "write `kind: department` or `kind: subdistrict`"))
            }
            guard let id, let name, let kind else { return nil }
            return Department(
                id: id, name: name, kind: kind, aliases: fields.strings("aliases", context: context, issues: &issues),
                channels: fields.strings("channels", context: context, issues: &issues), location: fields.location)
        }
    }
}
