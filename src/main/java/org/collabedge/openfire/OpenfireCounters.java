package org.collabedge.openfire;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.collabedge.host.SharedCounters;
import org.jivesoftware.util.cache.Cache;

/** {@link SharedCounters} on an Openfire cache ({@code collabedge-counters-<name>}); adds run atomically. */
final class OpenfireCounters implements SharedCounters {

    private final String cacheName;
    private final Cache<String, byte[]> cache;
    private final Clock clock;
    private final AtomicExecutor atomics;

    OpenfireCounters(String cacheName, Cache<String, byte[]> cache, Clock clock, AtomicExecutor atomics) {
        this.cacheName = cacheName;
        this.cache = cache;
        this.clock = clock;
        this.atomics = atomics;
    }

    @Override
    public long addAndGet(String key, long delta, Duration ttl) {
        Objects.requireNonNull(key, "key");
        long now = clock.millis();
        return atomics.execute(new AddAndGetTask(cacheName, key, now, delta, SharedEntry.expiry(now, ttl)), cache);
    }

    @Override
    public long get(String key) {
        byte[] raw = cache.get(Objects.requireNonNull(key, "key"));
        return SharedEntry.isLive(raw, clock.millis()) ? SharedEntry.longValue(raw) : 0L;
    }

    @Override
    public void reset(String key) {
        cache.remove(Objects.requireNonNull(key, "key"));
    }
}
