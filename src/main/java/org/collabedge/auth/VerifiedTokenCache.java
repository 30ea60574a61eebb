package org.collabedge.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A node-local memory of access tokens found valid in the shared map, keyed by token hash, kept for at most
 * {@code ttlNanos} (one second by default). It spares the cluster a shared-map read on every SIP request and HTTP
 * proxy request. Revocation on this node removes the entry at once; a revocation on another node is seen here within
 * the TTL, because an entry is re-read from the shared map when it gets older than that. Only positive answers are
 * kept, so random guesses cannot fill it; it is cleared when it grows past {@code maxEntries}.
 */
final class VerifiedTokenCache {

    /** A verified access token and when this node last read it from the shared map. */
    record Entry(VerifiedToken token, long expiresAtMillis, long readAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;

    VerifiedTokenCache(long ttlNanos, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The entry when it is fresh enough to trust, otherwise null. */
    Entry fresh(String hash) {
        Entry e = entries.get(hash);
        if (e == null) {
            return null;
        }
        if (nanoTime.getAsLong() - e.readAtNanos() > ttlNanos) {
            entries.remove(hash, e);
            return null;
        }
        return e;
    }

    Entry remember(String hash, TokenRecord record) {
        if (entries.size() >= maxEntries) {
            entries.clear(); // rare: a burst of distinct tokens; the shared map is still the truth
        }
        Entry e = new Entry(new VerifiedToken(record.user(), java.time.Instant.ofEpochMilli(record.expiresAtMillis()),
                record.source()), record.expiresAtMillis(), nanoTime.getAsLong());
        entries.put(hash, e);
        return e;
    }

    void forget(String hash) {
        entries.remove(hash);
    }

    /** Drops entries older than the TTL; returns how many went. */
    int purgeStale() {
        long now = nanoTime.getAsLong();
        int before = entries.size();
        entries.values().removeIf(e -> now - e.readAtNanos() > ttlNanos);
        return Math.max(0, before - entries.size());
    }

    int size() {
        return entries.size();
    }
}
