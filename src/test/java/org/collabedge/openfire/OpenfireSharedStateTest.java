package org.collabedge.openfire;

import org.collabedge.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.cache.CacheFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

/** The shared state with clustering off: atomic operations run in this JVM. */
class OpenfireSharedStateTest {

    private final MutableClock clock = new MutableClock();
    private final Map<String, FakeCache<String, byte[]>> caches = new ConcurrentHashMap<>();
    private MockedStatic<JiveGlobals> globals;
    private MockedStatic<CacheFactory> cacheFactory;
    private MockedStatic<ClusterManager> clusterManager;
    private FakeProperties properties;
    private OpenfireSharedState state;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        globals = Mockito.mockStatic(JiveGlobals.class);
        properties = new FakeProperties();
        properties.install(globals);
        cacheFactory = Mockito.mockStatic(CacheFactory.class);
        cacheFactory.when(() -> CacheFactory.createCache(anyString()))
                .thenAnswer(i -> caches.computeIfAbsent(i.getArgument(0), n -> new FakeCache<>(n, true)));
        clusterManager = Mockito.mockStatic(ClusterManager.class);
        clusterManager.when(ClusterManager::isClusteringStarted).thenReturn(false);
        state = new OpenfireSharedState("node-1", clock);
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        state.close();
        clusterManager.close();
        cacheFactory.close();
        globals.close();
    }

    @Test
    void entriesExpireForEveryReaderBeforeAndAfterThePurge() {
        SharedMap<String> map = state.map("registrations");
        map.put("alice", "sip:alice@10.0.0.1", Duration.ofSeconds(10));
        map.put("bob", "sip:bob@10.0.0.2", SharedMap.FOREVER);

        clock.advance(Duration.ofSeconds(9));
        assertEquals(Optional.of("sip:alice@10.0.0.1"), map.get("alice"));
        assertEquals(2, map.size());

        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), map.get("alice"));
        assertEquals(Map.of("bob", "sip:bob@10.0.0.2"), map.snapshot());
        assertEquals(1, map.size());
        assertEquals(2, caches.get("collabedge-registrations").size(), "not swept yet");

        assertEquals(1, map.purgeExpired());
        assertEquals(1, caches.get("collabedge-registrations").size());
        clock.advance(Duration.ofDays(3650));
        assertEquals(Optional.of("sip:bob@10.0.0.2"), map.get("bob"));
    }

    @Test
    void removeAnswersWhetherALiveEntryWasThere() {
        SharedMap<String> map = state.map("tokens");
        map.put("t1", "v", Duration.ofSeconds(1));
        map.put("t2", "v", Duration.ofSeconds(1));
        assertTrue(map.remove("t1"));
        clock.advance(Duration.ofSeconds(2));
        assertFalse(map.remove("t2"));
        assertFalse(map.remove("never"));
    }

    @Test
    void cachesHoldOnlyBytesAndAreUnboundedUnlessConfigured() {
        properties.values.put("cache.collabedge-bans.size", "1048576");
        state.map("bans").put("k", new java.util.ArrayList<>(List.of("x")), Duration.ofMinutes(1));
        assertInstanceOf(byte[].class, caches.get("collabedge-bans").get("k"));
        assertEquals("1048576", properties.values.get("cache.collabedge-bans.size"), "an admin's value stays");
        assertEquals("-1", properties.values.get("cache.collabedge-bans.maxLifetime"));
    }

    @Test
    void putIfAbsentLetsExactlyOneOfManyConcurrentWritersWin() throws Exception {
        SharedMap<String> map = state.map("calls");
        for (int round = 0; round < 20; round++) {
            String key = "call-" + round;
            CyclicBarrier start = new CyclicBarrier(16);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String value = "writer-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    return map.putIfAbsent(key, value, Duration.ofMinutes(1));
                }));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners, "round " + round);
        }
    }

    @Test
    void putIfAbsentSucceedsOnceTheEntryExpired() {
        SharedMap<String> map = state.map("calls");
        assertTrue(map.putIfAbsent("k", "first", Duration.ofSeconds(5)));
        assertFalse(map.putIfAbsent("k", "second", Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(6));
        assertTrue(map.putIfAbsent("k", "third", Duration.ofSeconds(5)));
        assertEquals(Optional.of("third"), map.get("k"));
    }

    @Test
    void countersAddAtomicallyAndStartAgainAfterTheirTimeToLive() throws Exception {
        SharedCounters counters = state.counters("rate");
        List<Callable<Object>> adders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            adders.add(() -> {
                for (int i = 0; i < 250; i++) {
                    counters.addAndGet("10.0.0.1", 1, Duration.ofMinutes(1));
                }
                return null;
            });
        }
        for (Future<Object> f : pool.invokeAll(adders)) {
            f.get();
        }
        assertEquals(2000, counters.get("10.0.0.1"));
        assertEquals(2005, counters.addAndGet("10.0.0.1", 5, Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(61));
        assertEquals(0, counters.get("10.0.0.1"));
        assertEquals(1, counters.addAndGet("10.0.0.1", 1, Duration.ofMinutes(1)));
        counters.reset("10.0.0.1");
        assertEquals(0, counters.get("10.0.0.1"));
        assertEquals(0, counters.get("never"));
    }

    @Test
    void aLockExcludesOtherThreadsUntilReleased() throws Exception {
        SharedLock lock = state.lock("config-write");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = pool.submit(() -> {
            assertTrue(lock.tryLock(Duration.ofSeconds(1)));
            held.countDown();
            release.await();
            lock.unlock();
            return null;
        });
        assertTrue(held.await(5, TimeUnit.SECONDS));
        assertFalse(pool.submit(() -> lock.tryLock(Duration.ofMillis(100))).get());
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        assertTrue(pool.submit(() -> lock.tryLock(Duration.ofMillis(100))).get());
    }

    @Test
    void aLockSerialisesCriticalSections() throws Exception {
        SharedLock lock = state.lock("section");
        AtomicBoolean inside = new AtomicBoolean();
        int[] unsafeCounter = {0};
        List<Callable<Boolean>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(() -> {
                boolean overlapped = false;
                for (int i = 0; i < 20; i++) {
                    assertTrue(lock.tryLock(Duration.ofSeconds(30)));
                    try {
                        overlapped |= !inside.compareAndSet(false, true);
                        int read = unsafeCounter[0];
                        Thread.yield();
                        unsafeCounter[0] = read + 1;
                        inside.set(false);
                    } finally {
                        lock.unlock();
                    }
                }
                return overlapped;
            });
        }
        for (Future<Boolean> f : pool.invokeAll(workers)) {
            assertFalse(f.get(), "two threads were inside at once");
        }
        assertEquals(160, unsafeCounter[0]);
    }

    @Test
    void anAbandonedLeaseRunsOut() throws Exception {
        SharedLock lock = state.lock("crashed-holder");
        assertTrue(pool.submit(() -> lock.tryLock(Duration.ZERO)).get());
        assertFalse(pool.submit(() -> lock.tryLock(Duration.ZERO)).get());
        clock.advance(OpenfireLock.LEASE.plusSeconds(1));
        assertTrue(pool.submit(() -> lock.tryLock(Duration.ZERO)).get());
    }

    @Test
    void theOwnerMayTakeItsLockAgain() throws Exception {
        SharedLock lock = state.lock("again");
        assertTrue(lock.tryLock(Duration.ZERO));
        assertTrue(lock.tryLock(Duration.ZERO));
        lock.unlock();
        assertTrue(pool.submit(() -> lock.tryLock(Duration.ZERO)).get());
    }

    @Test
    void closeStopsThePurgeThreadAndUnregistersTheClusterListener() throws Exception {
        long running = purgeThreads();
        assertTrue(running >= 1);
        state.close();
        assertEquals(running - 1, purgeThreads());
        clusterManager.verify(() -> ClusterManager.addListener(Mockito.any()));
        clusterManager.verify(() -> ClusterManager.removeListener(Mockito.any()));
    }

    @Test
    void thePeriodicPurgeSweepsEveryOpenedCache() {
        state.map("a").put("k", "v", Duration.ofSeconds(1));
        state.counters("b").addAndGet("k", 1, Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        state.purgeAll();
        assertEquals(0, caches.get("collabedge-a").size());
        assertEquals(0, caches.get("collabedge-counters-b").size());
    }

    static long purgeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(OpenfireSharedState.PURGE_THREAD))
                .count();
    }
}
