import DubanCore
import Foundation
import GRDB

/// Who an API token speaks for.
public enum AccessRole: String, Codable, Sendable, CaseIterable {
    /// The office: everything.
    case office
    /// One department or subdistrict: reports on and acknowledges its own tasks.
    case department
    /// Read only.
    case viewer
}

/// A row of `apiToken`: a bearer token, kept only as the SHA-256 of its text.
public struct APIToken: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "apiToken"

    /// Row id; audit entries name the token by it.
    public var id: Int64?
    /// SHA-256 of the token's text, hex.
    public var hash: String
    public var role: AccessRole
    /// The department a department token speaks for.
    public var departmentId: String?
    /// What the token is for, e.g. a person's name.
    public var label: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    /// Makes a token row.
    public init(
        id: Int64? = nil, hash: String, role: AccessRole, departmentId: String?, label: String, createdAt: Date,
        expiresAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.hash = hash
        self.role = role
        self.departmentId = departmentId
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Whether the token may be used at `now`.
    public func isValid(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// How audit entries name whoever used the token: `token 3 (department emergency: 张三)`.
    public var actor: String {
        "token \(id ?? 0) (\(role.rawValue)\(departmentId.map { " \($0)" } ?? ""): \(label))"
    }
}

/// A row of `session`: a browser login, kept as the SHA-256 of the cookie's value.
struct SessionRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"

    var hash: String
    var tokenId: Int64
    var csrf: String
    var createdAt: Date
    var expiresAt: Date
}

/// A row of `acknowledgement`: a department saying it has received a step's letter.
public struct Acknowledgement: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "acknowledgement"

    public var id: Int64?
    public var stepId: Int64
    public var departmentId: String
    public var actor: String
    public var at: Date
    public var note: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
