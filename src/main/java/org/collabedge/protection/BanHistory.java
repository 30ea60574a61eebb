package org.collabedge.protection;

import java.time.Clock;
import java.time.Duration;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedState;

/** Bans per minute over the last hour, cluster-wide, for the bans page's sparkline. */
public final class BanHistory {

    public static final int MINUTES = 60;
    private static final Duration KEEP = Duration.ofMinutes(MINUTES + 1);

    private final SharedCounters counters;
    private final Clock clock;

    BanHistory(SharedState state, Clock clock) {
        this.counters = state.counters("protection-ban-history");
        this.clock = clock;
    }

    void banned(long nowMillis) {
        counters.addAndGet(Long.toString(nowMillis / 60_000), 1, KEEP);
    }

    /** Bans in each of the last {@value #MINUTES} minutes, oldest first; the last is the current minute. */
    public long[] perMinute() {
        long current = clock.millis() / 60_000;
        long[] out = new long[MINUTES];
        for (int i = 0; i < MINUTES; i++) {
            out[i] = counters.get(Long.toString(current - MINUTES + 1 + i));
        }
        return out;
    }
}
