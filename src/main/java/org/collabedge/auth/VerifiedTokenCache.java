package org.collabedge.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A node-local memory of access tokens found valid in the shared map, keyed by token digest, kept for at most
 * {@code ttlMillis} (one second by default). It spares the cluster a shared-map read on every SIP request and HTTP
 * proxy request. Revocation on this node removes the entry at once; a revocation on another node is seen here within
 * the TTL, because an entry is re-read from the shared map when it gets older than that. Only positive answers are
 * kept, so random guesses cannot fill it; it is cleared when it grows past {@code maxEntries}.
 */
final class VerifiedTokenCache {

    /** A verified access token and when this node last read it from the shared map. */
    record Entry(VerifiedToken token, long expiresAtMillis, long readAtMillis) {
    }

    private final ConcurrentHashMap<DigestKey, Entry> entries = new ConcurrentHashMap<>();
    /** Counts forgets, so an entry read from the shared map before a revocation here is not cached after it. */
    private final java.util.concurrent.atomic.AtomicLong forgets = new java.util.concurrent.atomic.AtomicLong();
    private final long ttlMillis;
    private final int maxEntries;

    /** Times are the caller's clock in milliseconds: the hot path reads the clock once for cache and expiry. */
    VerifiedTokenCache(long ttlMillis, int maxEntries) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
    }

    /** The entry when it is fresh enough to trust, otherwise null. */
    Entry fresh(DigestKey hash, long nowMillis) {
        Entry e = entries.get(hash);
        if (e == null) {
            return null;
        }
        long age = nowMillis - e.readAtMillis();
        if (age >= ttlMillis || age < 0) { // a clock stepped back: do not trust the entry either
            entries.remove(hash, e);
            return null;
        }
        return e;
    }

    /** Read before the shared map; hand it to {@link #remember}. */
    long generation() {
        return forgets.get();
    }

    /**
     * Caches a record read from the shared map when no token was forgotten since {@code generation} was taken;
     * otherwise the record may be one a revocation has just removed, and caching it would revive it for a TTL.
     */
    Entry remember(DigestKey hash, TokenRecord record, long nowMillis, long generation) {
        if (entries.size() >= maxEntries) {
            entries.clear(); // rare: a burst of distinct tokens; the shared map is still the truth
        }
        Entry e = new Entry(new VerifiedToken(record.user(), java.time.Instant.ofEpochMilli(record.expiresAtMillis()),
                record.source()), record.expiresAtMillis(), nowMillis);
        entries.put(hash, e);
        if (forgets.get() != generation) {
            entries.remove(hash, e);
        }
        return e;
    }

    void forget(DigestKey hash) {
        forgets.incrementAndGet();
        entries.remove(hash);
    }

    /** Drops entries older than the TTL; returns how many went. */
    int purgeStale(long nowMillis) {
        int before = entries.size();
        entries.values().removeIf(e -> nowMillis - e.readAtMillis() >= ttlMillis);
        return Math.max(0, before - entries.size());
    }

    int size() {
        return entries.size();
    }
}
