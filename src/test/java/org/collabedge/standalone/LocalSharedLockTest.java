package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.collabedge.host.SharedLock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The standalone host's cluster lock: exclusion, tryLock with a timeout, and one thread at a time in the guarded
 * section.
 */
class LocalSharedLockTest {

    @AutoClose
    private final SharedStateFixture fixture = new SharedStateFixture();
    private final LocalSharedState state = fixture.state;
    private final ExecutorService pool = fixture.pool;

    private final SharedLock lock = state.lock("config");

    @Test
    void aHeldLockKeepsOtherThreadsOutUntilReleased() throws Exception {
        assertTrue(lock.tryLock(Duration.ofSeconds(1)));
        try {
            assertFalse(pool.submit(() -> lock.tryLock(Duration.ofMillis(50))).get(10, TimeUnit.SECONDS));
        } finally {
            lock.unlock();
        }
        Future<Boolean> other = pool.submit(() -> {
            boolean got = lock.tryLock(Duration.ofMillis(50));
            if (got) {
                lock.unlock();
            }
            return got;
        });
        assertTrue(other.get(10, TimeUnit.SECONDS));
    }

    @Test
    void tryLockWaitsForItsTimeoutThenGivesUp() throws Exception {
        assertTrue(lock.tryLock(Duration.ofSeconds(1)));
        try {
            Future<Long> waited = pool.submit(() -> {
                long start = System.nanoTime();
                boolean got = lock.tryLock(Duration.ofMillis(300));
                assertFalse(got);
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
            long millis = waited.get(10, TimeUnit.SECONDS);
            assertTrue(millis >= 250, "waited " + millis + " ms");
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aWaiterGetsTheLockWhenItIsReleasedWithinItsTimeout() throws Exception {
        assertTrue(lock.tryLock(Duration.ofSeconds(1)));
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Boolean> waiter = pool.submit(() -> {
            waiting.countDown();
            boolean got = lock.tryLock(Duration.ofSeconds(10));
            if (got) {
                lock.unlock();
            }
            return got;
        });
        waiting.await();
        Thread.sleep(50);
        lock.unlock();

        assertTrue(waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void onlyOneThreadAtATimeRunsTheGuardedSection() throws Exception {
        int[] unguarded = {0};
        AtomicBoolean inside = new AtomicBoolean();
        AtomicBoolean overlap = new AtomicBoolean();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < 2_000; i++) {
                    assertTrue(lock.tryLock(Duration.ofSeconds(10)));
                    try {
                        if (!inside.compareAndSet(false, true)) {
                            overlap.set(true);
                        }
                        unguarded[0]++;
                        inside.set(false);
                    } finally {
                        lock.unlock();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }

        assertFalse(overlap.get());
        assertEquals(8_000, unguarded[0]);
    }
}
