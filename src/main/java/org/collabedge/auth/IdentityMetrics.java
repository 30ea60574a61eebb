package org.collabedge.auth;

import java.util.Locale;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.collabedge.metrics.EdgeMetrics;

/**
 * The identity service's meters: sign-ins and refreshes by outcome, current token holders (cluster-wide), and this
 * node's credential cache hits and misses. Token verifications are not counted: they are the hot path.
 */
final class IdentityMetrics {

    private final Counter signIns;

    IdentityMetrics(EdgeMetrics metrics, TokenService tokens, CachingPasswordCheck cache) {
        var registry = metrics.registry();
        signIns = Counter.builder().name("collabedge_identity_sign_ins_total")
                .help("Password sign-ins and token refreshes at the edge, by kind and outcome")
                .labelNames("kind", "outcome").register(registry);
        GaugeWithCallback.builder().name("collabedge_identity_token_holders")
                .help("Current sign-ins holding edge tokens, all nodes")
                .callback(cb -> cb.call(tokens.holderCount())).register(registry);
        CounterWithCallback.builder().name("collabedge_identity_credential_cache_checks")
                .help("Password checks on this node answered from the credential cache (hit) or by the directory")
                .labelNames("result")
                .callback(cb -> {
                    cb.call(cache.hits(), "hit");
                    cb.call(cache.misses(), "miss");
                }).register(registry);
    }

    void outcome(String kind, EdgeSignIn.Status status) {
        signIns.labelValues(kind, status.name().toLowerCase(Locale.ROOT)).inc();
    }
}
