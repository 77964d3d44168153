import DubanCore
import Foundation

/// Who an API token speaks for.
public enum AccessRole: String, Codable, Sendable, CaseIterable, SQLValueConvertible {
    /// The office: everything.
    case office
    /// One department or subdistrict: reports on and acknowledges its own tasks.
    case department
    /// Read only.
    case viewer
}

/// A row of `apiToken`: a bearer token, kept only as the SHA-256 of its text.
public struct APIToken: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "apiToken"
    static let columns = ["id", "hash", "role", "departmentId", "label", "createdAt", "expiresAt", "revokedAt"]

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

    init(row: SQLRow) throws {
        id = try row["id"]
        hash = try row["hash"]
        role = try row["role"]
        departmentId = try row["departmentId"]
        label = try row["label"]
        createdAt = try row["createdAt"]
        expiresAt = try row["expiresAt"]
        revokedAt = try row["revokedAt"]
    }

    var values: [(any SQLValueConvertible)?] {
        [id, hash, role, departmentId, label, createdAt, expiresAt, revokedAt]
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
struct SessionRecord: Codable, Hashable, StoredRecord {
    static let table = "session"
    static let columns = ["hash", "tokenId", "csrf", "createdAt", "expiresAt"]
    static let primaryKey = ["hash"]

    var hash: String
    var tokenId: Int64
    var csrf: String
    var createdAt: Date
    var expiresAt: Date

    init(hash: String, tokenId: Int64, csrf: String, createdAt: Date, expiresAt: Date) {
        self.hash = hash
        self.tokenId = tokenId
        self.csrf = csrf
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    init(row: SQLRow) throws {
        hash = try row["hash"]
        tokenId = try row["tokenId"]
        csrf = try row["csrf"]
        createdAt = try row["createdAt"]
        expiresAt = try row["expiresAt"]
    }

    var values: [(any SQLValueConvertible)?] { [hash, tokenId, csrf, createdAt, expiresAt] }
}

/// A row of `acknowledgement`: a department saying it has received a step's letter.
public struct Acknowledgement: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "acknowledgement"
    static let columns = ["id", "stepId", "departmentId", "actor", "at", "note"]

    public var id: Int64?
    public var stepId: Int64
    public var departmentId: String
    public var actor: String
    public var at: Date
    public var note: String?

    /// Makes an acknowledgement.
    public init(id: Int64? = nil, stepId: Int64, departmentId: String, actor: String, at: Date, note: String?) {
        self.id = id
        self.stepId = stepId
        self.departmentId = departmentId
        self.actor = actor
        self.at = at
        self.note = note
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        stepId = try row["stepId"]
        departmentId = try row["departmentId"]
        actor = try row["actor"]
        at = try row["at"]
        note = try row["note"]
    }

    var values: [(any SQLValueConvertible)?] { [id, stepId, departmentId, actor, at, note] }
}
