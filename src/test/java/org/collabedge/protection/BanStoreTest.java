package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MemoryStores;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The ban list's one-writer lease between two nodes sharing state: never two writers, even when it expires mid-renewal. */
class BanStoreTest {

    private final MutableClock clock = new MutableClock();
    private final LocalSharedState shared = new LocalSharedState(clock);
    private final ConfigStore store = MemoryStores.configs();

    /** Shared state whose writer-lease map can run something in between a node's read of the holder and its return. */
    private final class Interleaving implements SharedState {
        final AtomicReference<Runnable> onNextGet = new AtomicReference<>();

        @Override
        @SuppressWarnings("unchecked")
        public <V extends Serializable> SharedMap<V> map(String name) {
            SharedMap<V> real = shared.map(name);
            if (!name.equals("protection-ban-writer")) {
                return real;
            }
            return (SharedMap<V>) new SharedMap<String>() {
                final SharedMap<String> lease = (SharedMap<String>) real;

                public Optional<String> get(String key) {
                    Optional<String> holder = lease.get(key);
                    Runnable between = onNextGet.getAndSet(null);
                    if (between != null) {
                        between.run();
                    }
                    return holder;
                }

                public void put(String key, String value, Duration ttl) {
                    lease.put(key, value, ttl);
                }

                public boolean putIfAbsent(String key, String value, Duration ttl) {
                    return lease.putIfAbsent(key, value, ttl);
                }

                public boolean remove(String key) {
                    return lease.remove(key);
                }

                public Map<String, String> snapshot() {
                    return lease.snapshot();
                }

                public int size() {
                    return lease.size();
                }

                public int purgeExpired() {
                    return lease.purgeExpired();
                }
            };
        }

        @Override
        public SharedCounters counters(String name) {
            return shared.counters(name);
        }

        @Override
        public SharedLock lock(String name) {
            return shared.lock(name);
        }
    }

    private BanList bans() {
        return new BanList(shared, clock, new ProtectionMetrics(new EdgeMetrics(), () -> 0),
                new BanHistory(shared, clock));
    }

    @Test
    void aLeaseThatExpiresWhileItsHolderRenewsItIsNotTakenOverByASecondWriter() throws Exception {
        BanList bansA = bans();
        Interleaving stateA = new Interleaving();
        BanStore a = new BanStore(store, stateA, "node-a", clock, bansA);
        BanStore b = new BanStore(store, shared, "node-b", clock, bans());
        bansA.ban(InetAddress.getByName("203.0.113.7"), FailureCategory.HTTP_PROXY_AUTHORIZATION,
                Duration.ofHours(1), null);
        a.tick();
        assertEquals(1, a.saves(), "node a took the lease and wrote");

        // Just before the lease runs out, a new ban; node a reads itself as holder, then the lease expires and
        // node b checks before node a has written its renewal.
        clock.advance(Duration.ofSeconds(BanStore.WRITER_LEASE_SECONDS).minusMillis(1));
        bansA.ban(InetAddress.getByName("203.0.113.8"), FailureCategory.HTTP_PROXY_AUTHORIZATION,
                Duration.ofHours(1), null);
        AtomicBoolean bDone = new AtomicBoolean();
        Thread[] nodeB = new Thread[1];
        stateA.onNextGet.set(() -> {
            clock.advance(Duration.ofMillis(2));
            nodeB[0] = new Thread(() -> {
                b.tick();
                bDone.set(true);
            });
            nodeB[0].start();
            try {
                nodeB[0].join(300); // long enough for an unguarded check; a guarded one waits for node a
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.tick();
        nodeB[0].join(5000);
        assertTrue(bDone.get());

        assertEquals(2, a.saves(), "node a renewed its lease and wrote the new ban");
        assertEquals(0, b.saves(), "node b never became a second writer");
        assertEquals(Optional.of("node-a"), shared.<String>map("protection-ban-writer").get("writer"));
    }

    @Test
    void givingTheLeaseUpNeverRemovesAnotherNodesLease() throws Exception {
        BanList bansA = bans();
        BanStore a = new BanStore(store, shared, "node-a", clock, bansA);
        BanStore b = new BanStore(store, shared, "node-b", clock, bans());
        bansA.ban(InetAddress.getByName("203.0.113.9"), FailureCategory.HTTP_PROXY_AUTHORIZATION,
                Duration.ofHours(1), null);
        a.tick();
        clock.advance(Duration.ofSeconds(BanStore.WRITER_LEASE_SECONDS + 1));
        bansA.ban(InetAddress.getByName("203.0.113.10"), FailureCategory.HTTP_PROXY_AUTHORIZATION,
                Duration.ofHours(1), null);
        b.tick();
        assertEquals(1, b.saves(), "node b took the expired lease");
        a.flushAndRelease();
        assertEquals(1, a.saves(), "node a is no longer the writer and writes nothing");
        assertEquals(Optional.of("node-b"), shared.<String>map("protection-ban-writer").get("writer"));
    }
}
