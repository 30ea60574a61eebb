package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.collabedge.testing.MutableClock;

/**
 * A {@link LocalSharedState} on a clock the test moves, and threads for the concurrency tests; closing it stops the
 * threads (and fails the test if they do not stop).
 */
final class SharedStateFixture implements AutoCloseable {

    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    final LocalSharedState state = new LocalSharedState(clock);
    final ExecutorService pool = Executors.newFixedThreadPool(8);

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
}
