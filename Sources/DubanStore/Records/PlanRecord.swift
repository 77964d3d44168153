import DubanCore
import Foundation

/// A row of `plan`: a loaded plan's header.
struct PlanRecord: Hashable, StoredRecord {
    static let table = "plan"
    static let columns = ["id", "title", "extends", "start", "\"end\"", "office", "file", "loadedAt"]

    var id: String
    var title: String
    var extends: String?
    var start: Day
    var end: Day
    var office: String?
    var file: String?
    var loadedAt: Date

    init(
        id: String, title: String, extends: String?, start: Day, end: Day, office: String?, file: String?,
        loadedAt: Date
    ) {
        self.id = id
        self.title = title
        self.extends = extends
        self.start = start
        self.end = end
        self.office = office
        self.file = file
        self.loadedAt = loadedAt
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        title = try row["title"]
        extends = try row["extends"]
        start = try row["start"]
        end = try row["end"]
        office = try row["office"]
        file = try row["file"]
        loadedAt = try row["loadedAt"]
    }

    var values: [(any SQLValueConvertible)?] { [id, title, extends, start, end, office, file, loadedAt] }

    /// The record with its load time cleared, to compare what a plan file says.
    var withoutLoadTime: PlanRecord {
        var copy = self
        copy.loadedAt = Date(timeIntervalSince1970: 0)
        return copy
    }
}

/// A row of `action`, keyed by its plan and id.
struct ActionRecord: Hashable, StoredRecord {
    static let table = "action"
    static let columns = ["planId", "id", "title", "position"]
    static let primaryKey = ["planId", "id"]

    var planId: String
    var id: String
    var title: String
    var position: Int

    init(planId: String, id: String, title: String, position: Int) {
        self.planId = planId
        self.id = id
        self.title = title
        self.position = position
    }

    init(row: SQLRow) throws {
        planId = try row["planId"]
        id = try row["id"]
        title = try row["title"]
        position = try row["position"]
    }

    var values: [(any SQLValueConvertible)?] { [planId, id, title, position] }
}

/// A row of `measure`, keyed by its plan and number.
struct MeasureRecord: Hashable, StoredRecord {
    static let table = "measure"
    static let columns = ["planId", "number", "actionId", "title", "position"]
    static let primaryKey = ["planId", "number"]

    var planId: String
    var number: Int
    var actionId: String
    var title: String
    var position: Int

    init(planId: String, number: Int, actionId: String, title: String, position: Int) {
        self.planId = planId
        self.number = number
        self.actionId = actionId
        self.title = title
        self.position = position
    }

    init(row: SQLRow) throws {
        planId = try row["planId"]
        number = try row["number"]
        actionId = try row["actionId"]
        title = try row["title"]
        position = try row["position"]
    }

    var values: [(any SQLValueConvertible)?] { [planId, number, actionId, title, position] }
}
