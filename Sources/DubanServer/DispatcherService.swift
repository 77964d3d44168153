import DubanNotify
import Foundation
import Logging
import ServiceLifecycle

/// Delivers the outbox every few seconds until shutdown; a drain under way when shutdown comes
/// finishes its batch (bounded by the transport's timeouts) before the service returns.
public struct DispatcherService: Service {
    let dispatcher: Dispatcher
    let metrics: ServerMetrics
    let interval: Duration
    let logger: Logger

    public init(dispatcher: Dispatcher, metrics: ServerMetrics, interval: Duration = .seconds(5), logger: Logger) {
        self.dispatcher = dispatcher
        self.metrics = metrics
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let report = try await dispatcher.drain(untilEmpty: false)
                metrics.record(report)
                if report.sent + report.dead + report.retried > 0 {
                    logger.info(
                        "delivered \(report.sent), retrying \(report.retried), dead \(report.dead), waiting \(report.waiting)"
                    )
                }
            } catch {
                logger.error("delivery failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
