import Foundation
import Testing

@testable import DubanPlans

/// A large file's events are read on a second thread while its tree is built (`YAMLEventPipe`):
/// the tree, and the first syntax error with its place, are what reading it on one thread gives.
@Suite struct YAMLNodeParserTests {
    /// The tree written out with every scalar's style and every node's place.
    static func describe(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        let at = "@\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let text, let plain, _): return (plain ? "" : "'") + text + at
        case .sequence(let items, _): return "[" + items.map(describe).joined(separator: ",") + "]" + at
        case .mapping(let pairs, _):
            return "{" + pairs.map { describe($0.key) + ":" + describe($0.value) }.joined(separator: ",") + "}" + at
        }
    }

    /// A document of `tasks` tasks with quoted and plain scalars, flow lists, an anchor and aliases.
    static func document(tasks: Int) -> String {
        var yaml = "plan:\n  id: &plan \"p\"\n  title: 计划\ntasks:\n"
        for n in 0..<tasks {
            yaml += "  - id: \"t\(n)\"\n    title: 任务\(n)\n    lead: d\(n % 7)\n"
            yaml += n % 3 == 0 ? "    depends_on: [\"t\(max(n - 1, 0))\", t0]\n" : "    plan: *plan\n"
        }
        return yaml
    }

    static func outcome(_ yaml: String, pipedFrom: Int) -> String {
        do {
            return describe(try YAMLNodeParser.parse(yaml, pipedFrom: pipedFrom))
        } catch {
            return "error: \(error.problem) at \(error.mark.line):\(error.mark.column)"
        }
    }

    @Test func aPipedTreeIsTheTreeReadOnOneThread() {
        let yaml = Self.document(tasks: 3_000)  // about 30,000 events: many blocks
        let piped = Self.outcome(yaml, pipedFrom: 0)
        #expect(piped == Self.outcome(yaml, pipedFrom: .max))
        #expect(piped.hasPrefix("{plan@1:1:{id@2:3:'p@2:7"))
        #expect(piped.contains("'t2999@"))
        #expect(Self.outcome("", pipedFrom: 0) == "nil")
        #expect(Self.outcome("a: 1\n", pipedFrom: 0) == Self.outcome("a: 1\n", pipedFrom: .max))
    }

    @Test func aSyntaxErrorLateInAPipedFileIsFoundInItsPlace() {
        let yaml = Self.document(tasks: 3_000) + "  - id: [unclosed\n"
        let piped = Self.outcome(yaml, pipedFrom: 0)
        #expect(piped.hasPrefix("error: "))
        #expect(piped == Self.outcome(yaml, pipedFrom: .max))
        let control = Self.document(tasks: 3_000) + "  - id: \u{7}\n"  // a reader error: a byte offset
        #expect(Self.outcome(control, pipedFrom: 0) == Self.outcome(control, pipedFrom: .max))
        #expect(Self.outcome(control, pipedFrom: 0).hasPrefix("error: "))
    }

    /// Past the stream's end a pipe gives the stream's end again, as libyaml does, rather than wait.
    @Test func aPipeGivesTheStreamsEndAgainPastIt() throws {
        var bytes = Array("a: 1\n".utf8) + [0]
        let kinds = try bytes.withUnsafeMutableBufferPointer { buffer in
            let pipe = YAMLEventPipe(bytes: UnsafeBufferPointer(rebasing: buffer.dropLast()))
            defer { pipe.finish() }
            return try (0..<10).map { _ in try pipe.next().kind }
        }
        #expect(
            kinds.prefix(8) == [
                .streamStart, .documentStart, .mappingStart, .scalar, .scalar, .mappingEnd, .documentEnd, .streamEnd,
            ])
        #expect(kinds.suffix(2) == [.streamEnd, .streamEnd])
    }

    /// An error found while building (a repeated key) early in a large file stops the reading thread.
    @Test func aRepeatedKeyEarlyInAPipedFileStopsTheReading() {
        let yaml = "a: 1\na: 2\n" + Self.document(tasks: 3_000).replacingOccurrences(of: "plan:\n", with: "b:\n")
        let piped = Self.outcome(yaml, pipedFrom: 0)
        #expect(piped == "error: duplicate key “a” in one mapping at 2:1")
        #expect(piped == Self.outcome(yaml, pipedFrom: .max))
    }

    /// Small mappings find a repeated key by a scan, large ones through a set: both find it.
    @Test func aRepeatedKeyIsFoundInSmallAndLargeMappings() {
        for size in [2, 15, 16, 17, 40] {
            let keys = (0..<size).map { "k\($0): \($0)\n" }.joined()
            #expect(Self.outcome(keys, pipedFrom: .max).hasPrefix("{"))
            let repeated = keys + "k\(size - 1): again\n"
            #expect(
                Self.outcome(repeated, pipedFrom: .max)
                    == "error: duplicate key “k\(size - 1)” in one mapping at \(size + 1):1")
        }
    }
}
