package org.collabedge.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** A just-set secret is shown once, to the session that set it, within two minutes. */
class OneTimeRevealTest {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void takenOnceByItsOwner() {
        OneTimeReveal reveal = new OneTimeReveal(clock);
        String handle = reveal.hold("session-1", "alice", "s3cret".toCharArray());
        assertTrue(handle.matches("[A-Za-z0-9_-]{24}"), handle);
        assertTrue(reveal.take("session-2", handle).isEmpty(), "another admin session gets nothing");
        assertEquals("s3cret", new String(reveal.take("session-1", handle).orElseThrow().secret()));
        assertTrue(reveal.take("session-1", handle).isEmpty(), "only once");
        assertTrue(reveal.take("session-1", null).isEmpty());
    }

    @Test
    void forgottenAfterItsLifetime() {
        OneTimeReveal reveal = new OneTimeReveal(clock);
        String handle = reveal.hold("session-1", "alice", "s3cret".toCharArray());
        reveal.hold("session-1", "bob", "other".toCharArray());
        now = now.plus(OneTimeReveal.LIFETIME).plus(Duration.ofSeconds(1));
        assertTrue(reveal.take("session-1", handle).isEmpty());
        assertEquals(0, reveal.waiting(), "expired secrets are purged from memory");
    }
}
