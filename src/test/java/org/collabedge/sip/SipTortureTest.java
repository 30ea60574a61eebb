package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.collabedge.protection.FailureCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input in the spirit of RFC 4475, sent as raw bytes to the running listeners: each gets the RFC 3261 answer
 * (or is dropped when none can be formed), is reported to intrusion protection, and leaves the edge serving.
 */
class SipTortureTest {

    private EdgeUnderTest edge;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private static String request(String requestLine, String via, String... extra) {
        StringBuilder b = new StringBuilder(requestLine).append("\r\n");
        b.append("Via: ").append(via).append("\r\n");
        b.append("From: <sip:alice@example.com>;tag=t1\r\n");
        b.append("To: <sip:bob@example.com>\r\n");
        b.append("Call-ID: torture-").append(System.nanoTime()).append("\r\n");
        b.append("CSeq: 1 ").append(requestLine, 0, requestLine.indexOf(' ')).append("\r\n");
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String via(RawSipClient c) {
        return "SIP/2.0/" + c.transport() + " " + c.hostPort() + ";branch=" + TestPhone.branch() + ";rport";
    }

    private String ping(RawSipClient c) {
        return request("OPTIONS sip:127.0.0.1:" + (c.transport().equals("UDP") ? edge.udp : edge.tcp) + " SIP/2.0",
                via(c), "Max-Forwards: 70");
    }

    private void assertStillServes(RawSipClient c) throws IOException {
        c.send(ping(c));
        SipMsg ok = c.expectStatus(200);
        assertTrue(ok.header("Allow").contains("INVITE"));
    }

    @Test
    void maxForwardsZeroGets483() throws Exception {
        try (RawSipClient c = RawSipClient.udp(edge.udp)) {
            c.send(request("INVITE sip:bob@example.com SIP/2.0", via(c), "Max-Forwards: 0"));
            assertEquals("Too Many Hops", c.expectStatus(483).firstLine().substring(12));
            assertProtocolFailureReported();
            assertStillServes(c);
        }
    }

    @Test
    void unknownUriSchemeGets416() throws Exception {
        try (RawSipClient c = RawSipClient.udp(edge.udp)) {
            c.send(request("INVITE xyz:bob@example.com SIP/2.0", via(c), "Max-Forwards: 70"));
            assertTrue(c.expectStatus(416).firstLine().contains("Unsupported URI Scheme"));
            assertProtocolFailureReported();
        }
    }

    @Test
    void aStaticRouteBackToTheEdgeItselfIsALoop() throws Exception {
        edge.sipConfig = new org.collabedge.sip.config.SipConfig(org.collabedge.sip.config.SipSettings.defaults(),
                java.util.List.of(new org.collabedge.sip.config.StaticRoute("loop", "*@loop.test", "127.0.0.1",
                        edge.udp, org.collabedge.config.Transport.UDP, false, "points back at the edge")));
        try (TestPhone alice = new TestPhone(RawSipClient.udp(edge.udp), "alice", "example.com", "alice-secret")) {
            String target = "sip:x@loop.test";
            alice.wire.send(alice.request("MESSAGE", target, target, "loop-1", "t1", null, java.util.List.of(),
                    null));
            String auth = alice.answer(alice.wire.expectStatus(407).header("Proxy-Authenticate"), "MESSAGE", target,
                    "alice-secret");
            alice.wire.send(alice.request("MESSAGE", target, target, "loop-1", "t1", null,
                    java.util.List.of("Proxy-Authorization: " + auth), null));
            assertEquals("Loop Detected", alice.wire.expectStatus(482).firstLine().substring(12));
        }
    }

    @Test
    void cseqMethodContradictingTheRequestLineGets400() throws Exception {
        // The stack's parser refuses this one itself ("Bad request") before our validator runs.
        try (RawSipClient c = RawSipClient.udp(edge.udp)) {
            String bad = request("OPTIONS sip:127.0.0.1 SIP/2.0", via(c), "Max-Forwards: 70")
                    .replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
            c.send(bad);
            SipMsg r = c.expectStatus(400);
            assertEquals(400, r.status());
            assertProtocolFailureReported(); // reported by the edge's parser factory, since the valve never sees it
            assertStillServes(c);
        }
    }

    @Test
    void tooManyHeadersGets400() throws Exception {
        try (RawSipClient c = RawSipClient.tcp(edge.tcp)) {
            String[] extra = new String[200];
            for (int i = 0; i < extra.length; i++) {
                extra[i] = "X-Noise-" + i + ": " + i;
            }
            c.send(request("OPTIONS sip:127.0.0.1 SIP/2.0", via(c), extra));
            assertTrue(c.expectStatus(400).firstLine().contains("Too many headers"));
            assertStillServes(c);
        }
    }

    @Test
    void garbageDatagramsAreDroppedAndTheEdgeKeepsServing() throws Exception {
        try (RawSipClient c = RawSipClient.udp(edge.udp)) {
            c.sendBytes(new byte[] {0, 1, 2, 3, (byte) 0xff, '\r', '\n'});
            c.send("NOT A SIP MESSAGE AT ALL\r\n\r\n");
            c.send("INVITE sip:bob@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n"); // no Via, From, To...
            SipMsg m = c.receive(Duration.ofMillis(500));
            assertTrue(m == null || m.status() == 400, String.valueOf(m));
            assertStillServes(c);
            assertEquals(3, edge.failures.stream().filter(f -> f.category() == FailureCategory.SIP_PROTOCOL).count(),
                    "each refused message is one protocol failure: " + edge.failures);
        }
    }

    @Test
    void oversizedStreamMessageClosesOnlyThatConnection() throws Exception {
        try (RawSipClient good = RawSipClient.tcp(edge.tcp); RawSipClient bad = RawSipClient.tcp(edge.tcp)) {
            StringBuilder huge = new StringBuilder(request("MESSAGE sip:bob@example.com SIP/2.0", via(bad),
                    "Max-Forwards: 70").replace("Content-Length: 0", "Content-Length: 200000"));
            huge.append("x".repeat(200_000));
            try {
                bad.send(huge.toString());
            } catch (IOException closedWhileWriting) {
                // the edge may close before all bytes are written
            }
            SipMsg m = bad.receive(Duration.ofSeconds(2));
            assertTrue(m == null || m.status() >= 400, String.valueOf(m));
            assertStillServes(good);
        }
    }

    @Test
    void foldedHeadersAndOddWhitespaceAreStillValid() throws Exception {
        try (RawSipClient c = RawSipClient.udp(edge.udp)) {
            String wsinv = "OPTIONS sip:127.0.0.1:" + edge.udp + " SIP/2.0\r\n"
                    + "Via  :   " + via(c) + "\r\n"
                    + "From: <sip:alice@example.com>\r\n   ;tag=x1\r\n"
                    + "To:\t<sip:bob@example.com>\r\n"
                    + "Call-ID: wsinv-1\r\n"
                    + "CSeq:   9   OPTIONS\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            c.send(wsinv);
            assertEquals(200, c.expectStatus(200).status());
        }
    }

    @Test
    void crlfKeepAliveIsAnsweredOnAFlowInUse() throws Exception {
        // JAIN-SIP answers a CRLF ping only once the connection has carried a SIP message (RFC 5626 clients ping
        // after registering, so that is the case that matters).
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), edge.tcp)) {
            String options = request("OPTIONS sip:127.0.0.1:" + edge.tcp + " SIP/2.0", "SIP/2.0/TCP 127.0.0.1:"
                    + s.getLocalPort() + ";branch=" + TestPhone.branch(), "Max-Forwards: 70");
            s.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(3000);
            byte[] buf = new byte[8192];
            int n = s.getInputStream().read(buf);
            assertTrue(new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("SIP/2.0 200"));
            s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(3000);
            int first = s.getInputStream().read();
            assertEquals('\r', first, "RFC 5626 pong");
        }
    }

    @Test
    void requestsOfOtherDialogsAreUndisturbedByAMalformedOne() throws Exception {
        try (RawSipClient c = RawSipClient.tcp(edge.tcp)) {
            c.send(request("INVITE sip:bob@example.com SIP/2.0", via(c), "Max-Forwards: 0"));
            assertEquals(483, c.expectStatus(483).status());
            assertStillServes(c);
            assertNull(c.receive(Duration.ofMillis(200)));
        }
    }

    private void assertProtocolFailureReported() {
        assertTrue(edge.failures.stream().anyMatch(f -> f.category() == FailureCategory.SIP_PROTOCOL
                && f.source().isLoopbackAddress()), edge.failures.toString());
    }
}
