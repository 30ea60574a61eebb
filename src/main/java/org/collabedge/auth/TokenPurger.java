package org.collabedge.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the seed's cache clearing every "Credentials cleanup interval": only expired tokens and cached checks go, so
 * the interval is the longest an expired one can stay. One daemon thread, rescheduled when the interval changes and
 * ended by {@link #stop()}.
 */
public final class TokenPurger {

    private static final Logger LOG = LoggerFactory.getLogger(TokenPurger.class);

    private final Supplier<Duration> interval;
    private final IntSupplier purge;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private volatile Thread thread;

    /** @param purge does one clearing and returns how many entries went */
    public TokenPurger(Supplier<Duration> interval, IntSupplier purge) {
        this.interval = Objects.requireNonNull(interval);
        this.purge = Objects.requireNonNull(purge);
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collabedge-token-purge");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        scheduleNext();
    }

    /** The interval changed: the next clearing follows the new one, counted from now. */
    public synchronized void reschedule() {
        if (executor != null) {
            next.cancel(false);
            scheduleNext();
        }
    }

    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            if (executor == null) {
                return;
            }
            stopping = executor;
            executor = null; // a clearing that ends now sees this and schedules no other
            next = null;
        }
        // Waited for outside the lock: the clearing thread takes it to schedule the next run.
        stopping.shutdownNow();
        try {
            Thread t = thread;
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The token purge thread did not stop within 5 s");
            } else if (t != null) {
                t.join(1_000); // a terminated pool's worker may still be unwinding
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleNext() {
        next = executor.schedule(this::runOnce, interval.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            int n = purge.getAsInt();
            LOG.debug("Credential cleanup removed {} expired entries", n);
        } catch (RuntimeException e) {
            LOG.error("Credential cleanup failed; trying again after the next interval", e);
        }
        synchronized (this) {
            if (executor != null && !executor.isShutdown()) {
                scheduleNext();
            }
        }
    }
}
