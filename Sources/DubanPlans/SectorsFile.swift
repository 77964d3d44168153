import DubanCore
import Foundation

/// Reads `plans/sectors.yaml`, the registry of sectors (行业领域) hazards are counted under, each
/// with the department that supervises it.
public enum SectorsFile {
    /// The file beside the plans, by convention.
    public static let name = "sectors.yaml"

    /// The sectors in the file at `path`, or nil when there is no such file.
    ///
    /// - Parameter departments: the registry's ids; a sector's department must be one of them.
    public static func read(path: String, departments: Set<String>) throws(PlanError) -> [Sector]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var issues: [PlanIssue] = []
        guard let text = PlanFiles.readText(path, issues: &issues) else { throw PlanError(issues: issues) }
        return try read(yaml: text, file: path, departments: departments)
    }

    /// The sectors in `yaml`, written in `file`.
    public static func read(yaml: String, file: String, departments: Set<String>) throws(PlanError) -> [Sector] {
        var issues: [PlanIssue] = []
        let root = try YAMLNodeParser.parse(yaml, file: file)
        guard let root,
            let top = YAMLFields(root, file: file, context: "the file", allowed: ["sectors"], issues: &issues),
            top.has("sectors")
        else {
            if issues.isEmpty {
                issues.append(
                    PlanIssue(
                        .error, at: SourceLocation(file: file, line: 1, column: 1), "the file has no `sectors:`",
                        fix: "start it with `sectors:` and a list of {id, name, department}"))
            }
            throw PlanError(issues: issues)
        }
        var sectors: [Sector] = []
        var seen: Set<String> = []
        for node in top.sequence("sectors", context: "`sectors`", issues: &issues) {
            guard
                let fields = YAMLFields(
                    node, file: file, context: "a sector", allowed: ["id", "name", "department", "aliases"],
                    issues: &issues),
                let id = fields.string("id", required: true, context: "a sector", issues: &issues)
            else { continue }
            let name = fields.string("name", required: true, context: "sector \(id)", issues: &issues)
            let department = fields.string("department", required: true, context: "sector \(id)", issues: &issues)
            let aliases = fields.strings("aliases", context: "sector \(id)", issues: &issues)
            if !Identifier.isValid(id) {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("id"), subject: id, "“\(id)” is not an id", fix: Identifier.rule))
            }
            if !seen.insert(id).inserted {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("id"), subject: id, "sector \(id) is listed twice",
                        fix: "keep one entry per sector"))
            }
            if let department, !departments.isEmpty, !departments.contains(department) {
                let near = Identifier.nearest(to: department, in: departments)
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("department"), subject: id,
                        "sector \(id) names department “\(department)”, which the registry does not have",
                        fix: near.map { "did you mean \($0)?" } ?? "use an id from plans/departments.yaml"))
            }
            if let name, let department {
                sectors.append(Sector(id: id, name: name, department: department, aliases: aliases))
            }
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return sectors
    }
}
