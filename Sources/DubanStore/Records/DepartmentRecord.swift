import DubanCore
import Foundation

/// A row of `department`: the registry as last loaded; removed departments are archived.
struct DepartmentRecord: Hashable, StoredRecord {
    static let table = "department"
    static let columns = ["id", "name", "kind", "aliases", "channels", "position", "archivedAt"]

    var id: String
    var name: String
    var kind: String
    var aliases: [String]
    var channels: [String]
    var position: Int
    var archivedAt: Date?

    init(row: SQLRow) throws {
        id = try row["id"]
        name = try row["name"]
        kind = try row["kind"]
        aliases = (try row["aliases"] as StoredList).items
        channels = (try row["channels"] as StoredList).items
        position = try row["position"]
        archivedAt = try row["archivedAt"]
        guard DepartmentKind(rawValue: kind) != nil else {
            throw StoreError.unreadableValue(column: "department.kind", value: .text(kind), as: "department kind")
        }
    }

    var values: [(any SQLValueConvertible)?] {
        [id, name, kind, StoredList(items: aliases), StoredList(items: channels), position, archivedAt]
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
