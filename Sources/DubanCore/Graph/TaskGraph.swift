/// The plan's tasks as a dependency graph: topological order, cycles, reachability and the
/// critical-path schedule (earliest finish and slack).
///
/// Nodes are indices into `tasks`; edges run from a prerequisite to its dependent.
public struct TaskGraph: Sendable {
    /// An edge to a neighbour, with the lag in days the dependency asks for.
    public struct Edge: Hashable, Sendable {
        /// The neighbour's index in `tasks`.
        public var node: Int
        /// Days between the prerequisite's finish and the dependent's work.
        public var lagDays: Int
    }

    /// The tasks, in the order given.
    public let tasks: [PlanTask]
    /// Index of each task id in `tasks`.
    public let index: [String: Int]
    /// For each task, the prerequisites it depends on.
    public let prerequisites: EdgeLists
    /// For each task, the tasks that depend on it.
    public let dependents: EdgeLists
    /// Dependencies whose prerequisite is not among the tasks, as (task id, missing id).
    public let unresolved: [(task: String, missing: String)]
    /// The topological order, computed once; nil when the graph has a cycle.
    private let order: [Int]?

    /// Builds the graph. Dependencies on unknown tasks are left out and listed in `unresolved`;
    /// a duplicated id keeps its first task.
    public init(tasks: [PlanTask]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(tasks.count)
        // By index, never `for task in tasks`: that copies every task (and retains its strings).
        for i in tasks.indices where index[tasks[i].id] == nil {
            index[tasks[i].id] = i
        }
        var incoming: [(from: Int, to: Int, lag: Int)] = []
        var unresolved: [(task: String, missing: String)] = []
        for i in tasks.indices {
            for dependency in tasks[i].dependsOn {
                guard let p = index[dependency.task] else {
                    unresolved.append((tasks[i].id, dependency.task))
                    continue
                }
                incoming.append((p, i, dependency.lagDays))
            }
        }
        let prerequisites = EdgeLists(
            count: tasks.count, incoming.map { ($0.to, Edge(node: $0.from, lagDays: $0.lag)) })
        let dependents = EdgeLists(count: tasks.count, incoming.map { ($0.from, Edge(node: $0.to, lagDays: $0.lag)) })
        self.tasks = tasks
        self.index = index
        self.prerequisites = prerequisites
        self.dependents = dependents
        self.unresolved = unresolved
        self.order = Self.kahn(prerequisites: prerequisites, dependents: dependents)
    }

    /// Task indices so that every prerequisite comes before its dependents; ties keep plan order.
    ///
    /// - Throws: `DependencyCycle` with one cycle's path when the graph has one.
    public func topologicalOrder() throws(DependencyCycle) -> [Int] {
        if let order { return order }
        throw DependencyCycle(path: findCycle() ?? [])
    }

    /// Kahn's algorithm taking the lowest ready index first, so an order the plan already
    /// satisfies comes back unchanged; nil when some tasks are on a cycle.
    private static func kahn(prerequisites: EdgeLists, dependents: EdgeLists) -> [Int]? {
        var indegree = (0..<prerequisites.count).map { prerequisites[$0].count }
        var ready = MinHeap()
        for i in indegree.indices where indegree[i] == 0 { ready.insert(i) }
        var order: [Int] = []
        order.reserveCapacity(indegree.count)
        while let node = ready.popMin() {
            order.append(node)
            for edge in dependents[node] {
                indegree[edge.node] -= 1
                if indegree[edge.node] == 0 { ready.insert(edge.node) }
            }
        }
        return order.count == indegree.count ? order : nil
    }

    /// One dependency cycle as task ids, following "depends on" and ending where it started
    /// (`a → b → a` means a depends on b and b on a), or nil when there is none.
    public func findCycle() -> [String]? {
        enum Mark: UInt8 { case new, open, closed }
        var mark = [Mark](repeating: .new, count: tasks.count)
        for root in tasks.indices where mark[root] == .new {
            // Iterative depth-first search along prerequisites; the stack is the current path.
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            mark[root] = .open
            while let top = stack.last {
                let edges = prerequisites[top.node]
                if top.next < edges.count {
                    stack[stack.count - 1].next += 1
                    let target = edges[edges.startIndex + top.next].node
                    switch mark[target] {
                    case .new:
                        mark[target] = .open
                        stack.append((target, 0))
                    case .open:
                        let start = stack.firstIndex { $0.node == target }!
                        let path = stack[start...].map { tasks[$0.node].id }
                        return path + [tasks[target].id]
                    case .closed:
                        continue
                    }
                } else {
                    mark[top.node] = .closed
                    stack.removeLast()
                }
            }
        }
        return nil
    }

    /// Every task that must be done before `id` can be, nearest first.
    public func transitivePrerequisites(of id: String) -> [String] {
        reachable(from: id, along: prerequisites)
    }

    /// Every task that waits, directly or not, on `id`, nearest first.
    public func transitiveDependents(of id: String) -> [String] {
        reachable(from: id, along: dependents)
    }

    private func reachable(from id: String, along edges: EdgeLists) -> [String] {
        guard let start = index[id] else { return [] }
        var seen = [Bool](repeating: false, count: tasks.count)
        seen[start] = true
        var queue = [start]
        var head = 0
        var result: [String] = []
        while head < queue.count {
            let node = queue[head]
            head += 1
            for edge in edges[node] where !seen[edge.node] {
                seen[edge.node] = true
                queue.append(edge.node)
                result.append(tasks[edge.node].id)
            }
        }
        return result
    }
}

/// A dependency cycle: no order can satisfy it.
public struct DependencyCycle: Error, Hashable, Sendable, CustomStringConvertible {
    /// Task ids along the cycle, ending with the first one again; each depends on the next.
    public var path: [String]

    public var description: String {
        "dependency cycle: " + path.joined(separator: " → ") + " (each task depends on the next)"
    }
}

/// A binary min-heap of task indices.
struct MinHeap {
    private var items: [Int] = []

    mutating func insert(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}

/// Every task's edges in one array (compressed sparse rows): one allocation for the whole graph,
/// where an array per task cost a million allocations on a million-task plan.
public struct EdgeLists: Sendable {
    private let offsets: [Int]
    private let edges: [TaskGraph.Edge]

    /// Groups `(node, edge)` pairs by node, keeping their order within a node.
    init(count: Int, _ pairs: [(Int, TaskGraph.Edge)]) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for (node, _) in pairs { offsets[node + 1] += 1 }
        for node in 0..<count { offsets[node + 1] += offsets[node] }
        var next = offsets
        var edges = [TaskGraph.Edge](repeating: TaskGraph.Edge(node: 0, lagDays: 0), count: pairs.count)
        for (node, edge) in pairs {
            edges[next[node]] = edge
            next[node] += 1
        }
        self.offsets = offsets
        self.edges = edges
    }

    /// How many nodes there are.
    public var count: Int { offsets.count - 1 }

    /// The edges of `node`.
    public subscript(node: Int) -> ArraySlice<TaskGraph.Edge> {
        edges[offsets[node]..<offsets[node + 1]]
    }
}
