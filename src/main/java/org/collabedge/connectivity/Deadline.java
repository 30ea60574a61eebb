package org.collabedge.connectivity;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time budget of one probe. Every blocking step asks it for the time left, and {@link #closeOnExpiry} is the
 * backstop that closes a socket when the budget is spent, so a server that trickles bytes cannot stretch a probe.
 * Uses the monotonic clock; the probe's {@link java.time.Clock} only stamps results.
 */
final class Deadline {

    private final long budgetMillis;
    private final long endNanos;
    /** Set by the watchdog before it closes: it may fire a fraction of a millisecond before the clock says so. */
    private volatile boolean spent;

    private Deadline(Duration budget) {
        this.budgetMillis = budget.toMillis();
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    static Deadline after(Duration budget) {
        return new Deadline(budget);
    }

    long budgetMillis() {
        return budgetMillis;
    }

    boolean expired() {
        return spent || System.nanoTime() - endNanos >= 0;
    }

    /** Time left, at least 1 ms, as socket timeouts want it (0 would mean "wait for ever"). */
    int timeoutMillis() {
        long left = TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /** Closes {@code resource} when the budget runs out, unless the returned watch is closed first. */
    Watch closeOnExpiry(Closeable resource) {
        CompletableFuture<Void> task = CompletableFuture.runAsync(() -> {
            spent = true; // first, so whoever sees the socket closed also sees the budget spent
            closeQuietly(resource);
        }, CompletableFuture.delayedExecutor(timeoutMillis(), TimeUnit.MILLISECONDS));
        return () -> task.cancel(false);
    }

    static void closeQuietly(Closeable resource) {
        try {
            if (resource != null) {
                resource.close();
            }
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** A pending close, called off by {@link #close()}. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
