import DubanCore
import Foundation
import GRDB

/// A row of `plan`: a loaded plan's header.
struct PlanRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "plan"

    var id: String
    var title: String
    var extends: String?
    var start: Day
    var end: Day
    var office: String?
    var file: String?
    var loadedAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    /// The record with its load time cleared, to compare what a plan file says.
    var withoutLoadTime: PlanRecord {
        var copy = self
        copy.loadedAt = Date(timeIntervalSince1970: 0)
        return copy
    }
}

/// A row of `action`, keyed by its plan and id.
struct ActionRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "action"

    var planId: String
    var id: String
    var title: String
    var position: Int

    enum Columns {
        static let planId = Column(CodingKeys.planId)
        static let position = Column(CodingKeys.position)
    }
}

/// A row of `measure`, keyed by its plan and number.
struct MeasureRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "measure"

    var planId: String
    var number: Int
    var actionId: String
    var title: String
    var position: Int

    enum Columns {
        static let planId = Column(CodingKeys.planId)
        static let position = Column(CodingKeys.position)
    }
}
