package org.collabedge.standalone;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.collabedge.host.SharedCounters;

/** Atomic counters in this JVM, each vanishing {@code ttl} after it was created. */
final class LocalCounters implements SharedCounters {

    private record Counter(long value, long expiresAt) {
        boolean liveAt(long now) {
            return expiresAt == 0 || now < expiresAt;
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    LocalCounters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long addAndGet(String key, long delta, Duration ttl) {
        long now = clock.millis();
        long expiresAt = ttl == null || ttl.isZero() ? 0 : now + ttl.toMillis();
        return counters.compute(key, (k, old) -> old == null || !old.liveAt(now)
                ? new Counter(delta, expiresAt)
                : new Counter(old.value() + delta, old.expiresAt())).value();
    }

    @Override
    public long get(String key) {
        Counter c = counters.get(key);
        return c == null || !c.liveAt(clock.millis()) ? 0 : c.value();
    }

    @Override
    public void reset(String key) {
        counters.remove(key);
    }

    int purgeExpired() {
        long now = clock.millis();
        int before = counters.size();
        counters.values().removeIf(c -> !c.liveAt(now));
        return Math.max(0, before - counters.size());
    }
}
