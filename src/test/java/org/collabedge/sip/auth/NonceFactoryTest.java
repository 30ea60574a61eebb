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
}
