import DubanCore
import Foundation

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
        return try engine.transaction { db in
            // Two instances loading at once take turns: the second compares with what the first stored.
            try db.hold(.planLoad)
            let report = try Self.load(
                set, warnings: warnings, contextPlans: contextPlans, loadDepartments: loadDepartments, files: files,
                now: now, actor: actor, db)
            // A load that changes nothing leaves no trace: `duban run` reloads on every run.
            return (report, !(report.isNoChange && !report.reordered))
        }
    }

    private static func load(
        _ set: PlanSet, warnings: [PlanIssue], contextPlans: Set<String>, loadDepartments: Bool, files: [String],
        now: Date, actor: String, _ db: any StoreConnection
    ) throws -> LoadReport {
        // Plans of one family may depend on each other's tasks in either direction: check references at
        // commit (PostgreSQL's references are declared so).
        if db.dialect == .sqlite { try db.execute("PRAGMA defer_foreign_keys = ON") }
        var load = PlanLoadRecord(id: nil, at: now, actor: actor, files: files)
        try db.insert(&load)
        var report = LoadReport(loadId: load.id!, plans: [], warnings: warnings)
        if loadDepartments {
            try Self.storeDepartments(set.departments, now: now, into: &report, db)
        }
        var existing = try StoredTasks(db)
        try Self.indexingAfterwards(fresh: existing.wasEmpty, db) {
            for plan in set.plans where !contextPlans.contains(plan.id) {
                let changes = try Self.store(plan, existing: &existing, load: load, now: now, into: &report, db)
                report.plans.append(changes)
            }
        }
        var audit = AuditEntry(
            id: nil, at: now, actor: actor, action: "plan.load",
            subject: set.plans.filter { !contextPlans.contains($0.id) }.map(\.id).joined(separator: ","),
            detail: Self.summary(report) + " from " + files.joined(separator: ", "))
        try db.insert(&audit)
        return report
    }

    private static func storeDepartments(
        _ departments: [Department], now: Date, into report: inout LoadReport, _ db: any StoreConnection
    ) throws {
        var stored: [String: DepartmentRecord] = [:]
        for record in try db.all(DepartmentRecord.self) { stored[record.id] = record }
        for (position, department) in departments.enumerated() {
            let record = DepartmentRecord(department, position: position)
            if let old = stored.removeValue(forKey: department.id) {
                if old != record {
                    try db.update(record)
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
                try db.insert(record)
                report.departmentsAdded.append(department.id)
            }
        }
        for var old in stored.values.sorted(by: { $0.position < $1.position }) where old.archivedAt == nil {
            old.archivedAt = now
            try db.update(old)
            report.departmentsArchived.append(old.id)
        }
    }

    private static func store(
        _ plan: Plan, existing: inout StoredTasks, load: PlanLoadRecord, now: Date,
        into report: inout LoadReport, _ db: any StoreConnection
    ) throws -> LoadReport.PlanChanges {
        let oldRecord = try db.find(PlanRecord.self, key: plan.id)
        let oldActions = try db.all(ActionRecord.self, where: "planId = ?", [plan.id], order: "position")
            .map { [$0.id, $0.title] }
        let oldMeasures = try db.all(MeasureRecord.self, where: "planId = ?", [plan.id], order: "position")
            .map { [String($0.number), $0.actionId, $0.title] }
        try db.save(
            PlanRecord(
                id: plan.id, title: plan.title, extends: plan.extends, start: plan.start, end: plan.end,
                office: plan.office, file: plan.location?.file, loadedAt: now))
        try db.execute("DELETE FROM action WHERE planId = ?", [plan.id])
        try db.insertAll(
            plan.actions.enumerated().map { position, action in
                ActionRecord(planId: plan.id, id: action.id, title: action.title, position: position)
            })
        try db.execute("DELETE FROM measure WHERE planId = ?", [plan.id])
        try db.insertAll(
            plan.measures.enumerated().map { position, measure in
                MeasureRecord(
                    planId: plan.id, number: measure.number, actionId: measure.action, title: measure.title,
                    position: position)
            })

        let newRecord = try db.find(PlanRecord.self, key: plan.id)
        var changes = LoadReport.PlanChanges(plan: plan.id, isNew: oldRecord == nil)
        changes.headerChanged =
            oldRecord != nil
            && (oldRecord?.withoutLoadTime != newRecord?.withoutLoadTime
                || oldActions != plan.actions.map { [$0.id, $0.title] }
                || oldMeasures != plan.measures.map { [String($0.number), $0.action, $0.title] })
        let loadId = load.id!
        let at = StoredTime.text(now)  // formatted once
        // Revisions are written many a statement, after the tasks they name.
        var revisions: [(task: String, revision: Int, field: String, old: String?, new: String?)] = []
        func revise(_ id: String, _ revision: Int, _ field: String, _ old: String?, _ new: String?) {
            revisions.append((id, revision, field, old, new))
        }
        var added: [TaskRecord] = []
        added.reserveCapacity(plan.tasks.count)
        for (position, task) in plan.tasks.enumerated() {
            var record = TaskRecord(task, position: position)
            guard let old = existing.records[task.id] else {
                // Not kept in `existing`: ids are unique in a validated set, so no later plan of
                // the load looks for it, and it cannot have left this plan.
                added.append(record)
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
                for field in fields { revise(task.id, record.revision, field.field, field.old, field.new) }
                if wasArchived {
                    revise(task.id, record.revision, "restored", old.archivedAt.map { "\($0)" }, nil)
                    changes.restored.append(task.id)
                }
                if !fields.isEmpty { changes.changed.append((task.id, fields)) }
            } else {
                changes.unchanged += 1
            }
            if record != old {
                try db.update(record)
                report.reordered = report.reordered || record.position != old.position
            }
            existing.records[task.id] = record
        }
        // New tasks go in many a statement; their "added" revision marks the load that brought them.
        try db.insertAll(added)
        for record in added { revise(record.id, 1, "added", nil, record.due.description) }
        // Only tasks stored in this plan before the load can have left it; an earlier plan of the
        // load may have taken one over, and then it is that plan's.
        let stored = existing.idsByPlan[plan.id] ?? []
        let inFile = stored.isEmpty ? [] : Set(plan.tasks.lazy.map(\.id))
        for id in stored where !inFile.contains(id) {
            guard var record = existing.records[id], record.planId == plan.id, record.archivedAt == nil else {
                continue
            }
            record.archivedAt = now
            record.revision += 1
            try db.update(record)
            revise(record.id, record.revision, "archived", nil, now.description)
            existing.records[record.id] = record
            changes.archived.append(record.id)
        }
        changes.archived.sort()

        try db.insertRowsWithNewIDs(
            table: "taskRevision", columns: ["taskId", "revision", "loadId", "field", "oldValue", "newValue", "at"],
            count: revisions.count
        ) { index, values in
            let revision = revisions[index]
            values.append(.text(revision.task))
            values.append(revision.revision.sqlValue)
            values.append(.integer(loadId))
            values.append(.text(revision.field))
            values.append(revision.old.sqlValue)
            values.append(revision.new.sqlValue)
            values.append(.text(at))
        }

        // A store that had no tasks has no dependencies to replace: the query would still read every task.
        if !existing.wasEmpty {
            try db.execute("DELETE FROM dependency WHERE taskId IN (SELECT id FROM task WHERE planId = ?)", [plan.id])
        }
        try db.insertAll(
            plan.tasks.flatMap { task in
                task.dependsOn.enumerated().map { position, dependency in
                    DependencyRecord(
                        taskId: task.id, prerequisiteId: dependency.task, lagDays: dependency.lagDays,
                        position: position)
                }
            })
        return changes
    }

    /// The tasks stored before a load, and each as the load has left it so far.
    private struct StoredTasks {
        /// Every stored task by id: as stored, then as each plan of the load wrote it.
        var records: [String: TaskRecord]
        /// The ids of each plan's tasks as stored before the load, in table order.
        let idsByPlan: [String: [String]]
        /// Whether the store had no tasks at all: the load adds no task to `records`.
        var wasEmpty: Bool { records.isEmpty }

        /// Reads the stored tasks.
        init(_ db: any StoreConnection) throws {
            // Room for every stored task at once: growing it was a tenth of a large load.
            var records: [String: TaskRecord] = [:]
            records.reserveCapacity(try db.value(Int.self, "SELECT COUNT(*) FROM task") ?? 0)
            var idsByPlan: [String: [String]] = [:]
            try db.each(TaskRecord.self) { record in
                records[record.id] = record
                idsByPlan[record.planId, default: []].append(record.id)
            }
            (self.records, self.idsByPlan) = (records, idsByPlan)
        }
    }

    /// Runs `body`, which fills a store that had no tasks, with the task tables' own indexes dropped
    /// first and made again after, in the same transaction (on SQLite; elsewhere it just runs `body`).
    ///
    /// Made once from the rows, an index is sorted; kept while a million rows go in, it takes each
    /// one where its key falls (BENCHMARKS.md: a quarter of a million-task load, 5 % of a whole
    /// 100,000-task `plan load`). Keys a table declares (its primary and unique keys) stay: they are
    /// what finds a repeated id. A failed load rolls the drop back with the rest.
    static func indexingAfterwards(
        fresh: Bool, _ db: any StoreConnection, _ body: () throws -> Void
    ) throws {
        guard fresh, db.dialect == .sqlite else { return try body() }
        let indexes = try db.rows(
            """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('task', 'taskRevision', 'dependency')
            ORDER BY name
            """
        ).map { (name: try $0["name"] as String, sql: try $0["sql"] as String) }
        for index in indexes { try db.execute("DROP INDEX \(index.name)") }
        try body()
        for index in indexes { try db.execute(index.sql) }
    }

    static func summary(_ report: LoadReport) -> String {
        report.plans.map { plan in
            "\(plan.plan): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.archived.count) archived, "
                + "\(plan.restored.count) restored, \(plan.unchanged) unchanged"
        }.joined(separator: "; ")
    }
}
