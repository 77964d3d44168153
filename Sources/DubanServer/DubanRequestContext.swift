import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage and who is asking.
public struct DubanRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `Authenticator` when a token, session or calendar link names someone.
    public var identity: Identity?
    /// The peer's IP address (nginx's, behind a proxy); nil in route tests without a connection.
    public var peer: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        peer = source.channel.remoteAddress?.ipAddress
    }

    /// A progress report or decision is small; a megabyte is plenty.
    public var maxUploadSize: Int { 1 << 20 }

    /// The identity, or 401.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthorized }
        return identity
    }
}
