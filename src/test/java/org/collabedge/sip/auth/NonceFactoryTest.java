package org.collabedge.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;

import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Stateless nonces: unique, valid while fresh, stale after their lifetime, forged when tampered or from another realm. */
class NonceFactoryTest {

    @Test
    void freshStaleAndForged() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
        NonceFactory nonces = new NonceFactory(clock, Duration.ofMinutes(5));
        String nonce = nonces.issue("example.com");
        assertEquals(NonceFactory.Verdict.VALID, nonces.check(nonce, "example.com"));
        assertEquals(NonceFactory.Verdict.FORGED, nonces.check(nonce, "other.com"));
        assertEquals(NonceFactory.Verdict.FORGED, nonces.check(nonce + "x", "example.com"));
        assertEquals(NonceFactory.Verdict.FORGED, nonces.check("garbage", "example.com"));
        assertNotEquals(nonce, nonces.issue("example.com"), "unique within one millisecond (the clock stands still)");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(NonceFactory.Verdict.STALE, nonces.check(nonce, "example.com"));
    }

    /**
     * Each stack thread keeps its own keyed HMAC: a nonce issued on one thread checks out on any other, a nonce of
     * another factory (another key) never does, and concurrent use does not mix up the HMAC state.
     */
    @Test
    void noncesCheckOutAcrossThreadsAndNotAcrossFactories() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
        NonceFactory nonces = new NonceFactory(clock, Duration.ofMinutes(5));
        NonceFactory other = new NonceFactory(clock, Duration.ofMinutes(5));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> issued = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String realm = "r" + (i % 7) + ".example.com";
                issued.add(pool.submit(() -> nonces.issue(realm) + " " + realm));
            }
            java.util.List<java.util.concurrent.Future<NonceFactory.Verdict>> checked = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : issued) {
                String[] nonceAndRealm = f.get().split(" ");
                checked.add(pool.submit(() -> nonces.check(nonceAndRealm[0], nonceAndRealm[1])));
                assertEquals(NonceFactory.Verdict.FORGED, other.check(nonceAndRealm[0], nonceAndRealm[1]));
            }
            for (java.util.concurrent.Future<NonceFactory.Verdict> v : checked) {
                assertEquals(NonceFactory.Verdict.VALID, v.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
