import DubanStore
import Hummingbird
import NIOCore

/// Gives the errors Hummingbird raises itself — an unknown path, a body over the limit — the
/// API's one error shape, so clients read every error the same way.
struct ErrorShapeMiddleware: RouterMiddleware {
    typealias Context = DubanRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StoreError where error.code == .unreachable {
            // The database is down or restarting: fail fast, and let the client (or nginx) try again.
            throw APIError(
                .serviceUnavailable, "store_unavailable", error.message,
                fix: "try again shortly; nothing was written")
        } catch is NIOTooManyBytesError {
            throw APIError(
                .contentTooLarge, "too_large", "the body is larger than \(context.maxUploadSize) bytes",
                fix: "send one report at a time")
        } catch let error as HTTPError {
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .contentTooLarge: "too_large"
                case .badRequest: "bad_request"
                case .methodNotAllowed: "method_not_allowed"
                case .unauthorized: "unauthorized"
                case .forbidden: "forbidden"
                default: error.status.code >= 500 ? "internal" : "http_\(error.status.code)"
                }
            let message =
                switch error.status {
                case .notFound: "no such path: \(request.method.rawValue) \(request.uri.path)"
                case .contentTooLarge: "the body is larger than \(context.maxUploadSize) bytes"
                default: error.body ?? error.status.reasonPhrase
                }
            throw APIError(error.status, code, message, fix: error.status == .notFound ? "see /openapi.yaml" : nil)
        }
    }
}
