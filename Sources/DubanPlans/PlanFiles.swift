import DubanCore
import Foundation

/// Reads plan and department files from disk into a `PlanSet`, with the files' own locations on
/// every problem.
public enum PlanFiles {
    /// What was read: the set to check, and which of its plans were only read to resolve `extends`.
    public struct Contents: Sendable {
        /// Departments and plans, base plans first.
        public var set: PlanSet
        /// The files read, in order.
        public var files: [String]
        /// Ids of plans that came from `bases` rather than from the paths.
        public var contextPlans: Set<String>
        /// Whether the department registry came from the `departments` closure (the store) rather than a file.
        public var departmentsFromContext: Bool
    }

    /// Reads every YAML file named by `paths` (files, or folders whose `*.yaml`/`*.yml` files are read).
    ///
    /// - Parameters:
    ///   - paths: files and folders as the user gave them.
    ///   - departments: the registry to use when the paths hold none and none sits beside the plans.
    ///   - bases: finds a plan that a read plan `extends` when the paths do not hold it.
    /// - Throws: `PlanError` with every problem found in every file.
    public static func read(
        paths: [String], departments: () -> [Department]? = { nil }, bases: (String) -> Plan? = { _ in nil }
    ) throws(PlanError) -> Contents {
        var issues: [PlanIssue] = []
        var files = expand(paths, issues: &issues)
        var registry: [Department]?
        var plans: [Plan] = []
        for file in files {
            guard let document = readDocument(file, issues: &issues) else { continue }
            switch document {
            case .departments(let list):
                if registry != nil {
                    issues.append(
                        PlanIssue(
                            .error, at: SourceLocation(file: file, line: 1, column: 1), "a second department registry",
                            fix: "keep every department in one file, plans/departments.yaml"))
                }
                registry = (registry ?? []) + list
            case .plan(let plan):
                plans.append(plan)
            case .policy:
                continue
            }
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }

        var departmentsFromContext = false
        if registry == nil {
            let beside = files.first.map {
                URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("departments.yaml").path
            }
            if let beside, FileManager.default.fileExists(atPath: beside) {
                if case .departments(let list)? = readDocument(beside, issues: &issues) {
                    registry = list
                    files.insert(beside, at: 0)
                }
            } else if let stored = departments() {
                registry = stored
                departmentsFromContext = true
            }
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        guard let registry else {
            throw PlanError(
                PlanIssue(
                    .error, at: nil, "no department registry was found",
                    fix:
                        "add plans/departments.yaml (a `departments:` list) beside the plans, or name it on the command line"
                ))
        }

        var contextPlans: Set<String> = []
        var pending = plans.compactMap(\.extends)
        while let base = pending.popLast() {
            guard !plans.contains(where: { $0.id == base }) else { continue }
            guard let plan = bases(base) else { continue }
            plans.append(plan)
            contextPlans.insert(plan.id)
            if let next = plan.extends { pending.append(next) }
        }
        return Contents(
            set: PlanSet(departments: registry, plans: orderedBasesFirst(plans)), files: files,
            contextPlans: contextPlans,
            departmentsFromContext: departmentsFromContext)
    }

    /// Finds a plan with id `id` among the YAML files in the folders of `paths`, for validating an
    /// annual plan on its own.
    public static func sibling(_ id: String, near paths: [String]) -> Plan? {
        var issues: [PlanIssue] = []
        let folders = Set(
            paths.map { path -> String in
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                return isFolder.boolValue ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
            })
        for file in expand(folders.sorted(), issues: &issues) {
            if case .plan(let plan)? = readDocument(file, issues: &issues), plan.id == id { return plan }
        }
        return nil
    }

    static func expand(_ paths: [String], issues: inout [PlanIssue]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                issues.append(
                    PlanIssue(
                        .error, at: nil, subject: path, "no such file or folder",
                        fix: "check the path; plans live in plans/ (run duban from the project folder)"))
                continue
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                // The sector registry is read on its own (`SectorsFile`), by the commands that use it.
                let yaml = names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && $0 != SectorsFile.name }
                    .sorted()
                if yaml.isEmpty {
                    issues.append(
                        PlanIssue(
                            .error, at: nil, subject: path, "the folder holds no .yaml files",
                            fix: "name a folder with plan files"))
                }
                // departments.yaml first, so its ids read before the plans that use them.
                let ordered = yaml.filter { $0 == "departments.yaml" } + yaml.filter { $0 != "departments.yaml" }
                files += ordered.map { URL(fileURLWithPath: path).appendingPathComponent($0).relativePath(from: path) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// The file's text, or nil with an issue when it cannot be read or is not UTF-8.
    static func readText(_ file: String, issues: inout [PlanIssue]) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else {
            issues.append(
                PlanIssue(
                    .error, at: nil, subject: file, "the file cannot be read", fix: "check the file's permissions"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            issues.append(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the file is not UTF-8 text",
                    fix: "save it as UTF-8 (files written in GB18030 must be converted first)"))
            return nil
        }
        return text
    }

    static func readDocument(_ file: String, issues: inout [PlanIssue]) -> PlanDocument? {
        guard let text = readText(file, issues: &issues) else { return nil }
        do {
            return try PlanDocumentReader.read(yaml: text, file: file)
        } catch {
            issues += error.issues
            return nil
        }
    }

    private static func orderedBasesFirst(_ plans: [Plan]) -> [Plan] {
        var ordered: [Plan] = []
        var placed: Set<String> = []
        var remaining = plans
        while !remaining.isEmpty {
            let ready = remaining.filter { plan in
                plan.extends.map { base in placed.contains(base) || !plans.contains { $0.id == base } || base == plan.id
                } ?? true
            }
            // A loop in `extends` leaves nothing ready; keep the rest in file order and let validation report it.
            let batch = ready.isEmpty ? remaining : ready
            ordered += batch
            placed.formUnion(batch.map(\.id))
            remaining.removeAll { plan in batch.contains { $0.id == plan.id } }
        }
        return ordered
    }
}

extension URL {
    /// The path of this URL written under `folder` as the user wrote the folder.
    fileprivate func relativePath(from folder: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + lastPathComponent
    }
}
