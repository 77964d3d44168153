/// The dependency graph as text for other tools: Mermaid for Markdown viewers, Graphviz dot, JSON.
extension TaskGraph {
    /// A Mermaid `flowchart`, one subgraph per action, edges from prerequisite to dependent.
    public func mermaid(actions: [Action]) -> String {
        var lines = ["flowchart LR"]
        let names = Dictionary(actions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for (action, nodes) in groupedByAction(actions) {
            lines.append("  subgraph \(Self.mermaidID(action))[\"\(Self.mermaidText(names[action] ?? action))\"]")
            for node in nodes {
                let task = tasks[node]
                lines.append(
                    "    \(Self.mermaidID(task.id))[\"\(Self.mermaidText(task.title))<br/>\(task.schedule.due)\"]")
            }
            lines.append("  end")
        }
        for node in tasks.indices {
            let edges = dependents[node]
            for edge in edges {
                let label = edge.lagDays > 0 ? "|+\(edge.lagDays)d|" : ""
                lines.append("  \(Self.mermaidID(tasks[node].id)) -->\(label) \(Self.mermaidID(tasks[edge.node].id))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Graphviz `digraph`, one cluster per action, edges from prerequisite to dependent.
    public func dot(actions: [Action]) -> String {
        var lines = ["digraph plan {", "  rankdir=LR;", "  node [shape=box, fontname=\"Noto Sans CJK SC\"];"]
        let names = Dictionary(actions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for (action, nodes) in groupedByAction(actions) {
            lines.append("  subgraph \(Self.dotString("cluster_" + action)) {")
            lines.append("    label=\(Self.dotString(names[action] ?? action));")
            for node in nodes {
                let task = tasks[node]
                lines.append(
                    "    \(Self.dotString(task.id)) [label=\(Self.dotString("\(task.title)\n\(task.schedule.due)"))];")
            }
            lines.append("  }")
        }
        for node in tasks.indices {
            let edges = dependents[node]
            for edge in edges {
                let label = edge.lagDays > 0 ? " [label=\"+\(edge.lagDays)d\"]" : ""
                lines.append("  \(Self.dotString(tasks[node].id)) -> \(Self.dotString(tasks[edge.node].id))\(label);")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The graph as nodes and edges, for scripts.
    public var exported: ExportedGraph {
        ExportedGraph(
            nodes: tasks.map {
                ExportedGraph.Node(
                    id: $0.id, action: $0.action, measure: $0.measure, lead: $0.lead, due: $0.schedule.due)
            },
            edges: tasks.indices.flatMap { node in
                dependents[node].map {
                    ExportedGraph.Edge(from: tasks[node].id, to: tasks[$0.node].id, lagDays: $0.lagDays)
                }
            })
    }

    /// Task indices by action, actions in the plan's order and then any other action in task order.
    private func groupedByAction(_ actions: [Action]) -> [(String, [Int])] {
        var order = actions.map(\.id)
        var groups: [String: [Int]] = [:]
        for (node, task) in tasks.enumerated() {
            if groups[task.action] == nil, !order.contains(task.action) { order.append(task.action) }
            groups[task.action, default: []].append(node)
        }
        return order.compactMap { action in groups[action].map { (action, $0) } }
    }

    private static func mermaidID(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    private static func mermaidText(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }

    private static func dotString(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

/// The graph as `duban graph --format json` prints it.
public struct ExportedGraph: Encodable, Sendable {
    /// A task.
    public struct Node: Encodable, Sendable {
        public var id: String
        public var action: String
        public var measure: Int?
        public var lead: String
        public var due: Day

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(action, forKey: .action)
            try container.encode(measure, forKey: .measure)
            try container.encode(lead, forKey: .lead)
            try container.encode(due, forKey: .due)
        }

        enum CodingKeys: String, CodingKey { case id, action, measure, lead, due }
    }

    /// A dependency, from the prerequisite to the task that waits on it.
    public struct Edge: Encodable, Sendable {
        public var from: String
        public var to: String
        public var lagDays: Int

        enum CodingKeys: String, CodingKey {
            case from, to
            case lagDays = "lag_days"
        }
    }

    public var nodes: [Node]
    public var edges: [Edge]
}
