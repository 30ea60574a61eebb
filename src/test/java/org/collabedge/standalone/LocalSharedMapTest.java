package org.collabedge.standalone;

import static org.collabedge.standalone.SharedStateFixture.TEN_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.collabedge.host.SharedMap;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The standalone host's shared maps: each entry's time to live, put / putIfAbsent / remove, snapshots, purging,
 * and putIfAbsent under contention.
 */
class LocalSharedMapTest {

    @AutoClose
    private final SharedStateFixture fixture = new SharedStateFixture();
    private final MutableClock clock = fixture.clock;
    private final LocalSharedState state = fixture.state;
    private final ExecutorService pool = fixture.pool;

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
