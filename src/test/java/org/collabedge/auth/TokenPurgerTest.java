package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The cleanup runs every interval, follows a changed interval, and leaves no thread behind. */
class TokenPurgerTest {

    private static boolean purgeThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("collabedge-token-purge") && t.isAlive());
    }

    @Test
    void runsRepeatedlyAndStopsItsThread() throws Exception {
        CountDownLatch runs = new CountDownLatch(3);
        TokenPurger purger = new TokenPurger(() -> Duration.ofMillis(20), () -> {
            runs.countDown();
            return 0;
        });
        purger.start();
        try {
            assertTrue(runs.await(5, TimeUnit.SECONDS), "three clearings within 5 s at a 20 ms interval");
            assertTrue(purgeThreadAlive());
        } finally {
            purger.stop();
        }
        assertFalse(purgeThreadAlive());
    }

    @Test
    void stoppingDuringAClearingReturnsAtOnceAndLeavesNoThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TokenPurger purger = new TokenPurger(() -> Duration.ofMillis(1), () -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop() interrupts: the clearing ends early
            }
            return 0;
        });
        purger.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        purger.stop();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 2_000, "stop() waited " + millis + " ms for a thread that waited for stop()'s lock");
        assertFalse(purgeThreadAlive());
    }

    @Test
    void aShorterIntervalTakesEffectWithoutWaitingForTheLongOne() throws Exception {
        AtomicReference<Duration> interval = new AtomicReference<>(Duration.ofHours(12));
        CountDownLatch ran = new CountDownLatch(1);
        TokenPurger purger = new TokenPurger(interval::get, () -> {
            ran.countDown();
            return 0;
        });
        purger.start();
        try {
            interval.set(Duration.ofMillis(10));
            purger.reschedule();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
        } finally {
            purger.stop();
        }
    }

    @Test
    void aFailingClearingIsRetriedNextInterval() throws Exception {
        CountDownLatch runs = new CountDownLatch(2);
        TokenPurger purger = new TokenPurger(() -> Duration.ofMillis(10), () -> {
            runs.countDown();
            throw new IllegalStateException("shared state unavailable");
        });
        purger.start();
        try {
            assertTrue(runs.await(5, TimeUnit.SECONDS));
        } finally {
            purger.stop();
        }
    }
}
