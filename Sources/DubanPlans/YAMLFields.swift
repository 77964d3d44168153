import DubanCore
import Yams

/// The keys of one YAML mapping, read once, with every problem recorded against its file, line
/// and column.
///
/// Reading through this rather than `Codable` is what lets an error say where it is and what the
/// allowed keys are.
struct YAMLFields {
    let file: String
    let location: SourceLocation
    private var values: [String: Node] = [:]
    private var keyLocations: [String: SourceLocation] = [:]

    /// Reads `node` as a mapping whose keys must be among `allowed`, recording an issue for each other key.
    init?(_ node: Node, file: String, context: String, allowed: [String], issues: inout [PlanIssue]) {
        self.file = file
        self.location = YAMLFields.location(of: node, file: file)
        guard let mapping = node.mapping else {
            issues.append(
                PlanIssue(
                    .error, at: location,
                    "\(context) must be a mapping of keys to values, found \(YAMLFields.describe(node))",
                    fix: "write it as `key: value` lines; allowed keys: " + allowed.joined(separator: ", ")))
            return nil
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            let keyLocation = YAMLFields.location(of: key, file: file)
            guard allowed.contains(name) else {
                let suggestion = allowed.min { a, b in
                    YAMLFields.similarity(name, a) > YAMLFields.similarity(name, b)
                }
                issues.append(
                    PlanIssue(
                        .error, at: keyLocation, "unknown key “\(name)” in \(context)",
                        fix: "allowed keys are " + allowed.joined(separator: ", ")
                            + (suggestion.map {
                                YAMLFields.similarity(name, $0) > 0.5 ? " (did you mean “\($0)”?)" : ""
                            } ?? "")))
                continue
            }
            values[name] = value
            keyLocations[name] = keyLocation
        }
    }

    /// Whether the mapping has `key`, with a non-null value.
    func has(_ key: String) -> Bool {
        guard let node = values[key] else { return false }
        return !YAMLFields.isNull(node)
    }

    /// The node under `key`.
    func node(_ key: String) -> Node? {
        values[key]
    }

    /// Where the value of `key` is written, or the mapping's location.
    func location(_ key: String) -> SourceLocation {
        values[key].map { YAMLFields.location(of: $0, file: file) } ?? keyLocations[key] ?? location
    }

    /// The string under `key`; records an issue when a required key is missing or the value is not a scalar.
    func string(_ key: String, required: Bool, context: String, issues: inout [PlanIssue]) -> String? {
        guard let node = values[key], !YAMLFields.isNull(node) else {
            if required {
                issues.append(
                    PlanIssue(.error, at: location, "\(context) has no `\(key)`", fix: "add `\(key): …`"))
            }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            issues.append(
                PlanIssue(
                    .error, at: YAMLFields.location(of: node, file: file),
                    "`\(key)` in \(context) must be a single value, found \(YAMLFields.describe(node))",
                    fix: "write `\(key): value` on one line"))
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty && required {
            issues.append(
                PlanIssue(.error, at: location(key), "`\(key)` in \(context) is empty", fix: "give it a value"))
            return nil
        }
        return text
    }

    /// The items of the sequence under `key` (empty when absent); records an issue when it is not a sequence.
    func sequence(_ key: String, context: String, issues: inout [PlanIssue]) -> [Node] {
        guard let node = values[key], !YAMLFields.isNull(node) else { return [] }
        guard let sequence = node.sequence else {
            issues.append(
                PlanIssue(
                    .error, at: YAMLFields.location(of: node, file: file),
                    "`\(key)` in \(context) must be a list, found \(YAMLFields.describe(node))",
                    fix: "write it as `- item` lines or `[a, b]`"))
            return []
        }
        return Array(sequence)
    }

    /// A list of strings under `key`: a sequence of scalars, or one scalar as a list of one.
    func strings(_ key: String, context: String, issues: inout [PlanIssue]) -> [String] {
        guard let node = values[key], !YAMLFields.isNull(node) else { return [] }
        if case .scalar(let scalar) = node { return [scalar.string.trimmingWhitespace()] }
        return sequence(key, context: context, issues: &issues).compactMap { item in
            guard case .scalar(let scalar) = item else {
                issues.append(
                    PlanIssue(
                        .error, at: YAMLFields.location(of: item, file: file),
                        "items of `\(key)` in \(context) must be single values, found \(YAMLFields.describe(item))",
                        fix: "list plain values: [a, b]"))
                return nil
            }
            return scalar.string.trimmingWhitespace()
        }
    }

    static func location(of node: Node, file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the value “\(scalar.string)”"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Shared-character ratio, enough to suggest `lead` for `leed`.
    private static func similarity(_ a: String, _ b: String) -> Double {
        let x = Set(a.unicodeScalars)
        let y = Set(b.unicodeScalars)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
