import DubanCore
import Foundation

extension AppDatabase {
    /// Everything loaded and not archived, as the model: the registry and every plan with its tasks.
    public func planSet() throws -> PlanSet {
        try read { db in try Self.planSet(db) }
    }

    /// The loaded plan with id `id`, with its current tasks, or nil.
    public func plan(_ id: String) throws -> Plan? {
        try read { db in try Self.planSet(db).plans.first { $0.id == id } }
    }

    /// The loaded department registry (without archived departments), or nil when none was loaded.
    public func departments() throws -> [Department]? {
        try read { db in
            let records = try db.all(DepartmentRecord.self, where: "archivedAt IS NULL", order: "position")
            return records.isEmpty ? nil : records.map(\.department)
        }
    }

    /// The ids of the archived tasks: taken, since loading a task under one brings the old task back
    /// with its progress.
    public func archivedTaskIDs() throws -> Set<String> {
        try read { db in
            Set(try db.values(String.self, "SELECT id FROM task WHERE archivedAt IS NOT NULL"))
        }
    }

    /// The task with id `id`, archived or not, with whether it is archived.
    public func task(_ id: String) throws -> (task: PlanTask, archived: Bool)? {
        try read { db in
            guard let record = try db.find(TaskRecord.self, key: id) else { return nil }
            let dependencies = try db.all(DependencyRecord.self, where: "taskId = ?", [id], order: "position")
            return (
                record.task(dependsOn: dependencies.map { Dependency(task: $0.prerequisiteId, lagDays: $0.lagDays) }),
                record.archivedAt != nil
            )
        }
    }

    /// The revisions of task `id`, oldest first.
    public func revisions(of id: String) throws -> [TaskRevision] {
        try read { db in
            try db.all(TaskRevision.self, where: "taskId = ?", [id], order: "id")
        }
    }

    /// The audit entries about `subject`, oldest first.
    public func audit(subject: String) throws -> [AuditEntry] {
        try read { db in
            try db.all(AuditEntry.self, where: "subject = ?", [subject], order: "id")
        }
    }

    /// What `planSet(_:)` reads of each task: all of it, or only what an evaluation uses.
    enum TaskColumns {
        case all
        /// Without titles, sources, locations and deadline texts: the set is for evaluating only.
        case evaluation
    }

    static func planSet(_ db: any StoreConnection, _ columns: TaskColumns = .all) throws -> PlanSet {
        let departments = try db.all(DepartmentRecord.self, where: "archivedAt IS NULL", order: "position")
            .map(\.department)
        // Rows become the model as they are read: no array of records beside the tasks. Neither
        // table has an index in position order, so they are read in table order and put in order
        // here (they come in order unless a reload added tasks): sorting in SQL was most of the read.
        let assembler = TaskAssembler(
            tasks: try db.value(Int.self, "SELECT COUNT(*) FROM task WHERE archivedAt IS NULL") ?? 0,
            dependencies: try db.value(Int.self, "SELECT COUNT(*) FROM dependency") ?? 0)
        try assembler.read(.dependencies) { rows in try db.each(DependencyRecord.selection, [], rows) }
        let selection = columns == .all ? TaskRecord.selection : TaskRecord.evaluationSelection
        try assembler.read(.tasks) { rows in try db.each(selection + " WHERE archivedAt IS NULL", [], rows) }
        let tasksByPlan = try assembler.finish()
        var actionsByPlan: [String: [Action]] = [:]
        for record in try db.all(ActionRecord.self, order: "position") {
            actionsByPlan[record.planId, default: []].append(Action(id: record.id, title: record.title))
        }
        var measuresByPlan: [String: [Measure]] = [:]
        for record in try db.all(MeasureRecord.self, order: "position") {
            measuresByPlan[record.planId, default: []].append(
                Measure(number: record.number, action: record.actionId, title: record.title))
        }
        let plans = try db.all(PlanRecord.self).map { record in
            Plan(
                id: record.id, title: record.title, extends: record.extends, start: record.start, end: record.end,
                office: record.office, actions: actionsByPlan[record.id] ?? [],
                measures: measuresByPlan[record.id] ?? [],
                tasks: tasksByPlan[record.id] ?? [],
                location: record.file.map { SourceLocation(file: $0, line: 1, column: 1) })
        }
        // Base plans before the plans that extend them, as loading ordered them.
        let ordered = plans.sorted { a, b in
            if a.extends == nil && b.extends != nil { return true }
            if a.extends != nil && b.extends == nil { return false }
            return a.id < b.id
        }
        return PlanSet(departments: departments, plans: ordered)
    }
}

extension AppDatabase {
    /// The main plan's office department, if any plan is loaded.
    public func office() throws -> String? {
        try read { db in
            try db.value(String.self, "SELECT office FROM plan WHERE extends IS NULL AND office IS NOT NULL LIMIT 1")
        }
    }
}

/// Makes tasks of rows on a thread of its own while they are read: stepping the statements and
/// making the tasks each took about half of reading a large plan, one after the other.
private final class TaskAssembler: @unchecked Sendable {
    /// What a read's rows are.
    enum Rows {
        /// `DependencyRecord`s: read first, for the tasks that follow.
        case dependencies
        /// Tasks' rows, as `TaskRecord(row:)` reads them.
        case tasks
    }

    // Touched only on `queue` (batches in the order read) until `finish()`, which waits for it.
    private var tasks: TasksByPlan
    private var dependencies: [String: [(position: Int, dependency: Dependency)]] = [:]
    private var failure: (any Error)?
    private let queue = DispatchQueue(label: "duban.store.tasks")
    private let group = DispatchGroup()
    /// Batches handed over and not yet made into tasks: reading waits rather than hold a whole
    /// large plan's rows twice.
    private let room = DispatchSemaphore(value: 8)
    private static let batch = 1024

    /// Room for `tasks` tasks and `dependencies` dependency rows at once: growing copied them.
    init(tasks: Int, dependencies: Int) {
        self.tasks = TasksByPlan(capacity: tasks)
        self.dependencies.reserveCapacity(dependencies)
    }

    /// Runs `read`, which hands each row it reads to the function it is given, and makes the rows
    /// into dependencies or tasks a batch at a time as they come.
    func read(_ kind: Rows, _ read: ((SQLRow) throws -> Void) throws -> Void) throws {
        var rows: [SQLRow] = []
        rows.reserveCapacity(Self.batch)
        try read { row in
            rows.append(row)  // kept: the reader's next row has values of its own
            if rows.count == Self.batch {
                hand(rows, kind)
                rows = []
                rows.reserveCapacity(Self.batch)
            }
        }
        if !rows.isEmpty { hand(rows, kind) }
    }

    private func hand(_ rows: [SQLRow], _ kind: Rows) {
        room.wait()
        queue.async(group: group) {
            defer { self.room.signal() }
            guard self.failure == nil else { return }
            do {
                switch kind {
                case .dependencies: for row in rows { try self.addDependency(row) }
                case .tasks: for row in rows { try self.addTask(row) }
                }
            } catch {
                self.failure = error
            }
        }
    }

    private func addDependency(_ row: SQLRow) throws {
        let record = try DependencyRecord(row: row)
        dependencies[record.taskId, default: []].append(
            (record.position, Dependency(task: record.prerequisiteId, lagDays: record.lagDays)))
    }

    private func addTask(_ row: SQLRow) throws {
        let record = try TaskRecord(row: row)
        let position = record.position
        let prerequisites = dependencies.removeValue(forKey: record.id) ?? []
        // The record is used up making the task (not copied): its last use.
        tasks.append(record.task(dependsOn: TasksByPlan.inOrder(prerequisites).map(\.dependency)), position: position)
    }

    /// Each plan's tasks once every row is made a task, or the first row's error.
    func finish() throws -> [String: [PlanTask]] {
        group.wait()
        if let failure { throw failure }
        return tasks.finish()
    }
}

/// Tasks read in table order, gathered per plan in position order (ties in the order read).
private struct TasksByPlan {
    private var plans: [String: (positions: [Int], tasks: [PlanTask])] = [:]
    private var plan: String?
    private var positions: [Int] = []
    private var tasks: [PlanTask] = []

    init(capacity: Int) {
        positions.reserveCapacity(capacity)
        tasks.reserveCapacity(capacity)
    }

    /// Adds `task`; a run of tasks of one plan is added without looking its plan up each time.
    mutating func append(_ task: PlanTask, position: Int) {
        if task.plan != plan {
            flush()
            plan = task.plan
        }
        positions.append(position)
        tasks.append(task)
    }

    private mutating func flush() {
        guard let plan, !tasks.isEmpty else { return }
        if plans[plan] == nil {
            plans[plan] = (positions, tasks)
        } else {
            plans[plan]!.positions += positions
            plans[plan]!.tasks += tasks
        }
        positions = []
        tasks = []
    }

    /// Each plan's tasks, in position order.
    mutating func finish() -> [String: [PlanTask]] {
        flush()
        return plans.mapValues { entry in
            let order = Self.order(entry.positions)
            return order.map { order in order.map { entry.tasks[$0] } } ?? entry.tasks
        }
    }

    /// The indices of `positions` in position order, ties in their order; nil when already in order.
    static func order(_ positions: [Int]) -> [Int]? {
        if zip(positions, positions.dropFirst()).allSatisfy({ $0 <= $1 }) { return nil }
        return positions.indices.sorted { (positions[$0], $0) < (positions[$1], $1) }
    }

    /// `items` in position order.
    static func inOrder<T>(_ items: [(position: Int, dependency: T)]) -> [(position: Int, dependency: T)] {
        order(items.map(\.position)).map { order in order.map { items[$0] } } ?? items
    }
}
