import DubanCore
import Foundation
import GRDB

extension AppDatabase {
    /// Everything loaded and not archived, as the model: the registry and every plan with its tasks.
    public func planSet() throws -> PlanSet {
        try writer.read { db in try Self.planSet(db) }
    }

    /// The loaded plan with id `id`, with its current tasks, or nil.
    public func plan(_ id: String) throws -> Plan? {
        try writer.read { db in try Self.planSet(db).plans.first { $0.id == id } }
    }

    /// The loaded department registry (without archived departments), or nil when none was loaded.
    public func departments() throws -> [Department]? {
        try writer.read { db in
            let records = try DepartmentRecord.filter(DepartmentRecord.Columns.archivedAt == nil)
                .order(DepartmentRecord.Columns.position).fetchAll(db)
            return records.isEmpty ? nil : records.map(\.department)
        }
    }

    /// The ids of the archived tasks: taken, since loading a task under one brings the old task back
    /// with its progress.
    public func archivedTaskIDs() throws -> Set<String> {
        try writer.read { db in
            Set(
                try String.fetchAll(
                    db, TaskRecord.select(TaskRecord.Columns.id).filter(TaskRecord.Columns.archivedAt != nil)))
        }
    }

    /// The task with id `id`, archived or not, with whether it is archived.
    public func task(_ id: String) throws -> (task: PlanTask, archived: Bool)? {
        try writer.read { db in
            guard let record = try TaskRecord.fetchOne(db, key: id) else { return nil }
            let dependencies = try DependencyRecord.filter(DependencyRecord.Columns.taskId == id)
                .order(DependencyRecord.Columns.position).fetchAll(db)
            return (
                record.task(dependsOn: dependencies.map { Dependency(task: $0.prerequisiteId, lagDays: $0.lagDays) }),
                record.archivedAt != nil
            )
        }
    }

    /// The revisions of task `id`, oldest first.
    public func revisions(of id: String) throws -> [TaskRevision] {
        try writer.read { db in
            try TaskRevision.filter(TaskRevision.Columns.taskId == id).order(TaskRevision.Columns.id).fetchAll(db)
        }
    }

    /// The audit entries about `subject`, oldest first.
    public func audit(subject: String) throws -> [AuditEntry] {
        try writer.read { db in
            try AuditEntry.filter(AuditEntry.Columns.subject == subject).order(AuditEntry.Columns.id).fetchAll(db)
        }
    }

    static func planSet(_ db: Database) throws -> PlanSet {
        let departments = try DepartmentRecord.filter(DepartmentRecord.Columns.archivedAt == nil)
            .order(DepartmentRecord.Columns.position).fetchAll(db).map(\.department)
        var dependencies: [String: [Dependency]] = [:]
        for record in try DependencyRecord.order(DependencyRecord.Columns.taskId, DependencyRecord.Columns.position)
            .fetchAll(db)
        {
            dependencies[record.taskId, default: []].append(
                Dependency(task: record.prerequisiteId, lagDays: record.lagDays))
        }
        var tasksByPlan: [String: [PlanTask]] = [:]
        let tasks = try TaskRecord.filter(TaskRecord.Columns.archivedAt == nil).order(TaskRecord.Columns.position)
            .fetchAll(db)
        for record in tasks {
            tasksByPlan[record.planId, default: []].append(record.task(dependsOn: dependencies[record.id] ?? []))
        }
        var actionsByPlan: [String: [Action]] = [:]
        for record in try ActionRecord.order(ActionRecord.Columns.position).fetchAll(db) {
            actionsByPlan[record.planId, default: []].append(Action(id: record.id, title: record.title))
        }
        var measuresByPlan: [String: [Measure]] = [:]
        for record in try MeasureRecord.order(MeasureRecord.Columns.position).fetchAll(db) {
            measuresByPlan[record.planId, default: []].append(
                Measure(number: record.number, action: record.actionId, title: record.title))
        }
        let plans = try PlanRecord.fetchAll(db).map { record in
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
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT office FROM plan WHERE extends IS NULL AND office IS NOT NULL LIMIT 1")
        }
    }
}
