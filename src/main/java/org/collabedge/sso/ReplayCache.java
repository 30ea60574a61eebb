package org.collabedge.sso;

import java.time.Duration;
import java.time.Instant;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;

/** Assertion IDs already accepted, kept cluster-wide until the assertion could no longer be valid anyway. */
public final class ReplayCache {

    private final SharedMap<String> seen;

    public ReplayCache(SharedState shared) {
        this.seen = shared.map("sso.assertions");
    }

    /** True the first time an ID is offered; false for a replay. */
    public boolean firstUse(String assertionId, Instant validUntil, Instant now) {
        Duration ttl = Duration.between(now, validUntil);
        if (ttl.isNegative() || ttl.isZero()) {
            ttl = Duration.ofMinutes(1);
        }
        return seen.putIfAbsent(assertionId, "1", ttl);
    }
}
