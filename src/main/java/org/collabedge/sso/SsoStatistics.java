package org.collabedge.sso;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.prometheus.metrics.core.metrics.Counter;
import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedState;
import org.collabedge.metrics.EdgeMetrics;

/**
 * The seed's "detailed SSO statistics": sign-in requests sent to IdPs, responses accepted, and responses refused by
 * reason. Counted cluster-wide in shared state for the statistics page, and per node on the metrics registry
 * ({@code collabedge_sso_events_total{event,reason}}).
 */
public final class SsoStatistics {

    private static final String REQUESTS = "requests";
    private static final String SUCCESSES = "successes";
    private static final String EDGE_SSO_QUERIES = "edge_sso_queries";

    private final SharedCounters counters;
    private final Counter events;

    public SsoStatistics(SharedState shared, EdgeMetrics metrics) {
        this.counters = shared.counters("sso.statistics");
        this.events = Counter.builder().name("collabedge_sso_events_total")
                .help("SAML single sign-on events on this node: requests, successes, failures by reason")
                .labelNames("event", "reason").register(metrics.registry());
    }

    public void request() {
        count(REQUESTS, "request", "");
    }

    public void success() {
        count(SUCCESSES, "success", "");
    }

    public void failure(SsoFailure reason) {
        count("failure." + reason.label(), "failure", reason.label());
    }

    public void edgeSsoQuery() {
        count(EDGE_SSO_QUERIES, "get_edge_sso", "");
    }

    /** One answer (or none) from internal call control to "check for internal SSO availability". */
    public void internalCheck(InternalSsoCheck.Outcome outcome) {
        count(internalKey(outcome), "internal_check", outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    public long internalChecks(InternalSsoCheck.Outcome outcome) {
        return counters.get(internalKey(outcome));
    }

    private static String internalKey(InternalSsoCheck.Outcome outcome) {
        return "internal." + outcome.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void count(String key, String event, String reason) {
        counters.addAndGet(key, 1, Duration.ZERO);
        events.labelValues(event, reason).inc();
    }

    public long requests() {
        return counters.get(REQUESTS);
    }

    public long successes() {
        return counters.get(SUCCESSES);
    }

    public long edgeSsoQueries() {
        return counters.get(EDGE_SSO_QUERIES);
    }

    public long failures(SsoFailure reason) {
        return counters.get("failure." + reason.label());
    }

    /** Failures by reason, in the enum's order, zero counts included. */
    public Map<SsoFailure, Long> failures() {
        Map<SsoFailure, Long> out = new LinkedHashMap<>();
        for (SsoFailure f : SsoFailure.values()) {
            out.put(f, failures(f));
        }
        return out;
    }

    public void reset() {
        counters.reset(REQUESTS);
        counters.reset(SUCCESSES);
        counters.reset(EDGE_SSO_QUERIES);
        for (InternalSsoCheck.Outcome o : InternalSsoCheck.Outcome.values()) {
            counters.reset(internalKey(o));
        }
        for (SsoFailure f : SsoFailure.values()) {
            counters.reset("failure." + f.label());
        }
    }
}
