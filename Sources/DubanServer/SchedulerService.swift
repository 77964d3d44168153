import DubanCore
import DubanStore
import Foundation
import Logging
import ServiceLifecycle

/// Runs every job that is due, once a minute (catching up after downtime), until shutdown.
/// The same exactly-once path as `duban tick`: a tick that races another process runs nothing twice.
public struct SchedulerService: Service {
    let environment: ServerEnvironment
    let interval: Duration
    let logger: Logger

    public init(environment: ServerEnvironment, interval: Duration = .seconds(60), logger: Logger) {
        self.environment = environment
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await tick()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One tick, from the first load (the store remembers which periods already ran).
    func tick() async {
        let (now, context) = (environment.now(), environment.context)
        do {
            let outcomes = try await environment.store { database -> [JobOutcome] in
                guard let first = try database.firstLoad() else { return [] }
                return try database.tick(since: LocalTime(first), now: LocalTime(now), context: context, ranAt: now)
            }
            environment.metrics.record(outcomes)
            for outcome in outcomes {
                logger.info("\(outcome.run.job.rawValue) \(outcome.run.period): \(outcome.summary)")
            }
        } catch {
            logger.error("tick failed: \(error)")
        }
    }
}
