import DubanCore

/// The keys of one YAML mapping, read once, with every problem recorded against its file, line
/// and column.
///
/// Reading through this rather than `Codable` is what lets an error say where it is and what the
/// allowed keys are.
struct YAMLFields {
    let file: String
    let location: SourceLocation
    /// The allowed keys present, in file order; a handful per mapping, so a scan beats hashing.
    private var entries: [(name: String, value: YAMLNode)] = []

    /// Reads `node` as a mapping whose keys must be among `allowed`, recording an issue for each other key.
    init?(
        _ node: YAMLNode, file: String, context: @autoclosure () -> String, allowed: [String], issues: inout [PlanIssue]
    ) {
        self.file = file
        self.location = YAMLFields.location(of: node, file: file)
        guard case .mapping(let mapping, _) = node else {
            issues.append(
                PlanIssue(
                    .error, at: location,
                    "\(context()) must be a mapping of keys to values, found \(YAMLFields.describe(node))",
                    fix: "write it as `key: value` lines; allowed keys: " + allowed.joined(separator: ", ")))
            return nil
        }
        entries.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            let name = key.text ?? ""
            guard allowed.contains(name) else {
                let suggestion = allowed.min { a, b in
                    YAMLFields.similarity(name, a) > YAMLFields.similarity(name, b)
                }
                issues.append(
                    PlanIssue(
                        .error, at: YAMLFields.location(of: key, file: file), "unknown key “\(name)” in \(context())",
                        fix: "allowed keys are " + allowed.joined(separator: ", ")
                            + (suggestion.map {
                                YAMLFields.similarity(name, $0) > 0.5 ? " (did you mean “\($0)”?)" : ""
                            } ?? "")))
                continue
            }
            entries.append((name, value))
        }
    }

    /// Whether the mapping has `key`, with a non-null value.
    func has(_ key: String) -> Bool {
        guard let node = node(key) else { return false }
        return !node.isNull
    }

    /// The node under `key`.
    func node(_ key: String) -> YAMLNode? {
        for entry in entries where entry.name == key { return entry.value }
        return nil
    }

    /// Where the value of `key` is written, or the mapping's location.
    func location(_ key: String) -> SourceLocation {
        node(key).map { YAMLFields.location(of: $0, file: file) } ?? location
    }

    /// The string under `key`; records an issue when a required key is missing or the value is not a scalar.
    func string(_ key: String, required: Bool, context: @autoclosure () -> String, issues: inout [PlanIssue]) -> String?
    {
        guard let node = node(key), !node.isNull else {
            if required {
                issues.append(
                    PlanIssue(.error, at: location, "\(context()) has no `\(key)`", fix: "add `\(key): …`"))
            }
            return nil
        }
        guard case .scalar(let scalar, _, _) = node else {
            issues.append(
                PlanIssue(
                    .error, at: YAMLFields.location(of: node, file: file),
                    "`\(key)` in \(context()) must be a single value, found \(YAMLFields.describe(node))",
                    fix: "write `\(key): value` on one line"))
            return nil
        }
        let text = scalar.trimmingWhitespace()
        if text.isEmpty && required {
            issues.append(
                PlanIssue(.error, at: location(key), "`\(key)` in \(context()) is empty", fix: "give it a value"))
            return nil
        }
        return text
    }

    /// The items of the sequence under `key` (empty when absent); records an issue when it is not a sequence.
    func sequence(_ key: String, context: @autoclosure () -> String, issues: inout [PlanIssue]) -> [YAMLNode] {
        guard let node = node(key), !node.isNull else { return [] }
        guard case .sequence(let sequence, _) = node else {
            issues.append(
                PlanIssue(
                    .error, at: YAMLFields.location(of: node, file: file),
                    "`\(key)` in \(context()) must be a list, found \(YAMLFields.describe(node))",
                    fix: "write it as `- item` lines or `[a, b]`"))
            return []
        }
        return sequence
    }

    /// A list of strings under `key`: a sequence of scalars, or one scalar as a list of one.
    func strings(_ key: String, context: @autoclosure () -> String, issues: inout [PlanIssue]) -> [String] {
        guard let node = node(key), !node.isNull else { return [] }
        if case .scalar(let scalar, _, _) = node { return [scalar.trimmingWhitespace()] }
        return sequence(key, context: context(), issues: &issues).compactMap { item in
            guard case .scalar(let scalar, _, _) = item else {
                issues.append(
                    PlanIssue(
                        .error, at: YAMLFields.location(of: item, file: file),
                        "items of `\(key)` in \(context()) must be single values, found \(YAMLFields.describe(item))",
                        fix: "list plain values: [a, b]"))
                return nil
            }
            return scalar.trimmingWhitespace()
        }
    }

    static func location(of node: YAMLNode, file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let text, _, _): "the value “\(text)”"
        case .mapping: "a mapping"
        case .sequence: "a list"
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
        // Most values have no surrounding space: check the ends' bytes before scanning scalars.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
