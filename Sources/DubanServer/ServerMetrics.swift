import DubanCore
import DubanNotify
import DubanStore
import Hummingbird
import Prometheus
import Synchronization

/// The counters and histograms `/metrics` shows, in Prometheus' text format: job runs, escalation
/// steps by rung, deliveries by outcome, progress reports, and request latency.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let histograms = Mutex<[String: DurationHistogram]>([:])

    /// Makes the registry, with every job, rung and outcome at zero so `/metrics` lists them from the start.
    public init() {
        for job in Job.allCases {
            _ = registry.makeCounter(
                name: "duban_job_runs_total", labels: [("job", job.rawValue)], help: "Job runs, by job")
        }
        for rung in EscalationRung.allCases {
            _ = registry.makeCounter(
                name: "duban_escalations_total", labels: [("rung", rung.name)],
                help: "Escalation steps decided, by rung")
        }
        for outcome in ["sent", "retried", "dead", "paused"] {
            _ = registry.makeCounter(
                name: "duban_deliveries_total", labels: [("outcome", outcome)], help: "Delivery attempts, by outcome")
        }
        _ = registry.makeCounter(name: "duban_progress_reports_total", help: "Progress reports taken over HTTP")
    }

    /// Counts what a tick ran and decided.
    func record(_ outcomes: [JobOutcome]) {
        for outcome in outcomes {
            registry.makeCounter(
                name: "duban_job_runs_total", labels: [("job", outcome.run.job.rawValue)],
                help: "Job runs, by job"
            ).increment()
            for step in outcome.steps where step.kind == .rung {
                registry.makeCounter(
                    name: "duban_escalations_total", labels: [("rung", step.rung.name)],
                    help: "Escalation steps decided, by rung"
                ).increment()
            }
        }
    }

    /// Counts what a drain delivered.
    func record(_ report: DrainReport) {
        for (outcome, count) in [
            ("sent", report.sent), ("retried", report.retried), ("dead", report.dead), ("paused", report.paused),
        ] where count > 0 {
            registry.makeCounter(
                name: "duban_deliveries_total", labels: [("outcome", outcome)], help: "Delivery attempts, by outcome"
            ).increment(by: Int64(count))
        }
    }

    /// Counts a progress report taken over HTTP.
    func reported() {
        registry.makeCounter(name: "duban_progress_reports_total", help: "Progress reports taken over HTTP")
            .increment()
    }

    /// Records one request's latency.
    func request(method: String, route: String, status: Int, seconds: Duration) {
        // One histogram per method, route and status, looked up by one string rather than made anew.
        let key = "\(method) \(status) \(route)"
        let histogram =
            histograms.withLock { $0[key] }
            ?? {
                let made = registry.makeDurationHistogram(
                    name: "duban_http_request_duration_seconds",
                    labels: [("method", method), ("route", route), ("status", String(status))],
                    buckets: [
                        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
                    ],
                    help: "HTTP request latency")
                histograms.withLock { $0[key] = made }
                return made
            }()
        histogram.record(seconds)
    }
}

/// Times every request into `ServerMetrics`.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = DubanRequestContext
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.request(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                status: Int(response.status.code), seconds: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: Int(status),
                seconds: ContinuousClock.now - start)
            throw error
        }
    }
}
