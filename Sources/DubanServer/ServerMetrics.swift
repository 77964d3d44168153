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

    /// The metrics' names and help texts: `duban_job_runs_total` and so on.
    enum Name {
        static var jobRuns: MetricNameDescriptor { counter("job_runs", "Job runs, by job") }
        static var escalations: MetricNameDescriptor { counter("escalations", "Escalation steps decided, by rung") }
        static var deliveries: MetricNameDescriptor { counter("deliveries", "Delivery attempts, by outcome") }
        static var progressReports: MetricNameDescriptor {
            counter("progress_reports", "Progress reports taken over HTTP")
        }
        static var requestDuration: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "duban", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "HTTP request latency")
        }

        /// `duban_<name>_total`.
        static func counter(_ name: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "duban", metricName: name, unitName: "total", helpText: help)
        }
    }

    /// Makes the registry, with every job, rung and outcome at zero so `/metrics` lists them from the start.
    public init() {
        for job in Job.allCases { _ = registry.makeCounter(descriptor: Name.jobRuns, labels: [("job", job.rawValue)]) }
        for rung in EscalationRung.allCases {
            _ = registry.makeCounter(descriptor: Name.escalations, labels: [("rung", rung.name)])
        }
        for outcome in ["sent", "retried", "dead", "paused"] {
            _ = registry.makeCounter(descriptor: Name.deliveries, labels: [("outcome", outcome)])
        }
        _ = registry.makeCounter(descriptor: Name.progressReports)
    }

    /// Counts what a tick ran and decided.
    func record(_ outcomes: [JobOutcome]) {
        for outcome in outcomes {
            registry.makeCounter(descriptor: Name.jobRuns, labels: [("job", outcome.run.job.rawValue)]).increment()
            for step in outcome.steps where step.kind == .rung {
                registry.makeCounter(descriptor: Name.escalations, labels: [("rung", step.rung.name)]).increment()
            }
        }
    }

    /// Counts what a drain delivered.
    func record(_ report: DrainReport) {
        for (outcome, count) in [
            ("sent", report.sent), ("retried", report.retried), ("dead", report.dead), ("paused", report.paused),
        ] where count > 0 {
            registry.makeCounter(descriptor: Name.deliveries, labels: [("outcome", outcome)])
                .increment(by: Int64(count))
        }
    }

    /// Counts a progress report taken over HTTP.
    func reported() {
        registry.makeCounter(descriptor: Name.progressReports).increment()
    }

    /// Records one request's latency.
    func request(method: String, route: String, status: Int, seconds: Duration) {
        // One histogram per method, route and status, looked up by one string rather than made anew.
        let key = "\(method) \(status) \(route)"
        let histogram =
            histograms.withLock { $0[key] }
            ?? {
                let made = registry.makeDurationHistogram(
                    descriptor: Name.requestDuration,
                    labels: [("method", method), ("route", route), ("status", String(status))],
                    buckets: [
                        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
                    ])
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
