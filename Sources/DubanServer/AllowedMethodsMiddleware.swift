import Hummingbird

/// Answers a method that a known path does not take with 405 and `Allow`, as RFC 9110 asks, where
/// Hummingbird's router answers 404. Added after every route, it stands only in front of the
/// router's not-found responder: a request some route answers never reaches it.
struct AllowedMethodsMiddleware: RouterMiddleware {
    typealias Context = DubanRequestContext

    /// Every route's path, with the methods it takes.
    let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]

    init(routes: [Router<Context>.RouteDescription]) {
        var grouped: [(path: RouterPath, methods: Set<HTTPRequest.Method>)] = []
        for route in routes {
            if let index = grouped.firstIndex(where: { $0.path == route.path }) {
                grouped[index].methods.insert(route.method)
            } else {
                grouped.append((route.path, [route.method]))
            }
        }
        self.routes = grouped
    }

    /// The methods the routes matching `path` take, HEAD with GET as the router adds it, in
    /// alphabetical order; empty when no route matches.
    func allowed(_ path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods = Set<HTTPRequest.Method>()
        for route in routes where route.path.count == parts.count && zip(route.path, parts).allSatisfy({ $0 ~= $1 }) {
            methods.formUnion(route.methods)
        }
        if methods.contains(.get) { methods.insert(.head) }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = allowed(request.uri.path)
            guard !allowed.isEmpty else { throw error }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, "method_not_allowed",
                "\(request.uri.path) does not take \(request.method.rawValue); it takes \(list)",
                fix: "send \(list) (see /openapi.yaml)", headers: [.allow: list])
        }
    }
}
