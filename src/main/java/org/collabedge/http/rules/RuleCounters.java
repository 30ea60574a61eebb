package org.collabedge.http.rules;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.collabedge.host.SharedCounters;

/**
 * Hits and blocks per rule, cluster-wide. The request path only bumps a local {@link LongAdder}; a timer adds what
 * gathered to the shared counters, so a cluster round trip is paid once per rule and interval, not per request.
 */
public final class RuleCounters {

    /** Blocks that matched no rule are counted under this key. */
    public static final String NO_RULE = "-";

    /** One rule's figures. */
    public record Counts(long hits, long blocks) {
    }

    private final SharedCounters shared;
    private final Map<String, LongAdder> pendingHits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> pendingBlocks = new ConcurrentHashMap<>();

    public RuleCounters(SharedCounters shared) {
        this.shared = shared;
    }

    public void hit(String ruleId) {
        adder(pendingHits, ruleId).increment();
    }

    public void block(String ruleId) {
        adder(pendingBlocks, ruleId == null ? NO_RULE : ruleId).increment();
    }

    /** A plain read first: after a rule's first request this never takes the map's bin lock. */
    private static LongAdder adder(Map<String, LongAdder> pending, String ruleId) {
        LongAdder a = pending.get(ruleId);
        return a != null ? a : pending.computeIfAbsent(ruleId, k -> new LongAdder());
    }

    /** Moves the local counts to the shared counters; run by the timer and before the figures are shown. */
    public void flush() {
        flush(pendingHits, "hits:");
        flush(pendingBlocks, "blocks:");
    }

    private void flush(Map<String, LongAdder> pending, String prefix) {
        for (Map.Entry<String, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n != 0) {
                shared.addAndGet(prefix + e.getKey(), n, Duration.ZERO);
            }
        }
    }

    /** Cluster-wide figures of one rule, including what this node has not flushed yet. */
    public Counts counts(String ruleId) {
        return new Counts(shared.get("hits:" + ruleId) + pending(pendingHits, ruleId),
                shared.get("blocks:" + ruleId) + pending(pendingBlocks, ruleId));
    }

    private static long pending(Map<String, LongAdder> pending, String ruleId) {
        LongAdder a = pending.get(ruleId);
        return a == null ? 0 : a.sum();
    }

    /** Forgets a deleted rule's figures. */
    public void forget(String ruleId) {
        pendingHits.remove(ruleId);
        pendingBlocks.remove(ruleId);
        shared.reset("hits:" + ruleId);
        shared.reset("blocks:" + ruleId);
    }
}
