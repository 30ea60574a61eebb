package org.collabedge.host;

import java.time.Duration;

/**
 * Named atomic counters shared by all nodes. A counter springs into being at zero on first use and disappears
 * {@code ttl} after it was created, which is what sliding-window rate counters need.
 */
public interface SharedCounters {

    /** Adds {@code delta} and returns the new value; a new counter lives for {@code ttl} (ZERO: for ever). */
    long addAndGet(String key, long delta, Duration ttl);

    /** Current value, zero when there is no live counter. */
    long get(String key);

    /** Removes the counter. */
    void reset(String key);
}
