import Foundation
import Metrics
import Prometheus
import SocleCore
import SocleActions

/// The Prometheus registry of the process and Socle's own series: requests by route and status,
/// request latency, finished jobs and rows ingested. Exported as text at `/metrics`.
public final class ServerMetrics: Sendable {
    /// One registry per process: swift-metrics can be bootstrapped only once, and every application
    /// built in the process (tests build many) reports into it.
    public static let shared = ServerMetrics()

    public let registry: PrometheusCollectorRegistry

    private init() {
        registry = PrometheusCollectorRegistry()
        // Libraries that report through swift-metrics land in the same export.
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    private static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "socle", subsystem: "http", metricName: "requests",
                                             unitName: "total", helpText: "HTTP requests by route, method and status."),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "socle", subsystem: "http", metricName: "request_duration",
                                             unitName: "seconds", helpText: "Time to answer an HTTP request."),
            labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    func recordUploadBytes(_ bytes: Int64) {
        registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "socle", subsystem: "uploads", metricName: "received_bytes", unitName: "total",
            helpText: "Bytes of uploaded files streamed to the staging directory.")).increment(by: bytes)
    }

    func recordFinishedJob(status: JobStatus, rows: Int64) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "socle", subsystem: "jobs", metricName: "finished",
                                             unitName: "total", helpText: "Background jobs finished, by outcome."),
            labels: [("status", status.rawValue)]
        ).increment()
        if status == .succeeded {
            registry.makeCounter(descriptor: MetricNameDescriptor(
                namespace: "socle", subsystem: "ingest", metricName: "rows", unitName: "total",
                helpText: "Rows loaded by successful ingest jobs.")).increment(by: rows)
        }
    }

    /// Refreshes the gauges read from the store (jobs waiting and running), then renders the export.
    func export(jobs directory: Directory) async -> String {
        for status in [JobStatus.queued, .running] {
            if let count = try? await directory.jobs(status: status, limit: 100_000).count {
                registry.makeGauge(
                    descriptor: MetricNameDescriptor(namespace: "socle", subsystem: "jobs", metricName: "current",
                                                     unitName: "", helpText: "Background jobs queued or running now."),
                    labels: [("status", status.rawValue)]
                ).set(Double(count))
            }
        }
        return registry.emitToString()
    }
}
