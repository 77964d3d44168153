/// A YAML value as plan files use it: plain text, a mapping or a list, each with where it starts.
///
/// duban reads every scalar as text and types it itself, so the tree carries no tags; that keeps
/// it small and fast to build for plans of hundreds of thousands of tasks.
indirect enum YAMLNode {
    /// A scalar: its text, whether it was written plain (unquoted), and its position.
    case scalar(String, plain: Bool, YAMLMark)
    /// A mapping, keys in file order.
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    /// A sequence.
    case sequence([YAMLNode], YAMLMark)

    /// Where the node starts.
    var mark: YAMLMark {
        switch self {
        case .scalar(_, _, let mark), .mapping(_, let mark), .sequence(_, let mark): mark
        }
    }

    /// The scalar's text, or nil for a mapping or a list.
    var text: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// Whether the node is an empty plain scalar or `~`/`null`, as YAML writes "no value".
    var isNull: Bool {
        if case .scalar(let text, true, _) = self {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }
}

/// A position in a YAML file, 1-based, columns counted in Unicode scalars.
struct YAMLMark: Hashable {
    var line: Int
    var column: Int
}
