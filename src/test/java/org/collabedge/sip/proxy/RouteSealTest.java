package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.collabedge.host.SecretStore;
import org.collabedge.host.SharedState;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.Test;

/** Sealed route entries: opaque to the client, refused when altered, shared by nodes through the secret store. */
class RouteSealTest {

    private static final List<String> HIDDEN = List.of("<sip:10.1.2.3:5060;lr;ftag=a1>",
            "<sip:cc.corp.example:5061;transport=tls;lr>");

    @Test
    void sealedEntriesOpenOnEveryNodeAndRevealNothing() {
        SecretStore shared = MemoryStores.secrets();
        SharedState cluster = new LocalSharedState(Clock.systemUTC());
        RouteSeal nodeA = new RouteSeal(shared, cluster);
        RouteSeal nodeB = new RouteSeal(shared, cluster);
        String token = nodeA.seal(HIDDEN);
        assertFalse(token.contains("10.1.2.3") || token.contains("corp"), token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "fits a URI or Via parameter: " + token);
        assertEquals(Optional.of(HIDDEN), nodeB.open(token));
        assertFalse(token.equals(nodeA.seal(HIDDEN)), "a fresh nonce each time");
    }

    @Test
    void alteredOrForeignTokensDoNotOpen() {
        RouteSeal seal = alone();
        String token = seal.seal(HIDDEN);
        char flipped = token.charAt(20) == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), seal.open(token.substring(0, 20) + flipped + token.substring(21)));
        assertEquals(Optional.empty(), seal.open(alone().seal(HIDDEN)));
        assertEquals(Optional.empty(), seal.open("not*base64"));
        assertEquals(Optional.empty(), seal.open(null));
    }

    @Test
    void twoNodesStartingTogetherCreateOneKey() throws Exception {
        // Both nodes find no key at the same moment; the second write reaches the store a little later.
        SecretStore slow = new RacingStore(MemoryStores.secrets());
        SharedState cluster = new LocalSharedState(Clock.systemUTC());
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        RouteSeal nodeA;
        RouteSeal nodeB;
        try {
            Future<RouteSeal> a = nodes.submit(() -> new RouteSeal(slow, cluster));
            Future<RouteSeal> b = nodes.submit(() -> new RouteSeal(slow, cluster));
            nodeA = a.get(10, TimeUnit.SECONDS);
            nodeB = b.get(10, TimeUnit.SECONDS);
        } finally {
            nodes.shutdownNow();
        }

        assertEquals(1, ((RacingStore) slow).puts.get(), "one key written for the cluster");
        assertEquals(Optional.of(HIDDEN), nodeB.open(nodeA.seal(HIDDEN)));
        assertEquals(Optional.of(HIDDEN), nodeA.open(nodeB.seal(HIDDEN)));
        // Flow tokens are signed under the same key, so they hold across the two nodes as well.
        assertTrue(nodeB.verify("TLS:192.0.2.1:5061", nodeA.tag("TLS:192.0.2.1:5061")));
    }

    /** A route seal for a single node with its own store. */
    static RouteSeal alone() {
        return new RouteSeal(MemoryStores.secrets(), new LocalSharedState(Clock.systemUTC()));
    }

    /** Holds the first two reads until both are made, and delays the second write: two nodes starting together. */
    private static final class RacingStore implements SecretStore {
        private final SecretStore inner;
        private final CyclicBarrier together = new CyclicBarrier(2);
        private final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger puts = new AtomicInteger();

        RacingStore(SecretStore inner) {
            this.inner = inner;
        }

        public void put(String id, byte[] secret) {
            if (puts.incrementAndGet() > 1) {
                pause();
            }
            inner.put(id, secret);
        }

        public Optional<byte[]> get(String id) {
            if (reads.incrementAndGet() <= 2) {
                try {
                    together.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other node never read", e);
                }
            }
            return inner.get(id);
        }

        public void delete(String id) {
            inner.delete(id);
        }

        public boolean contains(String id) {
            return inner.contains(id);
        }

        private static void pause() {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
