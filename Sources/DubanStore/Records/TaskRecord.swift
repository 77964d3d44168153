import DubanCore
import Foundation

/// A row of `task`: a task's current definition. Its earlier values live in `taskRevision`;
/// a task removed from its plan is archived (`archivedAt`), never deleted, so its progress stays.
struct TaskRecord: Hashable, StoredRecord {
    static let table = "task"
    static var columns: [String] { columnNames }

    var id: String
    var planId: String
    var actionId: String
    var measure: Int?
    var kind: String
    var title: String
    var lead: String
    var support: [String]
    /// The explicit start (`start:`), or the window start of an obligation.
    var start: Day?
    /// The start the deadline phrase names ("2024年" → 2024-01-01).
    var phraseStart: Day?
    /// The due day, or the last day of an obligation's window.
    var due: Day
    /// The deadline as written (`due:` or an obligation's `until:`).
    var dueText: String?
    var every: String?
    var highRiskEvery: String?
    var times: Int?
    var targetMetric: String?
    var targetOp: String?
    var targetValue: Double?
    var targetUnit: String?
    var source: String?
    var file: String?
    var line: Int?
    var position: Int
    var revision: Int
    var archivedAt: Date?
    /// The hazard-ledger goal the task's progress comes from (JSON), or nil.
    var ledger: String?

    /// The columns in table order, for the bulk insert statement.
    static let columnNames = [
        "id", "planId", "actionId", "measure", "kind", "title", "lead", "support", "start", "phraseStart", "due",
        "dueText", "every", "highRiskEvery", "times", "targetMetric", "targetOp", "targetValue", "targetUnit",
        "source", "file", "line", "position", "revision", "archivedAt", "ledger",
    ]

    /// `SELECT` of the columns an evaluation reads, the others (title, source, file, line, the
    /// deadline as written) as empty values in their places, so `init(row:)` reads either: those are
    /// most of a task's bytes, and an evaluation prints none of them.
    static let evaluationSelection: String = {
        // The deadline's text is the day itself (ten bytes, held inline), not the phrase as written.
        let skipped = ["title": "''", "dueText": "due", "source": "NULL", "file": "NULL", "line": "NULL"]
        let columns = columnNames.map { name in skipped[name].map { "\($0) AS \(name)" } ?? name }
        return "SELECT \(columns.joined(separator: ", ")) FROM \(table)"
    }()

    /// The values in `columnNames` order. Support ids are stored comma-separated: ids never hold a comma.
    var values: [(any SQLValueConvertible)?] {
        [
            id, planId, actionId, measure, kind, title, lead, support.joined(separator: ","), start, phraseStart, due,
            dueText, every, highRiskEvery, times, targetMetric, targetOp, targetValue, targetUnit, source, file, line,
            position, revision, archivedAt, ledger,
        ]
    }

    /// `values`, appended without an array or a box a value: what a large load writes.
    func appendValues(to values: inout [SQLValue]) {
        values.append(.text(id))
        values.append(.text(planId))
        values.append(.text(actionId))
        values.append(measure.sqlValue)
        values.append(.text(kind))
        values.append(.text(title))
        values.append(.text(lead))
        values.append(.text(support.count == 1 ? support[0] : support.joined(separator: ",")))
        values.append(start.sqlValue)
        values.append(phraseStart.sqlValue)
        values.append(due.sqlValue)
        values.append(dueText.sqlValue)
        values.append(every.sqlValue)
        values.append(highRiskEvery.sqlValue)
        values.append(times.sqlValue)
        values.append(targetMetric.sqlValue)
        values.append(targetOp.sqlValue)
        values.append(targetValue.sqlValue)
        values.append(targetUnit.sqlValue)
        values.append(source.sqlValue)
        values.append(file.sqlValue)
        values.append(line.sqlValue)
        values.append(position.sqlValue)
        values.append(revision.sqlValue)
        values.append(archivedAt.sqlValue)
        values.append(ledger.sqlValue)
    }

    // Read by position (the selection lists `columnNames` in order): by name cost a tenth of a large load.
    init(row: SQLRow) throws {
        id = try row[0]
        planId = try row[1]
        actionId = try row[2]
        measure = try row[3]
        kind = try row[4]
        title = try row[5]
        lead = try row[6]
        let supportText: String = try row[7]
        support = supportText.isEmpty ? [] : supportText.split(separator: ",").map(String.init)
        start = try row[8]
        phraseStart = try row[9]
        due = try row[10]
        dueText = try row[11]
        every = try row[12]
        highRiskEvery = try row[13]
        times = try row[14]
        targetMetric = try row[15]
        targetOp = try row[16]
        targetValue = try row[17]
        targetUnit = try row[18]
        source = try row[19]
        file = try row[20]
        line = try row[21]
        position = try row[22]
        revision = try row[23]
        archivedAt = try row[24]
        ledger = try row[25]
        // A value this build does not know is an error, never a default (a task silently a milestone).
        if TaskKind(rawValue: kind) == nil { throw Self.unknown("kind", kind, "task kind") }
        if let targetOp, Comparison(rawValue: targetOp) == nil {
            throw Self.unknown("targetOp", targetOp, "comparison")
        }
        if let every, Frequency(rawValue: every) == nil { throw Self.unknown("every", every, "frequency") }
        if let highRiskEvery, Frequency(rawValue: highRiskEvery) == nil {
            throw Self.unknown("highRiskEvery", highRiskEvery, "frequency")
        }
        if let ledger, (try? JSONDecoder().decode(LedgerGoal.self, from: Data(ledger.utf8))) == nil {
            throw Self.unknown("ledger", ledger, "ledger goal")
        }
    }

    private static func unknown(_ column: String, _ text: String, _ what: String) -> StoreError {
        StoreError.unreadableValue(column: "task.\(column)", value: .text(text), as: what)
    }

    init(_ task: PlanTask, position: Int) {
        id = task.id
        planId = task.plan
        actionId = task.action
        measure = task.measure
        kind = task.kind.rawValue
        title = task.title
        lead = task.lead
        support = task.support
        source = task.source
        file = task.location?.file
        line = task.location?.line
        self.position = position
        revision = 1
        archivedAt = nil
        ledger = task.ledger.flatMap { try? StoredJSON.text($0) }
        start = nil
        phraseStart = nil
        dueText = nil
        every = nil
        highRiskEvery = nil
        times = nil
        targetMetric = nil
        targetOp = nil
        targetValue = nil
        targetUnit = nil
        switch task.schedule {
        case .milestone(let start, let due):
            self.start = start
            phraseStart = due.start
            self.due = due.due
            dueText = due.text
        case .target(let start, let due, let threshold):
            self.start = start
            phraseStart = due.start
            self.due = due.due
            dueText = due.text
            targetMetric = threshold.metric
            targetOp = threshold.comparison.rawValue
            targetValue = threshold.value
            targetUnit = threshold.unit
        case .obligation(let obligation):
            start = obligation.start
            due = obligation.end
            every = obligation.every.rawValue
            highRiskEvery = obligation.highRiskEvery?.rawValue
            times = obligation.times
        }
    }

    /// The task as the model knows it; dependencies are attached by the caller.
    consuming func task(dependsOn: [Dependency]) -> PlanTask {
        let schedule: Schedule
        let deadline = DeadlinePhrase(text: dueText ?? due.description, start: phraseStart, due: due)
        switch TaskKind(rawValue: kind) ?? .milestone {
        case .milestone:
            schedule = .milestone(start: start, due: deadline)
        case .target:
            let threshold = Threshold(
                metric: targetMetric ?? "", comparison: Comparison(rawValue: targetOp ?? ">=") ?? .atLeast,
                value: targetValue ?? 0, unit: targetUnit ?? "")
            schedule = .target(start: start, due: deadline, threshold: threshold)
        case .obligation:
            schedule = .obligation(
                Obligation(
                    every: every.flatMap(Frequency.init(rawValue:)) ?? .year,
                    highRiskEvery: highRiskEvery.flatMap(Frequency.init(rawValue:)), times: times ?? 1,
                    start: start ?? due, end: due))
        }
        return PlanTask(
            id: id, title: title, plan: planId, action: actionId, measure: measure, lead: lead, support: support,
            schedule: schedule, dependsOn: dependsOn, source: source,
            location: file.map { SourceLocation(file: $0, line: line ?? 1, column: 1) },
            ledger: ledger.flatMap { try? JSONDecoder().decode(LedgerGoal.self, from: Data($0.utf8)) })
    }

    /// The fields a reload compares, by the names revisions record, with their values as text.
    var comparableFields: KeyValuePairs<String, String?> {
        [
            "plan": planId, "action": actionId, "measure": measure.map(String.init), "kind": kind, "title": title,
            "lead": lead, "support": support.joined(separator: ","), "start": start?.description,
            "phrase_start": phraseStart?.description, "due": due.description, "due_text": dueText, "every": every,
            "high_risk_every": highRiskEvery, "times": times.map(String.init), "target_metric": targetMetric,
            "target_op": targetOp, "target_value": targetValue.map { String($0) }, "target_unit": targetUnit,
            "source": source, "progress": ledger,
        ]
    }
}

/// A row of `dependency`: `taskId` cannot be done before `prerequisiteId`, plus `lagDays`.
struct DependencyRecord: Hashable, StoredRecord {
    static let table = "dependency"
    static let columns = ["taskId", "prerequisiteId", "lagDays", "position"]
    static let primaryKey = ["taskId", "prerequisiteId"]

    var taskId: String
    var prerequisiteId: String
    var lagDays: Int
    var position: Int

    init(taskId: String, prerequisiteId: String, lagDays: Int, position: Int) {
        self.taskId = taskId
        self.prerequisiteId = prerequisiteId
        self.lagDays = lagDays
        self.position = position
    }

    // By position, as `columns` lists them (`selection`): read for every task of a large plan.
    init(row: SQLRow) throws {
        taskId = try row[0]
        prerequisiteId = try row[1]
        lagDays = try row[2]
        position = try row[3]
    }

    var values: [(any SQLValueConvertible)?] { [taskId, prerequisiteId, lagDays, position] }

    func appendValues(to values: inout [SQLValue]) {
        values.append(.text(taskId))
        values.append(.text(prerequisiteId))
        values.append(lagDays.sqlValue)
        values.append(position.sqlValue)
    }
}
