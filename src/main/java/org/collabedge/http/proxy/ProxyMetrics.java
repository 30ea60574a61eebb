package org.collabedge.http.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Proxy requests by outcome and status, and the time forwarded requests wait for their backend's answer. */
public final class ProxyMetrics {

    private final Counter requests;
    private final Histogram latency;
    /** The counters by outcome and status, looked up once: counting a request allocates nothing. */
    private final Map<String, CounterDataPoint[]> byOutcome = new ConcurrentHashMap<>();

    public ProxyMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("collabedge_http_proxy_requests_total")
                .help("HTTPS edge proxy requests by outcome and status").labelNames("outcome", "status")
                .register(registry);
        latency = Histogram.builder().name("collabedge_http_proxy_backend_seconds")
                .help("Time from forwarding a request to its backend's response head")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
    }

    void request(String outcome, int status) {
        if (status < 0 || status > 599) {
            requests.labelValues(outcome, Integer.toString(status)).inc();
            return;
        }
        CounterDataPoint[] points = byOutcome.computeIfAbsent(outcome, o -> new CounterDataPoint[600]);
        CounterDataPoint point = points[status];
        if (point == null) {
            // A race fills the slot twice with the same data point: the registry hands out one per label set.
            point = requests.labelValues(outcome, Integer.toString(status));
            points[status] = point;
        }
        point.inc();
    }

    void backendLatency(long nanos) {
        latency.observe(nanos / 1e9);
    }

    /** For tests and pages: requests counted with this outcome and status so far. */
    public long count(String outcome, int status) {
        return (long) requests.labelValues(outcome, Integer.toString(status)).get();
    }
}
