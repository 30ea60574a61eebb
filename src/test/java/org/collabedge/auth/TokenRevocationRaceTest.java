package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * A revocation that lands between a node's read of the shared state and its next step must still win: the revoked
 * sign-in may finish the one request already in flight, but is neither cached nor brought back by a refresh.
 */
class TokenRevocationRaceTest {

    private final MutableClock clock = new MutableClock();
    private final Interleaving shared = new Interleaving(new LocalSharedState(clock));
    private final TokenService nodeA = new TokenService(shared, IdentitySettings::defaults, clock, Duration.ofSeconds(1));
    private final TokenService nodeB = new TokenService(shared, IdentitySettings::defaults, clock, Duration.ofSeconds(1));

    @Test
    void aTokenRevokedWhileThisNodeVerifiesItIsNotCachedAsValid() {
        IssuedTokens t = nodeA.issue("alice", TokenSource.PASSWORD);
        String family = nodeA.holders(null).get(0).id();
        shared.afterNextGet(TokenService.TOKENS, () -> nodeA.revokeSignIn(family));
        nodeA.verify(t.accessToken(), TokenUse.HTTP); // read before the revocation: this one request may pass
        assertTrue(nodeA.verify(t.accessToken(), TokenUse.HTTP).isEmpty(),
                "revoked on this node: refused at once, not trusted from the local cache for another second");
    }

    @Test
    void aSignInRevokedWhileItIsBeingRefreshedStaysRevoked() {
        IssuedTokens t = nodeA.issue("alice", TokenSource.PASSWORD);
        String family = nodeA.holders(null).get(0).id();
        shared.afterNextGet(TokenService.FAMILIES, () -> nodeB.revokeSignIn(family));
        Optional<IssuedTokens> fresh = nodeA.refresh(t.refreshToken());
        assertEquals(0, nodeB.holderCount(), "the revoked sign-in must not come back");
        fresh.ifPresent(f -> {
            assertTrue(nodeB.verify(f.accessToken(), TokenUse.HTTP).isEmpty(), "new access token of a revoked sign-in");
            assertTrue(nodeB.refresh(f.refreshToken()).isEmpty(), "new refresh token of a revoked sign-in");
        });
    }

    /** Shared state that runs another node's action right after one chosen read, as a thread switch there would. */
    private static final class Interleaving implements SharedState {
        private final SharedState delegate;
        private final AtomicReference<Map.Entry<String, Runnable>> next = new AtomicReference<>();

        Interleaving(SharedState delegate) {
            this.delegate = delegate;
        }

        void afterNextGet(String mapName, Runnable action) {
            next.set(Map.entry(mapName, action));
        }

        @Override
        public <V extends Serializable> SharedMap<V> map(String name) {
            SharedMap<V> m = delegate.map(name);
            return new SharedMap<>() {
                @Override
                public Optional<V> get(String key) {
                    Optional<V> v = m.get(key);
                    Map.Entry<String, Runnable> n = next.get();
                    if (n != null && n.getKey().equals(name) && next.compareAndSet(n, null)) {
                        n.getValue().run();
                    }
                    return v;
                }

                @Override
                public void put(String key, V value, Duration ttl) {
                    m.put(key, value, ttl);
                }

                @Override
                public boolean putIfAbsent(String key, V value, Duration ttl) {
                    return m.putIfAbsent(key, value, ttl);
                }

                @Override
                public boolean remove(String key) {
                    return m.remove(key);
                }

                @Override
                public Map<String, V> snapshot() {
                    return m.snapshot();
                }

                @Override
                public int size() {
                    return m.size();
                }

                @Override
                public int purgeExpired() {
                    return m.purgeExpired();
                }
            };
        }

        @Override
        public SharedCounters counters(String name) {
            return delegate.counters(name);
        }

        @Override
        public SharedLock lock(String name) {
            return delegate.lock(name);
        }
    }
}
