package org.collabedge.standalone;

import org.collabedge.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LocalSharedStateTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final LocalSharedState state = new LocalSharedState(clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void theSameNameGivesTheSameMapCountersAndLock() {
        assertSame(state.map("registrations"), state.map("registrations"));
        assertNotSame(state.map("registrations"), state.map("tokens"));
        assertSame(state.counters("rate"), state.counters("rate"));
        assertSame(state.lock("config"), state.lock("config"));
        assertNotSame(state.lock("config"), state.lock("other"));
    }

    @Nested
    class Maps {

        private final SharedMap<String> map = state.map("registrations");

        @Test
        void anEntryLivesForItsTimeToLive() {
            map.put("alice", "sip:alice@192.0.2.1", TEN_SECONDS);

            clock.advance(Duration.ofMillis(9_999));
            assertEquals(Optional.of("sip:alice@192.0.2.1"), map.get("alice"));
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), map.get("alice"), "gone at exactly its expiry");
        }

        @Test
        void eachEntryHasItsOwnExpiry() {
            map.put("short", "1", Duration.ofSeconds(1));
            map.put("long", "2", Duration.ofMinutes(1));
            map.put("forever", "3", SharedMap.FOREVER);

            clock.advance(Duration.ofSeconds(2));
            assertEquals(Map.of("long", "2", "forever", "3"), map.snapshot());
            clock.advance(Duration.ofDays(365));
            assertEquals(Map.of("forever", "3"), map.snapshot());
            assertEquals(Optional.of("3"), map.get("forever"));
        }

        @Test
        void putReplacesTheValueAndItsExpiry() {
            map.put("alice", "old", Duration.ofSeconds(1));
            map.put("alice", "new", TEN_SECONDS);

            clock.advance(Duration.ofSeconds(5));
            assertEquals(Optional.of("new"), map.get("alice"));
        }

        @Test
        void putIfAbsentKeepsALiveEntry() {
            assertTrue(map.putIfAbsent("call-1", "node-a", TEN_SECONDS));

            assertFalse(map.putIfAbsent("call-1", "node-b", TEN_SECONDS));
            assertEquals(Optional.of("node-a"), map.get("call-1"));
        }

        @Test
        void putIfAbsentReplacesAnExpiredEntry() {
            map.put("call-1", "node-a", TEN_SECONDS);
            clock.advance(TEN_SECONDS);

            assertTrue(map.putIfAbsent("call-1", "node-b", TEN_SECONDS));
            assertEquals(Optional.of("node-b"), map.get("call-1"));
            clock.advance(Duration.ofSeconds(9));
            assertEquals(Optional.of("node-b"), map.get("call-1"), "with the new entry's own time to live");
        }

        @Test
        void removeSaysWhetherALiveEntryWasThere() {
            map.put("live", "1", TEN_SECONDS);
            map.put("stale", "2", Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));

            assertTrue(map.remove("live"));
            assertFalse(map.remove("live"));
            assertFalse(map.remove("stale"), "an expired entry was already gone for readers");
            assertFalse(map.remove("never"));
            assertEquals(0, map.purgeExpired(), "remove took the expired one out too");
        }

        @Test
        void snapshotAndSizeIgnoreExpiredEntries() {
            map.put("a", "1", Duration.ofSeconds(1));
            map.put("b", "2", Duration.ofSeconds(5));
            map.put("c", "3", SharedMap.FOREVER);
            assertEquals(3, map.size());

            clock.advance(Duration.ofSeconds(3));

            assertEquals(2, map.size());
            assertEquals(Map.of("b", "2", "c", "3"), map.snapshot());
        }

        @Test
        void theSnapshotIsACopy() {
            map.put("a", "1", SharedMap.FOREVER);
            Map<String, String> snapshot = map.snapshot();

            map.put("b", "2", SharedMap.FOREVER);

            assertEquals(Map.of("a", "1"), snapshot);
        }

        @Test
        void purgeExpiredCountsWhatItDropped() {
            map.put("a", "1", Duration.ofSeconds(1));
            map.put("b", "2", Duration.ofSeconds(1));
            map.put("c", "3", Duration.ofSeconds(30));
            map.put("d", "4", SharedMap.FOREVER);
            assertEquals(0, map.purgeExpired());

            clock.advance(Duration.ofSeconds(1));
            assertEquals(2, map.purgeExpired());
            assertEquals(0, map.purgeExpired(), "nothing left to drop");

            clock.advance(Duration.ofMinutes(1));
            assertEquals(1, map.purgeExpired());
            assertEquals(Map.of("d", "4"), map.snapshot());
        }

        @Test
        void aNegativeTimeToLiveIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> map.put("a", "1", Duration.ofSeconds(-1)));
            assertThrows(IllegalArgumentException.class, () -> map.putIfAbsent("a", "1", Duration.ofSeconds(-1)));
        }

        @Test
        void putIfAbsentIsAtomicUnderContention() throws Exception {
            int threads = 8;
            int keys = 1000;
            SharedMap<Integer> owners = state.map("owners");
            Map<String, Integer> winners = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                results.add(pool.submit(() -> {
                    go.await();
                    int won = 0;
                    for (int k = 0; k < keys; k++) {
                        if (owners.putIfAbsent("key-" + k, me, SharedMap.FOREVER)) {
                            won++;
                            assertEquals(null, winners.put("key-" + k, me), "two winners for key-" + k);
                        }
                    }
                    return won;
                }));
            }
            go.countDown();

            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get(30, TimeUnit.SECONDS);
            }
            assertEquals(keys, total, "exactly one winner per key");
            assertEquals(keys, owners.size());
            assertEquals(winners, owners.snapshot(), "each key holds its winner's value");
        }
    }

    @Nested
    class Counters {

        private final SharedCounters counters = state.counters("sip-requests");

        @Test
        void addAndGetReturnsTheRunningTotal() {
            assertEquals(0, counters.get("192.0.2.1"));
            assertEquals(1, counters.addAndGet("192.0.2.1", 1, Duration.ofMinutes(1)));
            assertEquals(6, counters.addAndGet("192.0.2.1", 5, Duration.ofMinutes(1)));
            assertEquals(4, counters.addAndGet("192.0.2.1", -2, Duration.ofMinutes(1)));
            assertEquals(4, counters.get("192.0.2.1"));
            assertEquals(0, counters.get("192.0.2.2"), "counters are per key");
        }

        @Test
        void theWindowRunsFromCreationAndLaterAddsDoNotExtendIt() {
            counters.addAndGet("ip", 1, Duration.ofSeconds(60));
            clock.advance(Duration.ofSeconds(50));
            assertEquals(2, counters.addAndGet("ip", 1, Duration.ofSeconds(60)));

            clock.advance(Duration.ofSeconds(10));
            assertEquals(0, counters.get("ip"), "60 s after creation the window is over");
            assertEquals(1, counters.addAndGet("ip", 1, Duration.ofSeconds(60)), "a new window starts at delta");

            clock.advance(Duration.ofSeconds(59));
            assertEquals(1, counters.get("ip"));
        }

        @Test
        void aZeroTimeToLiveLastsForEver() {
            counters.addAndGet("total", 3, Duration.ZERO);
            clock.advance(Duration.ofDays(1000));

            assertEquals(3, counters.get("total"));
        }

        @Test
        void resetRemovesTheCounter() {
            counters.addAndGet("ip", 7, Duration.ofMinutes(1));

            counters.reset("ip");

            assertEquals(0, counters.get("ip"));
            assertEquals(1, counters.addAndGet("ip", 1, Duration.ofMinutes(1)));
        }

        @Test
        void concurrentAddsSumExactly() throws Exception {
            int threads = 8;
            int adds = 10_000;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit((Callable<Void>) () -> {
                    go.await();
                    for (int i = 0; i < adds; i++) {
                        counters.addAndGet("hot", 1, Duration.ofHours(1));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }

            assertEquals((long) threads * adds, counters.get("hot"));
        }
    }

    @Test
    void purgeExpiredSweepsEveryMapAndCounterSet() {
        state.<String>map("a").put("x", "1", Duration.ofSeconds(1));
        state.<String>map("b").put("y", "2", Duration.ofSeconds(1));
        state.<String>map("b").put("z", "3", SharedMap.FOREVER);
        state.counters("c").addAndGet("n", 1, Duration.ofSeconds(1));
        state.counters("c").addAndGet("m", 1, Duration.ZERO);

        assertEquals(0, state.purgeExpired());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, state.purgeExpired());
        assertEquals(0, state.purgeExpired());
        assertEquals(1, state.counters("c").get("m"));
        assertEquals(Optional.of("3"), state.<String>map("b").get("z"));
    }

    @Nested
    class Locks {

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
}
