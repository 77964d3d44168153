import CYaml
import DubanCore

/// Parses YAML text into a `YAMLNode` tree with libyaml's event parser (the C library inside Yams).
///
/// Yams' own `Node` tree resolves a tag for every scalar with regular expressions; on a plan of
/// 100,000 tasks that alone took seconds. Plans need only text, so this reads events directly.
struct YAMLNodeParser {
    /// A syntax error: libyaml's problem and where it is.
    struct SyntaxError: Error {
        var problem: String
        var context: String?
        var mark: YAMLMark
    }

    /// Parses `yaml`, written in `file`, with a syntax error as a located `PlanError`: what every
    /// reader of duban's YAML files calls.
    static func parse(_ yaml: String, file: String) throws(PlanError) -> YAMLNode? {
        do {
            return try parse(yaml)
        } catch {
            throw PlanError(PlanDocumentReader.syntaxIssue(error, file: file))
        }
    }

    /// Files at least this large are parsed on two threads (`YAMLEventPipe`): below it, starting
    /// a thread costs more than it gains.
    static let pipedSize = 256 * 1024

    /// Parses the first document of `yaml`; nil for an empty file. A file of `pipedFrom` bytes or
    /// more has its events read on a second thread while the tree is built.
    static func parse(_ yaml: String, pipedFrom: Int = pipedSize) throws(SyntaxError) -> YAMLNode? {
        var bytes = Array(yaml.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            let text = UnsafeBufferPointer(rebasing: buffer.dropLast())
            if text.count >= pipedFrom {
                let pipe = YAMLEventPipe(bytes: text)
                defer { pipe.finish() }
                var builder = TreeBuilder { () throws(SyntaxError) in try pipe.next() }
                return try builder.document()
            }
            let reader = try YAMLEventReader(bytes: text)
            var builder = TreeBuilder { () throws(SyntaxError) in try reader.next() }
            return try builder.document()
        }
    }

    /// Builds the tree of one document from its events.
    private struct TreeBuilder {
        let next: () throws(SyntaxError) -> YAMLEvent
        var anchors: [String: YAMLNode] = [:]

        mutating func document() throws(SyntaxError) -> YAMLNode? {
            _ = try next()  // stream start
            guard try next().kind == .documentStart else { return nil }
            let first = try next()
            if first.kind == .documentEnd { return nil }
            let root = try node(from: first)
            _ = try next()  // document end
            let after = try next()
            if after.kind == .documentStart {
                throw SyntaxError(
                    problem: "a second YAML document (after `---`) in one file", context: nil, mark: after.mark)
            }
            return root
        }

        /// Builds the node that `event` starts, reading every event it spans.
        mutating func node(from event: YAMLEvent) throws(SyntaxError) -> YAMLNode {
            switch event.kind {
            case .scalar:
                let node = YAMLNode.scalar(event.text, plain: event.plain, event.mark)
                remember(event.anchor, node)
                return node
            case .sequenceStart:
                var items: [YAMLNode] = []
                while true {
                    let item = try next()
                    if item.kind == .sequenceEnd { break }
                    items.append(try node(from: item))
                }
                let node = YAMLNode.sequence(items, event.mark)
                remember(event.anchor, node)
                return node
            case .mappingStart:
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                // A plan's mappings are small: a scan finds a repeated key faster than a set, which
                // was an eighth of building the tree. Large mappings still get the set.
                var seen: Set<String>?
                while true {
                    let keyEvent = try next()
                    if keyEvent.kind == .mappingEnd { break }
                    let key = try node(from: keyEvent)
                    if let text = key.text, Self.isRepeated(text, in: pairs, seen: &seen) {
                        throw SyntaxError(
                            problem: "duplicate key “\(text)” in one mapping", context: nil, mark: key.mark)
                    }
                    pairs.append((key, try node(from: try next())))
                }
                let node = YAMLNode.mapping(pairs, event.mark)
                remember(event.anchor, node)
                return node
            case .alias:
                guard let node = anchors[event.text] else {
                    throw SyntaxError(problem: "unknown alias “*\(event.text)”", context: nil, mark: event.mark)
                }
                return node
            default:
                throw SyntaxError(problem: "unexpected YAML event", context: nil, mark: event.mark)
            }
        }

        /// Whether `key` is among the keys of `pairs` (through `seen` once there are 16 or more).
        static func isRepeated(
            _ key: String, in pairs: [(key: YAMLNode, value: YAMLNode)], seen: inout Set<String>?
        ) -> Bool {
            if pairs.count < 16 { return pairs.contains { $0.key.text == key } }
            if seen == nil { seen = Set(pairs.compactMap(\.key.text)) }
            return !seen!.insert(key).inserted
        }

        mutating func remember(_ anchor: String?, _ node: YAMLNode) {
            if let anchor { anchors[anchor] = node }
        }
    }
}
