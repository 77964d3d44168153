import DubanCore

/// Reads a YAML file that is one flat mapping of text to text, such as a column map
/// (`{工作内容: title, 责任部门: lead}`), with the line and column of every entry.
package enum FlatMappingFile {
    /// One `key: value` pair and where its key is written.
    package struct Entry: Hashable, Sendable {
        /// The key, trimmed.
        package var key: String
        /// The value, trimmed.
        package var value: String
        /// Where the key is written.
        package var location: SourceLocation
    }

    /// The pairs of `yaml`, written in `file`, in file order.
    ///
    /// - Throws: `PlanError` for a syntax error, a file that is not one mapping, or a value that is
    ///   a list or a mapping, each at its line and column; every such problem at once.
    package static func read(yaml: String, file: String) throws(PlanError) -> [Entry] {
        guard let root = try YAMLNodeParser.parse(yaml, file: file) else {
            throw PlanError(
                PlanIssue(
                    .error, at: SourceLocation(file: file, line: 1, column: 1), "the file is empty",
                    fix: "write one `header: field` pair a line, e.g. `工作内容: title`"))
        }
        guard case .mapping(let pairs, _) = root else {
            throw PlanError(
                PlanIssue(
                    .error, at: YAMLFields.location(of: root, file: file),
                    "the file is \(YAMLFields.describe(root)), not a mapping",
                    fix: "write one `header: field` pair a line, e.g. `工作内容: title`"))
        }
        var entries: [Entry] = []
        var issues: [PlanIssue] = []
        for (key, value) in pairs {
            let location = YAMLFields.location(of: key, file: file)
            guard let keyText = key.text, let valueText = value.text else {
                let bad = key.text == nil ? key : value
                issues.append(
                    PlanIssue(
                        .error, at: YAMLFields.location(of: bad, file: file),
                        "\(YAMLFields.describe(bad)) where a single value belongs",
                        fix: "write one `header: field` pair a line, e.g. `工作内容: title`"))
                continue
            }
            entries.append(
                Entry(key: keyText.trimmingWhitespace(), value: valueText.trimmingWhitespace(), location: location))
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return entries
    }
}
