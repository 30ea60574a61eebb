package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.collabedge.auth.EdgeSignIn;
import org.collabedge.core.EdgeCore;
import org.collabedge.http.proxy.EdgeAuthenticator;
import org.collabedge.sip.auth.AuthResult;
import org.collabedge.sip.auth.NonceFactory;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.standalone.FileUserDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization rate control counts one user's authorizations whichever way they come, on whichever node: a password
 * sign-in at the HTTPS edge's token endpoint, a SIP request with a bearer token, and HTTP Basic at the allow-list
 * proxy, each through the real service the listener calls. At the seed's default (3 per 300 s) the fourth is
 * refused on every transport: HTTP with 429-style "rate limited" and Retry-After, SIP with 503 and Retry-After.
 */
class RateControlAcrossTransportsTest {

    private static final char[] PASSWORD = "wonderland-42".toCharArray();

    @TempDir
    Path data;
    private ClusterOfCores cluster;
    private EdgeCore nodeA;
    private EdgeCore nodeB;
    private final InetAddress phone = InetAddress.getLoopbackAddress();

    @BeforeEach
    void start() {
        new FileUserDirectory(data).put("alice", PASSWORD, "Alice", "alice@example.com");
        cluster = new ClusterOfCores(data, 2);
        nodeA = cluster.nodes.get(0);
        nodeB = cluster.nodes.get(1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private EdgeSignIn.Outcome tokenSignInOnA() {
        return nodeA.identity().signIn().password("alice", PASSWORD.clone(), phone);
    }

    private AuthResult sipBearerOnB(String token) {
        org.collabedge.sip.auth.EdgeAuthenticator sip = new org.collabedge.sip.auth.EdgeAuthenticator(
                user -> Optional.empty(), nodeB.tokenVerifier(), nodeB::protection,
                new NonceFactory(cluster.clock, Duration.ofMinutes(5)),
                new org.collabedge.sip.auth.NonceCounts(cluster.clock, Duration.ofMinutes(5), 1_000),
                SipSettings::defaults);
        try {
            return sip.authenticate("REGISTER", new gov.nist.javax.sip.address.AddressFactoryImpl()
                    .createURI("sip:example.com"), "example.com", List.of("Bearer " + token), phone);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private EdgeAuthenticator.Result proxyBasicOnA() {
        EdgeAuthenticator proxy = new EdgeAuthenticator(nodeA.passwordCheck(), nodeA.tokenVerifier(),
                nodeA.protection().rateControl());
        return proxy.authenticate("Basic " + Base64.getEncoder().encodeToString("alice:wonderland-42".getBytes()));
    }

    @Test
    void theFourthAuthorizationIsRefusedOnEveryTransportAndEveryNode() {
        EdgeSignIn.Outcome signedIn = tokenSignInOnA();
        assertEquals(EdgeSignIn.Status.ISSUED, signedIn.status());
        String token = signedIn.tokens().accessToken();
        assertInstanceOf(AuthResult.Authenticated.class, sipBearerOnB(token), "second: SIP on the other node");
        assertInstanceOf(EdgeAuthenticator.Authenticated.class, proxyBasicOnA(), "third: HTTP proxy");

        AuthResult sip = sipBearerOnB(token);
        AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class, sip);
        assertEquals(503, refused.status());
        assertTrue(refused.retryAfter().toSeconds() > 0);
        EdgeSignIn.Outcome again = tokenSignInOnA();
        assertEquals(EdgeSignIn.Status.RATE_LIMITED, again.status());
        assertEquals(refused.retryAfter(), again.retryAfter(), "one window, whatever the transport");
        EdgeAuthenticator.RateLimited limited = assertInstanceOf(EdgeAuthenticator.RateLimited.class,
                proxyBasicOnA());
        assertEquals(refused.retryAfter(), limited.retryAfter());

        cluster.clock.advance(refused.retryAfter());
        assertInstanceOf(AuthResult.Authenticated.class, sipBearerOnB(token), "after Retry-After it works again");
    }
}
