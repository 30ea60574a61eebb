package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What crosses the edge: headers, bodies, redirects; and what never does (smuggled requests). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyForwardingTest {

    private static final String AUTH = EdgeHarness.basic("alice", "secret");
    private RecordingBackend backend;
    private EdgeHarness edge;
    private String base;

    @BeforeAll
    void start() throws Exception {
        backend = new RecordingBackend();
        edge = EdgeHarness.simple(new TestAllowList(backend.port()));
        base = "/corp/http/127.0.0.1/" + backend.port();
    }

    @BeforeEach
    void forget() {
        backend.received().clear();
    }

    @AfterAll
    void stop() {
        edge.close();
        backend.close();
    }

    @Test
    void hopByHopAndClientForwardingHeadersAreStrippedAndTheEdgeSetsItsOwn() throws Exception {
        EdgeHarness.RawResponse response = edge.get(base + "/allowed/h", AUTH,
                "X-Forwarded-For: 6.6.6.6", "X-Forwarded-Host: evil.test", "X-Forwarded-Proto: http",
                "Forwarded: for=6.6.6.6", "X-Real-IP: 6.6.6.6", "X-Edge-User: admin", "Keep-Alive: timeout=5",
                "Proxy-Authorization: Basic eDp5", "TE: trailers", "Connection: X-Private", "X-Private: hidden",
                "X-Custom: kept");
        assertEquals(200, response.status());
        Headers seen = backend.last().headers();
        assertEquals("127.0.0.1", seen.getFirst("X-Forwarded-For"));
        assertEquals("https", seen.getFirst("X-Forwarded-Proto"));
        assertEquals("localhost:" + edge.port(), seen.getFirst("X-Forwarded-Host"));
        assertEquals("for=\"127.0.0.1\";proto=https;host=\"localhost:" + edge.port() + "\"", seen.getFirst("Forwarded"));
        assertEquals(1, seen.get("X-Forwarded-For").size());
        assertEquals("alice", seen.getFirst("X-Edge-User"));
        assertNull(seen.getFirst("X-Real-IP"));
        assertNull(seen.getFirst("Keep-Alive"));
        assertNull(seen.getFirst("Proxy-Authorization"));
        assertNull(seen.getFirst("TE"));
        assertNull(seen.getFirst("X-Private"));
        assertEquals("kept", seen.getFirst("X-Custom"));
        assertEquals("127.0.0.1:" + backend.port(), seen.getFirst("Host"));
        assertEquals("yes", response.header("X-Backend"));
    }

    @Test
    void requestBodiesAreForwardedWithLengthOrChunked() throws Exception {
        EdgeHarness.RawResponse sized = edge.raw("POST " + base + "/allowed/p HTTP/1.1\r\nHost: localhost\r\n"
                + AUTH + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertEquals("ok:/allowed/p body:hello", sized.body());
        EdgeHarness.RawResponse chunked = edge.raw("POST " + base + "/allowed/c HTTP/1.1\r\nHost: localhost\r\n"
                + AUTH + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertEquals("ok:/allowed/c body:abcde", chunked.body());
        assertEquals("abcde", new String(backend.last().body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyAboveTheLimitIsRefusedWith413BeforeAnythingIsForwarded() throws Exception {
        EdgeHarness.RawResponse response = edge.raw("POST " + base + "/allowed/big HTTP/1.1\r\nHost: localhost\r\n"
                + AUTH + "\r\nContent-Length: " + (org.collabedge.http.ProxyLimits.DEFAULTS.requestBodyBytes() + 1)
                + "\r\nConnection: close\r\n\r\nxyz");
        assertEquals(413, response.status());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void smuggledRequestsNeverReachTheBackend() throws Exception {
        String smuggled = "GET /secret/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String[] framings = {
            "Content-Length: 4\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding: chunked\r\nContent-Length: 4",
            "Content-Length: 4\r\nContent-Length: 40",
            "Content-Length: 4, 40",
            "Transfer-Encoding: xchunked",
            "Transfer-Encoding: chunked, identity",
            "Transfer-Encoding: identity",
            "Transfer-Encoding : chunked",
            "Transfer-Encoding:\tchunked\r\n Content-Length: 3",
            "Content-Length: +4",
            "Content-Length: -1",
            "Content-Length: 0x04",
        };
        for (String framing : framings) {
            String body = "0\r\n\r\n" + smuggled;
            EdgeHarness.RawResponse response = edge.raw("POST " + base + "/allowed/s HTTP/1.1\r\nHost: localhost\r\n"
                    + AUTH + "\r\n" + framing + "\r\n\r\n" + body);
            assertTrue(response.status() == -1 || response.status() >= 400 || response.status() == 200,
                    framing + " -> " + response.status());
            backend.received().forEach(r -> assertTrue(r.rawPathAndQuery().startsWith("/allowed/"),
                    framing + " smuggled " + r.rawPathAndQuery()));
        }
        // Framing the edge accepts at all must not mix CL and TE: the plain conflict is a 400 from the edge.
        assertEquals(400, edge.raw("POST " + base + "/allowed/s HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n").status());
    }

    @Test
    void theProxySeesTheRawTargetJettyNeitherNormalisesNorDecodesIt() throws Exception {
        assertEquals("dot segment\n", edge.get(base + "/allowed/../secret/x", AUTH).body());
        assertEquals("encoded dot\n", edge.get(base + "/allowed/%2e%2e/secret/x", AUTH).body());
        assertEquals("encoded slash or backslash\n", edge.get(base + "/allowed/..%2fsecret", AUTH).body());
        assertEquals("path parameter\n", edge.get(base + "/allowed/..;/secret", AUTH).body());
        assertEquals("empty path segment\n", edge.get(base + "/allowed//secret", AUTH).body());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void requestsJettyRejectsItselfAreCountedAsProtocolFailures() throws Exception {
        int before = edge.securityEvents.size();
        EdgeHarness.RawResponse response = edge.raw("GET " + base + "/allowed/a HTTP/1.1\r\nHost: localhost\r\n"
                + "Bad Header Line\r\n\r\n");
        assertEquals(400, response.status());
        assertFalse(response.body().contains("Exception"));
        assertTrue(edge.securityEvents.subList(before, edge.securityEvents.size())
                .contains("http_proxy_protocol 127.0.0.1"), edge.securityEvents.toString());
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void absoluteFormTargetsAreRefusedOrLandOnTheEdgeFormOnly() throws Exception {
        EdgeHarness.RawResponse foreign = edge.raw("GET http://127.0.0.1:" + backend.port()
                + "/secret/x HTTP/1.1\r\nHost: 127.0.0.1:" + backend.port() + "\r\n" + AUTH
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(foreign.status() >= 400, "got " + foreign.status());
        EdgeHarness.RawResponse mismatch = edge.raw("GET http://evil.test" + base + "/secret/x HTTP/1.1\r\nHost: "
                + "localhost\r\n" + AUTH + "\r\nConnection: close\r\n\r\n");
        assertTrue(mismatch.status() >= 400, "got " + mismatch.status());
        assertTrue(backend.received().isEmpty());
        assertTrue(edge.raw("CONNECT 127.0.0.1:" + backend.port() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + backend.port() + "\r\n" + AUTH + "\r\nConnection: close\r\n\r\n").status() >= 400);
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void redirectsToAllowedTargetsComeBackThroughTheEdgeOthersPassUntouchedAndNoneIsFollowed() throws Exception {
        String origin = "http://127.0.0.1:" + backend.port();
        backend.redirect("/allowed/r1", origin + "/allowed/next?q=1");
        backend.redirect("/allowed/r2", origin + "/secret/x");
        backend.redirect("/allowed/r3", "/allowed/relative");
        backend.redirect("/allowed/r4", "https://intranet.evil.test/allowed/a");
        String edgeOrigin = "https://localhost:" + edge.port();
        EdgeHarness.RawResponse r1 = edge.get(base + "/allowed/r1", AUTH);
        assertEquals(302, r1.status());
        assertEquals(edgeOrigin + base + "/allowed/next?q=1", r1.header("Location"));
        assertEquals(origin + "/secret/x", edge.get(base + "/allowed/r2", AUTH).header("Location"));
        assertEquals(edgeOrigin + base + "/allowed/relative", edge.get(base + "/allowed/r3", AUTH).header("Location"));
        assertEquals("https://intranet.evil.test/allowed/a", edge.get(base + "/allowed/r4", AUTH).header("Location"));
        assertEquals(4, backend.received().size(), "the proxy never follows a redirect itself");
    }

    @Test
    void anUnreachableBackendIs502AndKeepAliveConnectionsAreReused() throws Exception {
        RecordingBackend gone = new RecordingBackend();
        gone.close();
        try (EdgeHarness toGone = EdgeHarness.simple(new TestAllowList(gone.port()))) {
            assertEquals(502, toGone.get("/corp/http/127.0.0.1/" + gone.port() + "/allowed/a", AUTH).status());
        }
        StringBuilder two = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            two.append("GET ").append(base).append("/allowed/k").append(i).append(" HTTP/1.1\r\nHost: localhost\r\n")
                    .append(AUTH).append("\r\n").append(i == 2 ? "Connection: close\r\n" : "").append("\r\n");
        }
        String answers = edge.rawText(two.toString());
        assertEquals(3, answers.split("HTTP/1.1 200", -1).length - 1, answers);
        assertFalse(answers.contains("HTTP/1.1 5"));
        assertEquals(1, backend.received().stream().mapToInt(RecordingBackend.Received::clientPort).distinct().count(),
                "one pooled backend connection serves consecutive requests");
    }
}
