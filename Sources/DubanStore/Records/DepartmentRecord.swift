import DubanCore
import Foundation
import GRDB

/// A row of `department`: the registry as last loaded; removed departments are archived.
struct DepartmentRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "department"

    var id: String
    var name: String
    var kind: String
    var aliases: [String]
    var channels: [String]
    var position: Int
    var archivedAt: Date?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let position = Column(CodingKeys.position)
        static let archivedAt = Column(CodingKeys.archivedAt)
    }

    init(_ department: Department, position: Int) {
        id = department.id
        name = department.name
        kind = department.kind.rawValue
        aliases = department.aliases
        channels = department.channels
        self.position = position
        archivedAt = nil
    }

    var department: Department {
        Department(
            id: id, name: name, kind: DepartmentKind(rawValue: kind) ?? .department, aliases: aliases,
            channels: channels)
    }
}
