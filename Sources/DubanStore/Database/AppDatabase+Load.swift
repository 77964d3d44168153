import DubanCore
import Foundation
import GRDB

extension AppDatabase {
    /// Validates `set` and loads it in one transaction: all of it or, on any error, nothing.
    ///
    /// Tasks are matched by id. A task whose definition changed keeps its progress and history and
    /// gets one revision per changed field; a task no longer in its plan is archived, never deleted;
    /// an archived task that comes back is restored.
    ///
    /// - Parameters:
    ///   - set: the departments and plans to check and load.
    ///   - contextPlans: ids of plans in `set` that are only there to resolve `extends` and are not reloaded.
    ///   - loadDepartments: whether `set.departments` is the registry to store (false when it came from the store).
    ///   - files: the files read, for the record.
    ///   - now: the time of the load.
    ///   - actor: who loads.
    /// - Throws: `PlanError` when validation finds errors; database errors otherwise.
    public func load(
        _ set: PlanSet, contextPlans: Set<String> = [], loadDepartments: Bool = true, files: [String], now: Date,
        actor: String
    ) throws -> LoadReport {
        try load(
            PlanValidator.validated(set), contextPlans: contextPlans, loadDepartments: loadDepartments, files: files,
            now: now, actor: actor)
    }

    /// Loads a set already validated, in one transaction; see `load(_:contextPlans:loadDepartments:files:now:actor:)`.
    public func load(
        _ validated: ValidatedPlanSet, contextPlans: Set<String> = [], loadDepartments: Bool = true, files: [String],
        now: Date, actor: String
    ) throws -> LoadReport {
        let set = validated.set
        let warnings = validated.warnings
        var result: LoadReport?
        try writer.writeWithoutTransaction { db in
            try db.inTransaction {
                let report = try Self.load(
                    set, warnings: warnings, contextPlans: contextPlans, loadDepartments: loadDepartments, files: files,
                    now: now, actor: actor, db)
                result = report
                // A load that changes nothing leaves no trace: `duban run` reloads on every run.
                return report.isNoChange && !report.reordered ? .rollback : .commit
            }
        }
        return result!
    }

    private static func load(
        _ set: PlanSet, warnings: [PlanIssue], contextPlans: Set<String>, loadDepartments: Bool, files: [String],
        now: Date, actor: String, _ db: Database
    ) throws -> LoadReport {
        // Plans of one family may depend on each other's tasks in either direction: check references at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        var load = PlanLoadRecord(id: nil, at: now, actor: actor, files: files)
        try load.insert(db)
        var report = LoadReport(loadId: load.id!, plans: [], warnings: warnings)
        if loadDepartments {
            try Self.storeDepartments(set.departments, now: now, into: &report, db)
        }
        var existing: [String: TaskRecord] = [:]
        for record in try TaskRecord.fetchAll(db) { existing[record.id] = record }
        for plan in set.plans where !contextPlans.contains(plan.id) {
            let changes = try Self.store(plan, existing: &existing, load: load, now: now, into: &report, db)
            report.plans.append(changes)
        }
        var audit = AuditEntry(
            id: nil, at: now, actor: actor, action: "plan.load",
            subject: set.plans.filter { !contextPlans.contains($0.id) }.map(\.id).joined(separator: ","),
            detail: Self.summary(report) + " from " + files.joined(separator: ", "))
        try audit.insert(db)
        return report
    }

    private static func storeDepartments(
        _ departments: [Department], now: Date, into report: inout LoadReport, _ db: Database
    ) throws {
        var stored: [String: DepartmentRecord] = [:]
        for record in try DepartmentRecord.fetchAll(db) { stored[record.id] = record }
        for (position, department) in departments.enumerated() {
            let record = DepartmentRecord(department, position: position)
            if let old = stored.removeValue(forKey: department.id) {
                if old != record {
                    try record.update(db)
                    report.reordered = report.reordered || old.position != position
                    var comparable = old
                    comparable.position = position
                    comparable.archivedAt = nil
                    if old.archivedAt != nil {
                        report.departmentsRestored.append(department.id)
                    } else if comparable != record {
                        report.departmentsChanged.append(department.id)
                    }
                }
            } else {
                try record.insert(db)
                report.departmentsAdded.append(department.id)
            }
        }
        for var old in stored.values.sorted(by: { $0.position < $1.position }) where old.archivedAt == nil {
            old.archivedAt = now
            try old.update(db)
            report.departmentsArchived.append(old.id)
        }
    }

    private static func store(
        _ plan: Plan, existing: inout [String: TaskRecord], load: PlanLoadRecord, now: Date,
        into report: inout LoadReport, _ db: Database
    ) throws -> LoadReport.PlanChanges {
        let oldRecord = try PlanRecord.fetchOne(db, key: plan.id)
        let oldActions = try ActionRecord.filter(ActionRecord.Columns.planId == plan.id)
            .order(ActionRecord.Columns.position).fetchAll(db).map { [$0.id, $0.title] }
        let oldMeasures = try MeasureRecord.filter(MeasureRecord.Columns.planId == plan.id)
            .order(MeasureRecord.Columns.position).fetchAll(db).map { [String($0.number), $0.actionId, $0.title] }
        try PlanRecord(
            id: plan.id, title: plan.title, extends: plan.extends, start: plan.start, end: plan.end,
            office: plan.office,
            file: plan.location?.file, loadedAt: now
        ).save(db)
        try ActionRecord.filter(ActionRecord.Columns.planId == plan.id).deleteAll(db)
        for (position, action) in plan.actions.enumerated() {
            try ActionRecord(planId: plan.id, id: action.id, title: action.title, position: position).insert(db)
        }
        try MeasureRecord.filter(MeasureRecord.Columns.planId == plan.id).deleteAll(db)
        for (position, measure) in plan.measures.enumerated() {
            try MeasureRecord(
                planId: plan.id, number: measure.number, actionId: measure.action, title: measure.title,
                position: position
            )
            .insert(db)
        }

        let newRecord = try PlanRecord.fetchOne(db, key: plan.id)
        var changes = LoadReport.PlanChanges(plan: plan.id, isNew: oldRecord == nil)
        changes.headerChanged =
            oldRecord != nil
            && (oldRecord?.withoutLoadTime != newRecord?.withoutLoadTime
                || oldActions != plan.actions.map { [$0.id, $0.title] }
                || oldMeasures != plan.measures.map { [String($0.number), $0.action, $0.title] })
        let loadId = load.id!
        let revisionStatement = try db.cachedStatement(
            sql: """
                INSERT INTO taskRevision (taskId, revision, loadId, field, oldValue, newValue, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let at = now.databaseValue  // formatted once: a date formatter per row cost a tenth of a large load
        func revise(_ id: String, _ revision: Int, _ field: String, _ old: String?, _ new: String?) throws {
            try revisionStatement.execute(arguments: [id, revision, loadId, field, old, new, at])
        }
        var inFile: Set<String> = []
        inFile.reserveCapacity(plan.tasks.count)
        var added: [TaskRecord] = []
        for (position, task) in plan.tasks.enumerated() {
            inFile.insert(task.id)
            var record = TaskRecord(task, position: position)
            guard let old = existing[task.id] else {
                added.append(record)
                existing[task.id] = record
                changes.added.append(task.id)
                continue
            }
            record.revision = old.revision
            var fields: [LoadReport.FieldChange] = []
            for ((name, oldValue), (_, newValue)) in zip(old.comparableFields, record.comparableFields)
            where oldValue != newValue {
                fields.append(LoadReport.FieldChange(field: name, old: oldValue, new: newValue))
            }
            let wasArchived = old.archivedAt != nil
            if !fields.isEmpty || wasArchived {
                record.revision = old.revision + 1
                for field in fields { try revise(task.id, record.revision, field.field, field.old, field.new) }
                if wasArchived {
                    try revise(task.id, record.revision, "restored", old.archivedAt.map { "\($0)" }, nil)
                    changes.restored.append(task.id)
                }
                if !fields.isEmpty { changes.changed.append((task.id, fields)) }
            } else {
                changes.unchanged += 1
            }
            if record != old {
                try record.update(db)
                report.reordered = report.reordered || record.position != old.position
            }
            existing[task.id] = record
        }
        // New tasks go in through one prepared statement; their "added" revision marks the load that brought them.
        try TaskRecord.insertAll(added, db)
        for record in added { try revise(record.id, 1, "added", nil, record.due.description) }
        for var record in existing.values
        where record.planId == plan.id && !inFile.contains(record.id) && record.archivedAt == nil {
            record.archivedAt = now
            record.revision += 1
            try record.update(db)
            try revise(record.id, record.revision, "archived", nil, now.description)
            existing[record.id] = record
            changes.archived.append(record.id)
        }
        changes.archived.sort()

        try db.execute(
            sql: "DELETE FROM dependency WHERE taskId IN (SELECT id FROM task WHERE planId = ?)", arguments: [plan.id])
        let dependencyStatement = try db.cachedStatement(
            sql: "INSERT INTO dependency (taskId, prerequisiteId, lagDays, position) VALUES (?, ?, ?, ?)")
        for task in plan.tasks {
            for (position, dependency) in task.dependsOn.enumerated() {
                try dependencyStatement.execute(arguments: [task.id, dependency.task, dependency.lagDays, position])
            }
        }
        return changes
    }

    static func summary(_ report: LoadReport) -> String {
        report.plans.map { plan in
            "\(plan.plan): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.archived.count) archived, "
                + "\(plan.restored.count) restored, \(plan.unchanged) unchanged"
        }.joined(separator: "; ")
    }
}
