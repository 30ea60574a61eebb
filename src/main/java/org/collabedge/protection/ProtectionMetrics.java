package org.collabedge.protection;

import java.util.function.IntSupplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

import org.collabedge.metrics.EdgeMetrics;

/** What protection did on this node, on the core's registry; the bans page shows the same numbers. */
public final class ProtectionMetrics {

    private final Counter failures;
    private final Counter bans;
    private final Counter unbans;
    private final Counter authorizations;
    private final Counter dropped;

    public ProtectionMetrics(EdgeMetrics metrics, IntSupplier activeBans) {
        var registry = metrics.registry();
        failures = Counter.builder().name("collabedge_protection_failures_total")
                .help("Failures reported by the edge services, by category").labelNames("category")
                .register(registry);
        bans = Counter.builder().name("collabedge_protection_bans_total")
                .help("Source addresses banned by this node, by category").labelNames("category").register(registry);
        unbans = Counter.builder().name("collabedge_protection_unbans_total")
                .help("Bans lifted as seen by this node, by reason (admin, expired)").labelNames("reason")
                .register(registry);
        authorizations = Counter.builder().name("collabedge_protection_authorizations_total")
                .help("User authorizations checked by rate control, by outcome").labelNames("outcome")
                .register(registry);
        dropped = Counter.builder().name("collabedge_protection_dropped_reports_total")
                .help("Failure reports dropped because counting fell too far behind").register(registry);
        GaugeWithCallback.builder().name("collabedge_protection_active_bans")
                .help("Source addresses banned now, cluster-wide").callback(cb -> cb.call(activeBans.getAsInt()))
                .register(registry);
        for (FailureCategory c : FailureCategory.values()) { // show every series from the start, at zero
            failures.labelValues(c.key());
            bans.labelValues(c.key());
        }
        unbans.labelValues("admin");
        unbans.labelValues("expired");
        authorizations.labelValues("allowed");
        authorizations.labelValues("refused");
    }

    void failure(FailureCategory category) {
        failures.labelValues(category.key()).inc();
    }

    void dropped() {
        dropped.inc();
    }

    void ban(String category) {
        bans.labelValues(category).inc();
    }

    void unban(String reason) {
        unbans.labelValues(reason).inc();
    }

    void authorization(boolean allowed) {
        authorizations.labelValues(allowed ? "allowed" : "refused").inc();
    }

    public long failures(FailureCategory category) {
        return (long) failures.labelValues(category.key()).get();
    }

    public long bans(FailureCategory category) {
        return (long) bans.labelValues(category.key()).get();
    }

    public long unbans(String reason) {
        return (long) unbans.labelValues(reason).get();
    }

    public long authorizations(boolean allowed) {
        return (long) authorizations.labelValues(allowed ? "allowed" : "refused").get();
    }
}
