package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Optional;

import org.collabedge.host.SecretStore;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.Test;

/**
 * Checking a tag that does not hold makes a node look at the shared key again (another node may have a newer one),
 * but only ever reads it: a store that briefly shows no key or fails does not make a SIP thread write a new cluster
 * key (which would void every dialog's route set on every node) or throw into message handling.
 */
class RouteSealRereadTest {

    private static final String FLOW = "TLS:192.0.2.1:5061";

    @Test
    void aMissingKeyIsNotReplacedWhileCheckingTags() {
        SecretStore store = MemoryStores.secrets();
        RouteSeal seal = new RouteSeal(store, new LocalSharedState(Clock.systemUTC()));
        String tag = seal.tag(FLOW);
        store.delete(RouteSeal.KEY_ID); // e.g. a store that shows nothing for a moment

        assertFalse(seal.verify(FLOW, "AAAAAAAAAAAAAAAAAAAAAA"), "a forged tag");
        assertEquals(Optional.empty(), store.get(RouteSeal.KEY_ID), "no new key written from a SIP thread");
        assertTrue(seal.verify(FLOW, tag), "the node keeps the key it has");
    }

    @Test
    void aFailingStoreLeavesTheCheckFalseNotThrowing() {
        SecretStore backing = MemoryStores.secrets();
        new RouteSeal(backing, new LocalSharedState(Clock.systemUTC())); // creates the cluster's key
        byte[] key = backing.get(RouteSeal.KEY_ID).orElseThrow();
        RouteSeal seal = sealOver(new FailingStore(), key);
        assertFalse(seal.verify(FLOW, "AAAAAAAAAAAAAAAAAAAAAA"), "false, no exception into message handling");
        assertTrue(seal.verify(FLOW, seal.tag(FLOW)), "and its own tags still hold");
        assertArrayEquals(key, backing.get(RouteSeal.KEY_ID).orElseThrow(), "the shared key unchanged");
    }

    /** A secret store that cannot be read. */
    private static final class FailingStore implements SecretStore {
        @Override
        public void put(String id, byte[] secret) {
            throw new IllegalStateException("store unavailable");
        }

        @Override
        public Optional<byte[]> get(String id) {
            throw new IllegalStateException("store unavailable");
        }

        @Override
        public void delete(String id) {
        }

        @Override
        public boolean contains(String id) {
            return false;
        }
    }

    /** A seal whose store fails once it has started: it loaded {@code key} from a store that still worked. */
    private static RouteSeal sealOver(SecretStore failingLater, byte[] key) {
        boolean[] started = {false};
        SecretStore store = new SecretStore() {
            @Override
            public void put(String id, byte[] secret) {
                failingLater.put(id, secret);
            }

            @Override
            public Optional<byte[]> get(String id) {
                if (!started[0]) {
                    started[0] = true;
                    return Optional.of(key);
                }
                return failingLater.get(id);
            }

            @Override
            public void delete(String id) {
                failingLater.delete(id);
            }

            @Override
            public boolean contains(String id) {
                return true;
            }
        };
        return new RouteSeal(store, new LocalSharedState(Clock.systemUTC()));
    }
}
