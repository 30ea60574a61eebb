package org.collabedge.sip.transport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an accepted NIO connection that has not opened properly in time: for TLS, the handshake is not complete; for
 * TCP, not one byte has arrived. The NIO listeners otherwise keep a silent or trickling client until the stack's idle
 * time-out (two hours), so a few thousand such connections fill the listener's connection limit and lock every real
 * client out. The blocking listeners had the same bound through their read time-out.
 */
final class OpeningDeadline {

    /** As the blocking listeners' read time-out ({@code READ_TIMEOUT}). */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OpeningDeadline.class);

    private final Duration limit;
    private final ScheduledExecutorService timer;

    OpeningDeadline(Duration limit, String name) {
        this.limit = limit;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-opening-deadline-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Once {@link #limit} has passed, closes the connection unless {@code opened} says it has opened by then. */
    void watch(BooleanSupplier opened, Runnable close, String peer) {
        try {
            timer.schedule(() -> {
                if (!opened.getAsBoolean()) {
                    LOG.debug("SIP connection from {} did not open within {}: closed", peer, limit);
                    close.run();
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            close.run(); // the listener is stopping
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
