import DubanStore
import Foundation
import Hummingbird

/// Names who is asking, from `Authorization: Bearer`, the session cookie (pages only: the JSON API
/// takes bearer tokens, so a page elsewhere cannot make a browser write through it), or (calendar
/// feeds only) `?token=`. It never refuses: routes that need someone ask `requireIdentity()`.
struct Authenticator: RouterMiddleware {
    typealias Context = DubanRequestContext
    static let cookie = "duban_session"

    let environment: ServerEnvironment

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let now = environment.now()
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "),
                let token = try await environment.token(
                    hash: TokenText.hash(
                        String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)),
                    at: now)
            else {
                throw APIError(
                    .unauthorized, "unauthorized", "the bearer token is unknown, revoked or expired",
                    fix: "ask the office for a new token (`duban token create`)")
            }
            context.identity = Identity(token: token, csrf: nil)
        } else if !request.uri.path.hasPrefix("/api/"), let value = request.cookies[Self.cookie]?.value,
            let session = try await environment.store({ try $0.session(hash: TokenText.hash(value), at: now) })
        {
            context.identity = Identity(token: session.token, csrf: session.csrf)
        } else if request.uri.path.hasPrefix("/api/calendars/"), let text = request.uri.queryParameters["token"],
            let token = try await environment.token(hash: TokenText.hash(String(text)), at: now)
        {
            context.identity = Identity(token: token, csrf: nil)
        }
        return try await next(request, context)
    }
}
