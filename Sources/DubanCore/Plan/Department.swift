/// A member department (成员单位) or subdistrict (街道) that leads or supports tasks.
public struct Department: Hashable, Sendable, Codable {
    /// Stable ASCII id, e.g. `emergency`.
    public var id: String
    /// The department's name, e.g. 区应急管理局.
    public var name: String
    /// Department or subdistrict.
    public var kind: DepartmentKind
    /// Other names the department goes by in documents and spreadsheets (应急局).
    public var aliases: [String]
    /// Ids of the notification channels that reach the department.
    public var channels: [String]
    /// Where the department was written.
    public var location: SourceLocation?

    /// Makes a department.
    public init(
        id: String, name: String, kind: DepartmentKind, aliases: [String] = [], channels: [String] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.channels = channels
        self.location = location
    }
}

/// Whether a unit is a district department or a subdistrict.
public enum DepartmentKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A district department or office.
    case department
    /// A subdistrict (街道).
    case subdistrict
}
