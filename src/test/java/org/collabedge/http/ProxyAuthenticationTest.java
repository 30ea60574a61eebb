package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.collabedge.auth.TokenSource;
import org.collabedge.auth.TokenUse;
import org.collabedge.auth.VerifiedToken;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.RateDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may pass the proxy: Basic through the directory, Bearer through the token verifier, or a no-auth rule. */
class ProxyAuthenticationTest {

    private RecordingBackend backend;
    private EdgeHarness edge;
    private String allowed;

    @BeforeEach
    void start() throws Exception {
        backend = new RecordingBackend();
        edge = new EdgeHarness(new TestAllowList(backend.port()),
                (user, password) -> user.equals("alice") && new String(password).equals("secret"),
                (token, use) -> token.equals("good-token") && use == TokenUse.HTTP
                        ? Optional.of(new VerifiedToken("bob", Instant.now().plusSeconds(60), firstSource()))
                        : Optional.empty(),
                AccessGate.OPEN,
                user -> user.equals("greedy") ? RateDecision.refused(Duration.ofSeconds(7)) : RateDecision.ALLOWED,
                List.of());
        allowed = "/corp/http/127.0.0.1/" + backend.port() + "/allowed/a";
    }

    private static TokenSource firstSource() {
        return TokenSource.PASSWORD;
    }

    @AfterEach
    void stop() {
        edge.close();
        backend.close();
    }

    @Test
    void basicWithTheRightPasswordPassesAndTheBackendLearnsTheUserButNotTheCredentials() throws Exception {
        EdgeHarness.RawResponse response = edge.get(allowed, EdgeHarness.basic("alice", "secret"));
        assertEquals(200, response.status());
        assertEquals("ok:/allowed/a", response.body());
        assertEquals("alice", backend.last().headers().getFirst("X-Edge-User"));
        assertNull(backend.last().headers().getFirst("Authorization"));
    }

    @Test
    void missingCredentialsAreChallengedForBasicAndBearer() throws Exception {
        EdgeHarness.RawResponse response = edge.get(allowed);
        assertEquals(401, response.status());
        assertTrue(response.headers().stream().anyMatch(h -> h.startsWith("WWW-Authenticate: Basic realm=")));
        assertTrue(response.headers().stream().anyMatch(h -> h.startsWith("WWW-Authenticate: Bearer realm=")));
        assertTrue(backend.received().isEmpty());
        assertTrue(edge.securityEvents.isEmpty(), "a first request without credentials is not an attack");
        assertEquals(1, edge.edge.proxyMetrics().count("unauthorized", 401));
    }

    @Test
    void aWrongPasswordIsRefusedAndCountedAgainstTheSource() throws Exception {
        EdgeHarness.RawResponse response = edge.get(allowed, EdgeHarness.basic("alice", "wrong"));
        assertEquals(401, response.status());
        assertTrue(backend.received().isEmpty());
        assertEquals(List.of("http_proxy_authorization 127.0.0.1"), edge.securityEvents);
        assertEquals(401, edge.get(allowed, "Authorization: Basic !!!notbase64").status());
        assertEquals(401, edge.get(allowed, "Authorization: Digest username=\"alice\"").status());
    }

    @Test
    void aValidBearerTokenPassesAndAnInvalidOneIsRefused() throws Exception {
        assertEquals(200, edge.get(allowed, "Authorization: Bearer good-token").status());
        assertEquals("bob", backend.last().headers().getFirst("X-Edge-User"));
        assertEquals(401, edge.get(allowed, "Authorization: Bearer forged").status());
    }

    @Test
    void aRuleWithoutAuthenticationNeedsNoCredentialsAndPassesTheClientsOwnAuthorization() throws Exception {
        String open = "/corp/http/127.0.0.1/" + backend.port() + "/allowed/public/page";
        assertEquals(200, edge.get(open).status());
        assertEquals(200, edge.get(open, "Authorization: Basic YmFja2VuZDpjcmVk").status());
        assertEquals("Basic YmFja2VuZDpjcmVk", backend.last().headers().getFirst("Authorization"));
        assertNull(backend.last().headers().getFirst("X-Edge-User"));
    }

    @Test
    void authorizationRateControlAnswers429WithRetryAfterBeforeCheckingThePassword() throws Exception {
        EdgeHarness.RawResponse response = edge.get(allowed, EdgeHarness.basic("greedy", "whatever"));
        assertEquals(429, response.status());
        assertEquals("7", response.header("Retry-After"));
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void aBlockedTargetIsRefusedWith403ReportedToTheRulesAndCounted() throws Exception {
        TestAllowList rules = new TestAllowList(backend.port());
        try (EdgeHarness blocked = EdgeHarness.simple(rules)) {
            EdgeHarness.RawResponse response = blocked.get("/corp/http/127.0.0.1/" + backend.port() + "/secret",
                    EdgeHarness.basic("alice", "secret"));
            assertEquals(403, response.status());
            assertEquals(List.of("GET /secret"), rules.blocked);
            assertEquals(List.of("http_proxy_resource_access 127.0.0.1"), blocked.securityEvents);
            assertEquals(200, blocked.get("/corp/http/127.0.0.1/" + backend.port() + "/allowed/x",
                    EdgeHarness.basic("alice", "secret")).status());
            assertEquals(List.of("r1"), rules.passed);
        }
    }

    @Test
    void anUnauthenticatedClientCannotTellABlockedTargetFromAnAllowedOne() throws Exception {
        TestAllowList rules = new TestAllowList(backend.port());
        try (EdgeHarness blocked = EdgeHarness.simple(rules)) {
            String secret = "/corp/http/127.0.0.1/" + backend.port() + "/secret";
            String open = "/corp/http/127.0.0.1/" + backend.port() + "/allowed/x";
            EdgeHarness.RawResponse toBlocked = blocked.get(secret);
            EdgeHarness.RawResponse toAllowed = blocked.get(open);
            assertEquals(401, toBlocked.status());
            assertEquals(toAllowed.status(), toBlocked.status());
            assertEquals(toAllowed.headers(), toBlocked.headers());
            assertEquals(toAllowed.body(), toBlocked.body());
            assertTrue(rules.blocked.isEmpty(), "the verdict is not reached without an identity");
            assertEquals(401, blocked.get(secret, EdgeHarness.basic("alice", "wrong")).status());
            assertEquals(List.of("http_proxy_authorization 127.0.0.1"), blocked.securityEvents);
            assertEquals(403, blocked.get(secret, EdgeHarness.basic("alice", "secret")).status());
            assertEquals(List.of("GET /secret"), rules.blocked);
            assertTrue(backend.received().isEmpty());
        }
    }

    @Test
    void anUnknownDeploymentIsOnlyRevealedToAnAuthenticatedClient() throws Exception {
        String unknown = "/nosuch/http/127.0.0.1/" + backend.port() + "/allowed/a";
        EdgeHarness.RawResponse anonymous = edge.get(unknown);
        EdgeHarness.RawResponse toKnown = edge.get(allowed);
        assertEquals(401, anonymous.status());
        assertEquals(toKnown.headers(), anonymous.headers());
        assertEquals(toKnown.body(), anonymous.body());
        assertEquals(401, edge.get(unknown, EdgeHarness.basic("alice", "wrong")).status());
        assertEquals(404, edge.get(unknown, EdgeHarness.basic("alice", "secret")).status());
        assertEquals(404, edge.get("/too/short", EdgeHarness.basic("alice", "secret")).status());
        assertEquals(401, edge.get("/too/short").status());
        assertTrue(backend.received().isEmpty());
    }
}
