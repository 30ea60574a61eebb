package org.collabedge.protection;

import java.time.Duration;

import org.collabedge.host.SharedCounters;

/**
 * A cluster-wide sliding-window count built from shared counters, one per time slice. The window is cut into
 * {@value #SLICES} slices (at least one second each); an event adds to its slice's counter, which lives one window
 * plus one slice, and the count is the sum of the slices the window covers. The oldest slice is counted whole, so
 * the window is up to one slice longer than configured (never shorter: a limit is never loosened). Counters shared
 * this way need only the host's atomic add; no node keeps timestamps.
 */
final class SlidingWindow {

    static final int SLICES = 10;

    private final SharedCounters counters;
    private final long sliceMillis;
    private final int slices;
    private final Duration ttl;

    SlidingWindow(SharedCounters counters, Duration window) {
        this.counters = counters;
        long w = Math.max(1000, window.toMillis());
        this.sliceMillis = Math.max(1000, w / SLICES);
        this.slices = (int) ((w + sliceMillis - 1) / sliceMillis);
        this.ttl = Duration.ofMillis((slices + 1) * sliceMillis);
    }

    /** Adds {@code delta} to the slice of {@code nowMillis}; returns the window's new total. */
    long add(String key, long delta, long nowMillis) {
        long current = nowMillis / sliceMillis;
        long value = counters.addAndGet(slotKey(key, current), delta, ttl);
        return value + sumOlder(key, current);
    }

    long count(String key, long nowMillis) {
        long current = nowMillis / sliceMillis;
        return counters.get(slotKey(key, current)) + sumOlder(key, current);
    }

    /**
     * How long until the window's total drops below {@code limit}, as the oldest slices leave it; zero when it already
     * is below.
     */
    Duration timeUntilBelow(String key, long limit, long nowMillis) {
        long current = nowMillis / sliceMillis;
        long total = count(key, nowMillis);
        for (long slot = current - slices + 1; slot <= current && total >= limit; slot++) {
            total -= counters.get(slotKey(key, slot));
            if (total < limit) {
                return Duration.ofMillis((slot + slices) * sliceMillis - nowMillis);
            }
        }
        return total < limit ? Duration.ZERO : Duration.ofMillis((current + slices) * sliceMillis - nowMillis);
    }

    /** Forgets every slice of the key, e.g. once its address is banned. */
    void reset(String key, long nowMillis) {
        long current = nowMillis / sliceMillis;
        for (long slot = current - slices + 1; slot <= current; slot++) {
            counters.reset(slotKey(key, slot));
        }
    }

    private long sumOlder(String key, long current) {
        long sum = 0;
        for (long slot = current - slices + 1; slot < current; slot++) {
            sum += counters.get(slotKey(key, slot));
        }
        return sum;
    }

    private String slotKey(String key, long slot) {
        return key + "@" + sliceMillis + ":" + slot; // the slice size in the key: a changed window starts afresh
    }
}
