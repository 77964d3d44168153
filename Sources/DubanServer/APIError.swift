import DubanCore
import DubanStore
import Foundation
import Hummingbird

/// Every error the API answers with, in one shape:
/// `{"error": {"status": 422, "code": "invalid_field", "message": "…", "field": "percent", "fix": "…"}}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code: `bad_request`, `invalid_field`, `unauthorized`, `forbidden`,
    /// `not_found`, `method_not_allowed`, `conflict`, `too_many_requests`, `internal`.
    public var code: String
    public var message: String
    /// The body field (or query parameter) at fault.
    public var field: String?
    public var fix: String?
    /// Headers the answer carries besides its content type, such as `Allow` with a 405.
    public var headers: HTTPFields
    /// Every problem found with a hazard's fields, when there was more than one thing to say.
    public var problems: [HazardError] = []

    public init(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil, fix: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.fix = fix
        self.headers = headers
    }

    /// The store's refusal, answered by its code: 404 for what does not exist, 422 for a bad value,
    /// 409 for a state that does not allow it; the field is the store's, never guessed from the text.
    init(_ refusal: ProgressError) {
        switch refusal.code {
        case .notFound: self.init(.notFound, "not_found", refusal.message, field: refusal.field, fix: refusal.fix)
        case .invalid:
            self.init(.unprocessableContent, "invalid_field", refusal.message, field: refusal.field, fix: refusal.fix)
        case .conflict: self.init(.conflict, "conflict", refusal.message, field: refusal.field, fix: refusal.fix)
        case .forbidden: self.init(.forbidden, "forbidden", refusal.message, field: refusal.field, fix: refusal.fix)
        }
    }

    /// A hazard refused, every problem listed: 409 when its state does not allow the change (the
    /// values do not matter then), else 422; the first such problem is the error's own.
    init(_ refusal: HazardProblems) {
        let conflict = refusal.problems.first { $0.code == .conflict }
        let first = conflict ?? refusal.problems.first
        self.init(
            conflict == nil ? .unprocessableContent : .conflict, conflict == nil ? "invalid_field" : "conflict",
            first?.message ?? "the hazard was refused", field: first?.field, fix: first?.fix)
        problems = refusal.problems
    }

    static func invalid(_ field: String, _ message: String, fix: String? = nil) -> APIError {
        APIError(.unprocessableContent, "invalid_field", message, field: field, fix: fix)
    }

    static func badRequest(_ message: String, fix: String? = nil) -> APIError {
        APIError(.badRequest, "bad_request", message, fix: fix)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, "not_found", message)
    }

    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, "forbidden", message)
    }

    static let unauthorized = APIError(
        .unauthorized, "unauthorized", "a token is needed",
        fix: "send Authorization: Bearer <token> (create one with `duban token create`)")

    /// The error as JSON.
    public var body: Data {
        var error: [String: Any] = ["status": Int(status.code), "code": code, "message": message]
        error["field"] = field ?? NSNull()
        error["fix"] = fix ?? NSNull()
        if !problems.isEmpty {
            error["problems"] = problems.map {
                [
                    "code": $0.code == .conflict ? "conflict" : "invalid_field", "field": $0.field,
                    "message": $0.message,
                    "fix": $0.fix,
                ]
            }
        }
        return (try? JSONSerialization.data(withJSONObject: ["error": error], options: [.sortedKeys])) ?? Data()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"duban\"" }
        headers.append(contentsOf: self.headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
