import DubanCore

/// Reads one plan or department file from YAML text into the model, with every problem located
/// at its file, line and column.
public enum PlanDocumentReader {
    static let planKeys = ["id", "title", "period", "start", "end", "office", "extends"]
    static let actionKeys = ["id", "title", "tasks", "measures"]
    static let measureKeys = ["number", "title", "tasks"]
    static let taskKeys = [
        "id", "title", "lead", "support", "due", "start", "every", "high_risk_every", "times", "until", "target",
        "depends_on", "source", "progress",
    ]
    static let ledgerKeys = ["from", "rule", "found_through", "year"]
    static let targetKeys = ["metric", "value", "unit", "op"]
    static let departmentKeys = ["id", "name", "kind", "aliases", "channels"]

    /// Reads `yaml`, written in `file`.
    ///
    /// - Throws: `PlanError` with every problem found in the file.
    public static func read(yaml: String, file: String) throws(PlanError) -> PlanDocument {
        var issues: [PlanIssue] = []
        let root = try YAMLNodeParser.parse(yaml, file: file)
        guard let root else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the file is empty",
                    fix: "write a `plan:` or a `departments:` document, or remove the file"))
        }
        guard
            let top = YAMLFields(
                root, file: file, context: "the file", allowed: ["plan", "actions", "departments", "policy"],
                issues: &issues)
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
        } else if top.has("policy") {
            document = .policy
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

    static func syntaxIssue(_ error: YAMLNodeParser.SyntaxError, file: String) -> PlanIssue {
        let location = SourceLocation(file: file, line: error.mark.line, column: error.mark.column)
        if error.problem.hasPrefix("duplicate key") {
            return PlanIssue(.error, at: location, error.problem, fix: "write each key once")
        }
        return PlanIssue(
            .error, at: location, "YAML syntax error: \(error.problem)" + (error.context.map { " (\($0))" } ?? ""),
            fix:
                "check indentation, colons and quotes on this line; quote values that contain `: ` or start with `-`, `[`, `{`"
        )
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
