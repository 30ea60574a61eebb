package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization rate control with the seed's fields at Expressway's defaults (3 authorizations per 300 s), counted
 * per user across nodes and transports: the HTTP proxy's sign-in and the SIP edge's digest both call authorize().
 */
class AuthorizationRateControlTest {

    @TempDir
    Path data;
    private ClusterOfCores cluster;
    private AuthorizationRateControl httpSignInOnA;
    private AuthorizationRateControl sipDigestOnB;

    @BeforeEach
    void start() {
        cluster = new ClusterOfCores(data, 2);
        httpSignInOnA = cluster.nodes.get(0).protection().rateControl();
        sipDigestOnB = cluster.nodes.get(1).protection().rateControl();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void theAttemptOverTheLimitIsRefusedWhateverTransportAndNodeItCameBy() {
        assertEquals(3, cluster.protection(0).config().current().maxAuthorizationsPerPeriod());
        assertEquals(300, cluster.protection(0).config().current().rateControlPeriodSeconds());
        cluster.clock.advance(Duration.ofSeconds(10)); // to the start of a 30 s slice, so the numbers read simply
        assertTrue(httpSignInOnA.authorize("alice").allowed());
        cluster.clock.advance(Duration.ofSeconds(40));
        assertTrue(sipDigestOnB.authorize("Alice").allowed(), "user names count case-insensitively");
        assertTrue(httpSignInOnA.authorize("alice").allowed());

        RateDecision refused = sipDigestOnB.authorize("alice");
        assertFalse(refused.allowed());
        // The first attempt's slice (0-30 s) leaves the 300 s window at 300 s; it is now 40 s.
        assertEquals(Duration.ofSeconds(260), refused.retryAfter());
        assertTrue(httpSignInOnA.authorize("bob").allowed(), "other users are not affected");

        cluster.clock.advance(Duration.ofSeconds(259));
        assertFalse(httpSignInOnA.authorize("alice").allowed());
        cluster.clock.advance(Duration.ofSeconds(1));
        assertTrue(httpSignInOnA.authorize("alice").allowed(), "a client that honours Retry-After gets in");
        assertFalse(sipDigestOnB.authorize("alice").allowed(), "refused attempts were not counted, allowed ones are");
        assertEquals(3, cluster.protection(0).metrics().authorizations(false)
                + cluster.protection(1).metrics().authorizations(false));
    }

    @Test
    void newLimitsApplyToTheNextAttempt() {
        ProtectionService service = cluster.protection(1);
        ProtectionSettings s = service.config().current();
        service.config().saveRules(new ProtectionSettings(1, 10, s.intrusionProtectionEnabled(), s.categories(),
                s.exemptions()));
        assertTrue(httpSignInOnA.authorize("carol").allowed());
        RateDecision refused = httpSignInOnA.authorize("carol");
        assertFalse(refused.allowed());
        assertEquals(Duration.ofSeconds(10), refused.retryAfter());
        cluster.clock.advance(Duration.ofSeconds(10));
        assertTrue(sipDigestOnB.authorize("carol").allowed());
    }

    @Test
    void anAttemptWithoutAUserIsNotCounted() {
        for (int i = 0; i < 10; i++) {
            assertTrue(httpSignInOnA.authorize(null).allowed());
            assertTrue(httpSignInOnA.authorize(" ").allowed());
        }
    }
}
