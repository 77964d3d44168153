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

    static func planSet(_ db: any StoreConnection) throws -> PlanSet {
        let departments = try db.all(DepartmentRecord.self, where: "archivedAt IS NULL", order: "position")
            .map(\.department)
        var dependencies: [String: [Dependency]] = [:]
        for record in try db.all(DependencyRecord.self, order: "taskId, position") {
            dependencies[record.taskId, default: []].append(
                Dependency(task: record.prerequisiteId, lagDays: record.lagDays))
        }
        var tasksByPlan: [String: [PlanTask]] = [:]
        let tasks = try db.all(TaskRecord.self, where: "archivedAt IS NULL", order: "position")
        for record in tasks {
            tasksByPlan[record.planId, default: []].append(record.task(dependsOn: dependencies[record.id] ?? []))
        }
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
