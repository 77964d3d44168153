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

    /// Parses the first document of `yaml`; nil for an empty file.
    static func parse(_ yaml: String) throws(SyntaxError) -> YAMLNode? {
        var bytes = Array(yaml.utf8)
        bytes.append(0)
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw SyntaxError(problem: "out of memory", context: nil, mark: YAMLMark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count - 1)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var reader = EventReader(parser: parser, bytes: UnsafeBufferPointer(rebasing: buffer.dropLast()))
            return try reader.document()
        }
    }

    private struct EventReader {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let bytes: UnsafeBufferPointer<UInt8>
        var anchors: [String: YAMLNode] = [:]

        mutating func document() throws(SyntaxError) -> YAMLNode? {
            var event = try next()  // stream start
            yaml_event_delete(&event)
            event = try next()
            defer { yaml_event_delete(&event) }
            guard event.type == YAML_DOCUMENT_START_EVENT else { return nil }
            var first = try next()
            if first.type == YAML_DOCUMENT_END_EVENT {
                yaml_event_delete(&first)
                return nil
            }
            let root = try node(from: &first)
            var end = try next()  // document end
            yaml_event_delete(&end)
            var after = try next()
            defer { yaml_event_delete(&after) }
            if after.type == YAML_DOCUMENT_START_EVENT {
                throw SyntaxError(
                    problem: "a second YAML document (after `---`) in one file", context: nil,
                    mark: YAMLMark(line: Int(after.start_mark.line) + 1, column: Int(after.start_mark.column) + 1))
            }
            return root
        }

        /// Builds the node that `event` starts, consuming and freeing every event it spans.
        mutating func node(from event: inout yaml_event_t) throws(SyntaxError) -> YAMLNode {
            defer { yaml_event_delete(&event) }
            let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let node = YAMLNode.scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, mark)
                remember(scalar.anchor, node)
                return node
            case YAML_SEQUENCE_START_EVENT:
                let anchor = event.data.sequence_start.anchor
                var items: [YAMLNode] = []
                while true {
                    var item = try next()
                    if item.type == YAML_SEQUENCE_END_EVENT {
                        yaml_event_delete(&item)
                        break
                    }
                    items.append(try node(from: &item))
                }
                let node = YAMLNode.sequence(items, mark)
                remember(anchor, node)
                return node
            case YAML_MAPPING_START_EVENT:
                let anchor = event.data.mapping_start.anchor
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                var seen: Set<String> = []
                while true {
                    var keyEvent = try next()
                    if keyEvent.type == YAML_MAPPING_END_EVENT {
                        yaml_event_delete(&keyEvent)
                        break
                    }
                    let key = try node(from: &keyEvent)
                    if let text = key.text, !seen.insert(text).inserted {
                        throw SyntaxError(
                            problem: "duplicate key “\(text)” in one mapping", context: nil, mark: key.mark)
                    }
                    var valueEvent = try next()
                    pairs.append((key, try node(from: &valueEvent)))
                }
                let node = YAMLNode.mapping(pairs, mark)
                remember(anchor, node)
                return node
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let node = anchors[name] else {
                    throw SyntaxError(problem: "unknown alias “*\(name)”", context: nil, mark: mark)
                }
                return node
            default:
                throw SyntaxError(problem: "unexpected YAML event", context: nil, mark: mark)
            }
        }

        /// The line and column (in Unicode scalars) of byte `offset`.
        static func mark(atByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
            var line = 1
            var column = 1
            for byte in bytes.prefix(offset) {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return YAMLMark(line: line, column: column)
        }

        mutating func remember(_ anchor: UnsafeMutablePointer<yaml_char_t>?, _ node: YAMLNode) {
            if let anchor { anchors[String(cString: anchor)] = node }
        }

        mutating func next() throws(SyntaxError) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                var mark = YAMLMark(
                    line: Int(parser.pointee.problem_mark.line) + 1, column: Int(parser.pointee.problem_mark.column) + 1
                )
                if parser.pointee.error == YAML_READER_ERROR {
                    // Reader errors (a control character, bad UTF-8) carry only a byte offset.
                    mark = Self.mark(atByte: Int(parser.pointee.problem_offset), in: bytes)
                }
                let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unreadable YAML"
                let context = parser.pointee.context.map {
                    String(cString: $0) + " at line \(parser.pointee.context_mark.line + 1)"
                }
                throw SyntaxError(problem: problem, context: context, mark: mark)
            }
            return event
        }
    }
}
