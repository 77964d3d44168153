import DubanStore

/// Who is asking: the token behind a bearer header, a session cookie or a calendar link.
public struct Identity: Sendable {
    /// The token.
    public var token: APIToken
    /// The session's CSRF secret, when the request came with a session cookie.
    public var csrf: String?

    public var role: AccessRole { token.role }
    public var department: String? { token.departmentId }
    /// How the audit log names this identity.
    public var actor: String { token.actor }
}
