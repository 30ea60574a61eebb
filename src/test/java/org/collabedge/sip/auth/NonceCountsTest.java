package org.collabedge.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.collabedge.sip.auth.NonceCounts.Verdict;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The per-nonce memory of nonce counts: repeats refused, order not required, bounded in time and size. */
class NonceCountsTest {

    private final MutableClock clock = new MutableClock();
    private final long now = clock.millis();

    @Test
    void eachCountIsAcceptedOnceInAnyOrder() {
        NonceCounts counts = new NonceCounts(clock, Duration.ofMinutes(5), 10);
        assertEquals(Verdict.FRESH, counts.use("n1", now, "00000001"));
        assertEquals(Verdict.REPLAYED, counts.use("n1", now, "00000001"));
        assertEquals(Verdict.FRESH, counts.use("n1", now, "00000003"));
        assertEquals(Verdict.FRESH, counts.use("n1", now, "00000002"), "arrived late, not seen before");
        assertEquals(Verdict.REPLAYED, counts.use("n1", now, "00000002"));
        assertEquals(Verdict.FRESH, counts.use("n2", now, "00000001"), "counts are per nonce");
    }

    @Test
    void countsTooFarBehindOrMalformedAreRefused() {
        NonceCounts counts = new NonceCounts(clock, Duration.ofMinutes(5), 10);
        assertEquals(Verdict.FRESH, counts.use("n1", now, "00000050"));
        assertEquals(Verdict.FRESH, counts.use("n1", now, "00000011"), "63 behind: inside the window");
        assertEquals(Verdict.REPLAYED, counts.use("n1", now, "00000010"), "64 behind: outside the window");
        assertEquals(Verdict.REPLAYED, counts.use("n2", now, "1"), "nc is eight hex digits");
        assertEquals(Verdict.REPLAYED, counts.use("n2", now, "0000000g"));
        assertEquals(Verdict.REPLAYED, counts.use("n2", now, "00000000"));
    }

    @Test
    void withoutQopANonceServesOnce() {
        NonceCounts counts = new NonceCounts(clock, Duration.ofMinutes(5), 10);
        assertEquals(Verdict.FRESH, counts.use("n1", now, null));
        assertEquals(Verdict.REPLAYED, counts.use("n1", now, null));
    }

    @Test
    void entriesLeaveWithTheirNoncesLifetime() {
        NonceCounts counts = new NonceCounts(clock, Duration.ofMinutes(5), 10);
        counts.use("n1", now, "00000001");
        clock.advance(Duration.ofMinutes(4));
        counts.use("n2", clock.millis(), "00000001");
        assertEquals(2, counts.size());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, counts.size(), "n1 is past its lifetime (the nonce check calls it stale by now)");
    }

    @Test
    void whenFullTheOldestIsForgottenAndCanNeverBeReplayed() {
        NonceCounts counts = new NonceCounts(clock, Duration.ofMinutes(5), 2);
        counts.use("n1", now, "00000001");
        counts.use("n2", now + 1, "00000001");
        counts.use("n3", now + 2, "00000001");
        assertEquals(2, counts.size());
        assertEquals(Verdict.FORGOTTEN, counts.use("n1", now, "00000001"), "evicted: stale, not fresh again");
        assertEquals(Verdict.FORGOTTEN, counts.use("n0", now - 5, "00000001"), "issued before the eviction");
        assertEquals(Verdict.FRESH, counts.use("n4", now + 3, "00000001"));
    }
}
