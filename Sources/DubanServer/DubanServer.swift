import DubanDocs
import DubanNotify
import DubanStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `duban serve`: the HTTP API and dashboard, the scheduler and the dispatcher in one process,
/// shut down together and gracefully on SIGTERM.
public enum DubanServer {
    /// Every route: health, metrics, the OpenAPI document, the JSON API and the dashboard.
    ///
    /// - Throws: `DocumentError` when the bundled `openapi.yaml` is missing: a server that cannot
    ///   describe its API does not start.
    public static func router(environment: ServerEnvironment) throws -> Router<DubanRequestContext> {
        let openAPI = try OpenAPIDocument.load()
        let router = Router(context: DubanRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: environment.metrics))
        router.add(middleware: ErrorShapeMiddleware())
        router.add(middleware: Authenticator(environment: environment))
        // The store's engine and whether it answers: a load balancer takes an instance whose
        // database is unreachable out of rotation (503) until it answers again.
        router.get("healthz") { _, _ in
            let engine = environment.database.location.engine
            do {
                _ = try await environment.store { try $0.firstLoad() }
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string: #"{"status":"ok","database":{"engine":"\#(engine)","status":"ok"}}"#)))
            } catch let error as StoreError where error.code == .unreachable {
                return Response(
                    status: .serviceUnavailable, headers: [.contentType: "application/json"],
                    body: .init(
                        byteBuffer: ByteBuffer(
                            string:
                                #"{"status":"unavailable","database":{"engine":"\#(engine)","status":"unreachable"}}"#))
                )
            }
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: environment.metrics.registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
        }
        APIController(environment: environment).register(on: router)
        DashboardController(environment: environment).register(on: router)
        router.add(middleware: AllowedMethodsMiddleware(routes: router.routes))
        return router
    }

    /// The HTTP application on `host:port` (port 0: any free port; `onListening` is told which).
    public static func application(
        environment: ServerEnvironment, host: String, port: Int, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        Application(
            router: try router(environment: environment),
            configuration: .init(address: .hostname(host, port: port), serverName: "duban"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Runs the server, the scheduler and the dispatcher until SIGTERM or SIGINT, then stops
    /// taking requests, lets those in flight and the current delivery batch finish (at most
    /// `shutdownSeconds`), and returns.
    public static func run(
        environment: ServerEnvironment, dispatcher: Dispatcher, host: String, port: Int,
        tickInterval: Duration = .seconds(60), deliveryInterval: Duration = .seconds(5),
        shutdownSeconds: Int64 = 15, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = try application(
            environment: environment, host: host, port: port, logger: logger, onListening: onListening)
        let scheduler = SchedulerService(environment: environment, interval: tickInterval, logger: logger)
        let delivery = DispatcherService(
            dispatcher: dispatcher, metrics: environment.metrics, interval: deliveryInterval, logger: logger)
        // Shut down in reverse: the server stops taking requests first, the scheduler last.
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: scheduler), .init(service: delivery), .init(service: app)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(shutdownSeconds)
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// `openapi.yaml`, shipped with the module.
enum OpenAPIDocument {
    /// The document's bytes, read from the module's bundle (or `url`).
    ///
    /// - Throws: `DocumentError` naming the file when it is missing or unreadable.
    static func load(
        url: URL? = Bundle.module.url(forResource: "openapi", withExtension: "yaml")
    ) throws -> [UInt8] {
        guard let url, let data = try? Data(contentsOf: url), !data.isEmpty else {
            throw DocumentError(
                message: "the API description openapi.yaml is missing from duban's resources"
                    + (url.map { " (\($0.path))" } ?? ""),
                fix: "rebuild duban (swift build) so the DubanServer bundle holds Sources/DubanServer/openapi.yaml")
        }
        return Array(data)
    }
}
