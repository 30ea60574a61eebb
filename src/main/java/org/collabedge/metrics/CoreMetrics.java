package org.collabedge.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

import java.time.Clock;
import java.util.function.Supplier;

import org.collabedge.cert.CertificateService;
import org.collabedge.config.ConfigService;
import org.collabedge.config.EdgeConfig;

/**
 * Metrics of the foundation itself: what is configured, how often it changes, and how long the edge certificate
 * has left.
 */
public final class CoreMetrics {

    private final Counter configChanges;
    private final Counter adminRequests;

    public CoreMetrics(EdgeMetrics metrics, ConfigService config, CertificateService certificates, Clock clock) {
        var registry = metrics.registry();
        configChanges = Counter.builder().name("collabedge_config_changes_total")
                .help("Configuration changes applied on this node").register(registry);
        adminRequests = Counter.builder().name("collabedge_admin_requests_total")
                .help("Admin page requests by page and outcome").labelNames("page", "outcome").register(registry);
        Supplier<EdgeConfig> current = config::current;
        GaugeWithCallback.builder().name("collabedge_config_items")
                .help("Configured items by kind").labelNames("kind")
                .callback(cb -> {
                    EdgeConfig c = current.get();
                    cb.call(c.domains().size(), "domain");
                    cb.call(c.deployments().size(), "deployment");
                    cb.call(c.servers().size(), "internal_server");
                }).register(registry);
        GaugeWithCallback.builder().name("collabedge_tls_certificate_expiry_seconds")
                .help("Seconds until the edge's TLS certificate expires").callback(cb -> cb.call(
                        (certificates.identity().certificate().getNotAfter().getTime() - clock.millis()) / 1000.0))
                .register(registry);
        GaugeWithCallback.builder().name("collabedge_restart_pending")
                .help("1 while a configuration change waits for a restart").callback(cb -> cb.call(
                        config.pendingRestart().isEmpty() ? 0 : 1)).register(registry);
        config.addListener((before, after) -> {
            configChanges.inc();
            return null;
        });
    }

    public void adminRequest(String page, String outcome) {
        adminRequests.labelValues(page, outcome).inc();
    }
}
