package org.collabedge.http.rules;

import java.util.function.Supplier;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.collabedge.metrics.EdgeMetrics;

/**
 * The allow list's figures on the core's Prometheus registry: decisions by outcome (per node; the per-rule figures
 * are on the pages) and rules by origin. The labelled data points are resolved once, so counting costs the request
 * path one striped add.
 */
final class AllowListMetrics {

    private final CounterDataPoint allowed;
    private final CounterDataPoint noRule;
    private final CounterDataPoint wrongMethod;
    private final CounterDataPoint refusedByProxy;

    AllowListMetrics(EdgeMetrics metrics, Supplier<HttpRules> rules, Supplier<Integer> automatic) {
        Counter decisions = Counter.builder().name("collabedge_http_allowlist_requests_total")
                .help("Requests through the HTTP proxy by allow-list outcome").labelNames("outcome")
                .register(metrics.registry());
        allowed = decisions.labelValues("allowed");
        noRule = decisions.labelValues("blocked_no_rule");
        wrongMethod = decisions.labelValues("blocked_method");
        refusedByProxy = decisions.labelValues("blocked_by_proxy");
        GaugeWithCallback.builder().name("collabedge_http_allowlist_rules")
                .help("Allow-list rules by origin").labelNames("origin")
                .callback(cb -> {
                    HttpRules r = rules.get();
                    cb.call(r.rules().stream().filter(x -> x.origin() == RuleOrigin.MANUAL).count(), "manual");
                    cb.call(r.rules().stream().filter(x -> x.origin() == RuleOrigin.UPLOADED).count(), "uploaded");
                    cb.call(automatic.get(), "automatic");
                }).register(metrics.registry());
    }

    void passed() {
        allowed.inc();
    }

    void blocked(String reasonKey) {
        switch (reasonKey) {
            case "http.block.method" -> wrongMethod.inc();
            case "http.block.proxy" -> refusedByProxy.inc();
            default -> noRule.inc();
        }
    }
}
