import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The least a Hummingbird server can do for a progress report: answer 201 to a POST on the same
/// route, reading nothing and storing nothing. `Benchmarks/serve.sh` runs it beside `duban serve`
/// on the same two cores as wrk, so the progress POST figures have the framework's and the
/// machine's own ceiling beside them. Not for use: it accepts anything.
public enum FloorServer {
    /// Runs until SIGTERM or SIGINT.
    public static func run(
        host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.post("api/tasks/{id}/progress") { _, _ in
            Response(
                status: .created, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"accepted":true}"#)))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "duban-floor"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
