import Dispatch
import DubanCore

extension PlanDocumentReader {
    /// A plan's task nodes, kept as its actions and measures are read and made into tasks at the
    /// end: a large plan's on two threads, half each (reading 100,000 tasks was a sixth of a load).
    /// The tasks come in file order, and each task's issues go in among the others where reading it
    /// in its place would have put them.
    struct TaskNodes {
        /// Plans with fewer tasks are read on one thread: a second costs more than it gains.
        static let lanedFrom = 4_096

        private var nodes: [(node: YAMLNode, action: String, measure: Int?, issuesBefore: Int)] = []

        /// Keeps `node`, a task of `action` (and `measure`), read after `issues`.
        mutating func append(_ node: YAMLNode, action: String, measure: Int?, issues: [PlanIssue]) {
            nodes.append((node, action, measure, issues.count))
        }

        /// The tasks, in file order, their issues put in among `issues`.
        func read(context: TaskContext, lanedFrom: Int = lanedFrom, issues: inout [PlanIssue]) -> [PlanTask] {
            let lanes = nodes.count >= lanedFrom ? 2 : 1
            let bounds = (0..<lanes).map { lane in
                nodes.count * lane / lanes..<nodes.count * (lane + 1) / lanes
            }
            var parts = [(tasks: [PlanTask], issues: [(before: Int, issues: [PlanIssue])])?](
                repeating: nil, count: lanes)
            parts.withUnsafeMutableBufferPointer { parts in
                nonisolated(unsafe) let parts = parts  // each lane writes only its own slot
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    parts[lane] = read(bounds[lane], context: context)
                }
            }
            var tasks: [PlanTask] = []
            tasks.reserveCapacity(nodes.count)
            var found: [(before: Int, issues: [PlanIssue])] = []
            for part in parts {
                tasks.append(contentsOf: part!.tasks)
                found.append(contentsOf: part!.issues)
            }
            guard !found.isEmpty else { return tasks }
            var merged: [PlanIssue] = []
            var next = 0
            for (before, own) in found {
                merged.append(contentsOf: issues[next..<before])
                merged.append(contentsOf: own)
                next = before
            }
            merged.append(contentsOf: issues[next...])
            issues = merged
            return tasks
        }

        private func read(
            _ range: Range<Int>, context: TaskContext
        ) -> (tasks: [PlanTask], issues: [(before: Int, issues: [PlanIssue])]) {
            var tasks: [PlanTask] = []
            tasks.reserveCapacity(range.count)
            var found: [(before: Int, issues: [PlanIssue])] = []
            for index in range {
                let (node, action, measure, before) = nodes[index]
                var own: [PlanIssue] = []
                if let task = readTask(node, action: action, measure: measure, context: context, issues: &own) {
                    tasks.append(task)
                }
                if !own.isEmpty { found.append((before, own)) }
            }
            return (tasks, found)
        }
    }
}
