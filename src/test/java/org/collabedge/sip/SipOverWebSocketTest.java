package org.collabedge.sip;

import static org.collabedge.sip.SipSteps.ackFor;
import static org.collabedge.sip.SipSteps.reversed;
import static org.collabedge.sip.SipSteps.contactUri;
import static org.collabedge.sip.SipSteps.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.collabedge.admin.SipListenerRows;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.status.CallRecord;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIP over secure WebSocket (RFC 7118): a browser-like client registers over wss with digest, calls and is called
 * by a TLS phone through the edge, and the listener keeps out what it must (no "sip" subprotocol, banned addresses,
 * oversized or broken messages).
 */
class SipOverWebSocketTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private EdgeUnderTest edge;
    private int wss;
    private X509Certificate certificate;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
        certificate = edge.certificates.identity().certificate();
        wss = EdgeUnderTest.freePort();
        assertNull(switchWss(true, wss), "applied live");
        assertEquals(wss, edge.service.ports().get("WSS"));
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        edge.close();
    }

    @Test
    void registersOverWssAndCallsATlsPhoneBothWays() throws Exception {
        WssPhone alice = wssPhone("alice", "alice-secret");
        assertEquals("sip", alice.ws.subprotocol());
        assertEquals(200, alice.register(600).status());
        RegistrationView view = edge.service.registrations().get(0);
        assertEquals("WSS", view.transport());
        assertEquals(FlowState.OPEN, view.flowState());
        assertTrue(view.contact().contains(".invalid"), view.contact());

        TestPhone bob = tlsPhone("bob", "bob-secret");
        assertEquals(200, bob.register(600, "SHA-256").status());

        // bob (TLS) calls alice (WSS): the edge routes by alice's WebSocket, not by her unreachable .invalid Contact.
        String call1 = UUID.randomUUID().toString();
        SipMsg invite = authorizedInvite(bob, alice.aor, call1);
        SipMsg atAlice = alice.ws.expectRequest("INVITE");
        assertEquals(alice.contact, atAlice.requestUri());
        assertTrue(atAlice.header("Via").startsWith("SIP/2.0/WSS "), atAlice.header("Via"));
        List<String> rr = atAlice.headers("Record-Route");
        assertEquals(2, rr.size(), "double Record-Route between the TLS and the WSS leg: " + rr);
        assertTrue(rr.get(0).contains("transport=wss") && rr.get(1).contains("transport=tls"), rr.toString());
        alice.ws.send(alice.respond(atAlice, 180, "Ringing", null));
        assertEquals(180, bob.wire.expectStatus(180).status());
        alice.ws.send(alice.respond(atAlice, 200, "OK", SDP));
        SipMsg ok = bob.wire.expectStatus(200);
        assertEquals(rr, ok.headers("Record-Route"));
        assertEquals(alice.contact, contactUri(ok));
        bob.wire.send(inDialog(bob.via(TestPhone.branch()), "ACK", alice.contact, ok, reversed(rr), 2, false));
        assertTrue(alice.ws.expectRequest("ACK").headers("Route").isEmpty(), "the edge consumed its Route entries");
        // alice hangs up over her WebSocket; as callee her route set is the Record-Route in order.
        alice.ws.send(inDialog(alice.via(), "BYE", contactUri(invite), atAlice, rr, 1, true));
        SipMsg bye = bob.wire.expectRequest("BYE");
        bob.wire.send(bob.respond(bye, 200, "OK", null, null));
        assertEquals("BYE", alice.ws.expectStatus(200).method());

        // alice (WSS) calls bob (TLS); bob hangs up.
        String call2 = UUID.randomUUID().toString();
        alice.ws.send(alice.request("INVITE", bob.aor(), bob.aor(), call2, "a2", List.of(), SDP));
        SipMsg challenge = alice.ws.expectStatus(407);
        alice.ws.send(ackFor(challenge, bob.aor()));
        alice.ws.send(alice.request("INVITE", bob.aor(), bob.aor(), call2, "a2", List.of("Proxy-Authorization: "
                + alice.digest.answer(challenge.header("Proxy-Authenticate"), "INVITE", bob.aor(), "alice-secret")),
                SDP));
        SipMsg atBob = bob.wire.expectRequest("INVITE");
        List<String> rr2 = atBob.headers("Record-Route");
        assertEquals(2, rr2.size(), rr2.toString());
        assertTrue(rr2.get(0).contains("transport=tls") && rr2.get(1).contains("transport=wss"), rr2.toString());
        bob.wire.send(bob.respond(atBob, 200, "OK", "b2", SDP));
        SipMsg ok2 = alice.ws.expectStatus(200);
        alice.ws.send(inDialog(alice.via(), "ACK", contactUri(ok2), ok2, reversed(rr2), 3, false));
        assertTrue(bob.wire.expectRequest("ACK").headers("Route").isEmpty());
        bob.wire.send(inDialog(bob.via(TestPhone.branch()), "BYE", alice.contact, atBob, rr2, 1, true));
        SipMsg byeAtAlice = alice.ws.expectRequest("BYE");
        alice.ws.send(alice.respond(byeAtAlice, 200, "OK", null));
        assertEquals("BYE", bob.wire.expectStatus(200).method());

        List<CallRecord> history = edge.service.callHistory();
        assertEquals(2, history.size());
        assertTrue(history.stream().allMatch(c -> c.finalStatus() == 200 && c.endedAt() != null), history.toString());
        assertTrue(edge.service.currentCalls().isEmpty());
    }

    @Test
    void anUpgradeWithoutTheSipSubprotocolIsRefusedAndCounted() {
        for (String[] offered : List.of(new String[0], new String[] {"chat"})) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> WssSipClient.connect(wss, certificate, offered));
            WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
            assertEquals(400, refused.getResponse().statusCode());
        }
        assertEquals(2, protocolFailures());
        assertTrue(edge.metrics.scrape().contains("collabedge_sip_failures_total{kind=\"protocol\"} 2.0"),
                edge.metrics.scrape());
        try (WssSipClient both = WssSipClient.connect(wss, certificate, "chat", "sip")) {
            assertEquals("sip", both.subprotocol(), "sip is picked from several offered");
        }
    }

    @Test
    void onlyPagesOfAllowedSitesOpenTheWebSocketAndARefusalIsCounted() throws Exception {
        CompletionException e = assertThrows(CompletionException.class,
                () -> WssSipClient.connectFrom("https://phone.example.com", wss, certificate, "sip"));
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode(),
                "no site is allowed by default");
        assertEquals(1, protocolFailures());

        edge.sipConfig = new org.collabedge.sip.config.SipConfig(edge.sipConfig.settings()
                .withAllowedWebSocketOrigins(List.of("https://phone.example.com")), edge.sipConfig.routes());
        try (WssSipClient allowed = WssSipClient.connectFrom("https://phone.example.com", wss, certificate, "sip")) {
            WssPhone alice = new WssPhone(allowed, "alice", "example.com", "alice-secret");
            assertEquals(200, alice.register(600).status(), "the allow-list applies to the next handshake");
        }
        e = assertThrows(CompletionException.class,
                () -> WssSipClient.connectFrom("https://evil.example", wss, certificate, "sip"));
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        assertEquals(2, protocolFailures());
        try (WssSipClient softphone = WssSipClient.connect(wss, certificate, "sip")) {
            assertEquals("sip", softphone.subprotocol(), "a client without Origin is not a browser: accepted");
        }
    }

    @Test
    void aBannedAddressIsRefusedBeforeTheHandshakeAndABanClosesItsWebSockets() throws Exception {
        WssPhone alice = wssPhone("alice", "alice-secret");
        assertEquals(200, alice.register(600).status());

        edge.gate.ban(LOOPBACK);
        assertNotNull(alice.ws.closedByEdge(Duration.ofSeconds(5)), "the ban closed the open WebSocket");
        waitFor(() -> edge.service.registrations().get(0).flowState() == FlowState.CLOSED);
        try (Socket plain = new Socket(LOOPBACK, wss)) {
            plain.setSoTimeout(2000);
            assertEquals(-1, plain.getInputStream().read(), "closed before a single TLS byte");
        }
        assertEquals(0, protocolFailures(), "no handshake was attempted, so none failed");

        edge.gate.unban(LOOPBACK);
        try (Socket plain = new Socket(LOOPBACK, wss)) {
            plain.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> plain.getInputStream().read(),
                    "an admitted client is waited on for its TLS ClientHello");
        }
    }

    @Test
    void aBrowserWritingWsInItsViaGetsAFlowOverItsSecureWebSocket() throws Exception {
        WssPhone alice = wssPhone("alice", "alice-secret");
        alice.viaTransport = "WS";
        assertEquals(200, alice.register(600).status());
        RegistrationView view = edge.service.registrations().get(0);
        assertEquals("WSS", view.transport(), "the connection's transport, not the Via's");
        assertEquals(FlowState.OPEN, view.flowState());

        TestPhone bob = tlsPhone("bob", "bob-secret");
        assertEquals(200, bob.register(600, "SHA-256").status());
        authorizedInvite(bob, alice.aor, UUID.randomUUID().toString());
        SipMsg atAlice = alice.ws.expectRequest("INVITE");
        assertEquals(alice.contact, atAlice.requestUri());
        alice.ws.send(alice.respond(atAlice, 486, "Busy Here", null));
        assertEquals(486, bob.wire.expectStatus(486).status());
    }

    @Test
    void aClosedWebSocketMakesACallToItFailFastWith480() throws Exception {
        WssPhone alice = wssPhone("alice", "alice-secret");
        assertEquals(200, alice.register(600).status());
        TestPhone bob = tlsPhone("bob", "bob-secret");
        assertEquals(200, bob.register(600, "SHA-256").status());

        alice.ws.close();
        waitFor(() -> edge.service.registrations().stream().anyMatch(v -> v.transport().equals("WSS")
                && v.flowState() == FlowState.CLOSED));
        long sent = System.nanoTime();
        authorizedInvite(bob, alice.aor, UUID.randomUUID().toString());
        assertEquals("Flow Closed", bob.wire.expectStatus(480).firstLine().substring(12));
        assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() < 2000, "fails fast, not by time-out");
    }

    @Test
    void aNewCertificateServesTheNextWebSocketWithTls12OrLater() throws Exception {
        edge.certificates.regenerateSelfSigned("edge.example.com");
        X509Certificate renewed = edge.certificates.identity().certificate();
        assertFalse(renewed.equals(certificate));
        assertThrows(CompletionException.class, () -> WssSipClient.connect(wss, certificate, "sip"),
                "the old certificate is no longer served");
        WssSipClient ws = WssSipClient.connect(wss, renewed, "sip");
        open.add(ws);
        assertEquals(200, new WssPhone(ws, "alice", "example.com", "alice-secret").register(600).status());

        javax.net.ssl.SSLContext tls11 = javax.net.ssl.SSLContext.getInstance("TLS");
        tls11.init(null, null, null);
        try (javax.net.ssl.SSLSocket old = (javax.net.ssl.SSLSocket) tls11.getSocketFactory()
                .createSocket(LOOPBACK, wss)) {
            old.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThrows(IOException.class, old::startHandshake, "TLS 1.1 is refused");
        }
    }

    @Test
    void theListenerIsSwitchedOffAndOnLive() throws Exception {
        assertEquals("open", wssRow().state(), "the SIP settings page reports it");
        assertEquals("wss://127.0.0.1:" + wss + "/", wssRow().url());
        TestPhone bob = tlsPhone("bob", "bob-secret");
        assertEquals(200, bob.register(600, "SHA-256").status());
        WssSipClient connected = WssSipClient.connect(wss, certificate, "sip");
        open.add(connected);
        assertNull(switchWss(false, wss));
        assertFalse(edge.service.ports().containsKey("WSS"));
        assertEquals("off", wssRow().state());
        assertNotNull(connected.closedByEdge(Duration.ofSeconds(5)), "its WebSockets closed with it");
        waitFor(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive()
                && (t.getName().startsWith("MessageProcessorThread-WSS") || t.getName().startsWith("WSSMessage"))));
        assertThrows(CompletionException.class, () -> WssSipClient.connect(wss, certificate, "sip"));

        int moved = EdgeUnderTest.freePort();
        assertNull(switchWss(true, moved));
        assertEquals(moved, edge.service.ports().get("WSS"));
        WssSipClient ws = WssSipClient.connect(moved, certificate, "sip");
        open.add(ws);
        WssPhone alice = new WssPhone(ws, "alice", "example.com", "alice-secret");
        assertEquals(200, alice.register(600).status());
        assertEquals(200, bob.register(600, "SHA-256").status(), "the TLS listener and its phones were left alone");
        assertTrue(edge.service.registrations().stream().allMatch(v -> v.flowState() == FlowState.OPEN),
                edge.service.registrations().toString());
    }

    @Test
    void oversizedAndBrokenMessagesCostOnlyTheirOwnConnection() throws Exception {
        WssPhone alice = wssPhone("alice", "alice-secret");
        assertEquals(200, alice.register(600).status());
        WssPhone bob = wssPhone("bob", "bob-secret");

        // A Content-Length that contradicts the frame is dropped, the connection stays usable.
        bob.ws.send(bob.request("OPTIONS", "sip:example.com", "sip:example.com", "x-1", "o1", List.of(), null)
                .replace("Content-Length: 0", "Content-Length: 40"));
        waitFor(() -> protocolFailures() == 1);
        assertEquals(200, bob.register(600).status());

        bob.ws.sendBinary(new byte[70_000]);
        assertEquals(1009, bob.ws.closedByEdge(Duration.ofSeconds(5)), "message too big");
        waitFor(() -> protocolFailures() == 2);
        assertEquals(200, alice.register(600).status(), "other WebSockets are unharmed");
    }

    // ---- helpers

    private SipListenerRows wssRow() {
        return SipListenerRows.of(edge.config.settings(), edge.service).stream()
                .filter(r -> r.transport().equals("WSS")).findFirst().orElseThrow();
    }

    private String switchWss(boolean on, int port) {
        return WssPhone.switchListener(edge, on, port);
    }

    private WssPhone wssPhone(String user, String secret) {
        WssSipClient ws = WssSipClient.connect(wss, certificate, "sip");
        open.add(ws);
        return new WssPhone(ws, user, "example.com", secret);
    }

    private TestPhone tlsPhone(String user, String secret) throws IOException {
        TestPhone phone = new TestPhone(RawSipClient.tls(edge.tls, edge.trustingClientContext()), user,
                "example.com", secret);
        open.add(phone);
        return phone;
    }

    /** An INVITE from a TLS phone through the edge's proxy challenge; returns the INVITE as sent. */
    private static SipMsg authorizedInvite(TestPhone caller, String target, String callId) throws IOException {
        caller.wire.send(caller.request("INVITE", target, target, callId, "c1", null, List.of(), SDP));
        SipMsg challenge = caller.wire.expectStatus(407);
        caller.wire.send(ackFor(challenge, target));
        String invite = caller.request("INVITE", target, target, callId, "c1", null, List.of("Proxy-Authorization: "
                + caller.answer(challenge.header("Proxy-Authenticate"), "INVITE", target, caller.password)), SDP);
        caller.wire.send(invite);
        return SipMsg.parse(invite);
    }

    private long protocolFailures() {
        synchronized (edge.failures) {
            return edge.failures.stream().filter(f -> f.category() == FailureCategory.SIP_PROTOCOL).count();
        }
    }




    /**
     * A request inside the dialog of {@code m} (the INVITE received, or the 200 answering one sent).
     * {@code callee} says whether the sender is the dialog's callee (From and To swap).
     */
    private static String inDialog(String via, String method, String target, SipMsg m, List<String> routes,
                                   int cseq, boolean callee) {
        String from = callee ? m.header("To") : m.header("From");
        String to = callee ? m.header("From") : m.header("To");
        if (callee && !from.contains("tag=")) {
            from = from + ";tag=callee";
        }
        StringBuilder b = new StringBuilder(method + " " + target + " SIP/2.0\r\n");
        b.append("Via: ").append(via).append("\r\n");
        routes.forEach(r -> b.append("Route: ").append(r).append("\r\n"));
        b.append("Max-Forwards: 70\r\n");
        b.append("From: ").append(from).append("\r\n");
        b.append("To: ").append(to).append("\r\n");
        b.append("Call-ID: ").append(m.header("Call-ID")).append("\r\n");
        b.append("CSeq: ").append(method.equals("ACK") ? m.header("CSeq").replaceAll("\\D+$", "").trim()
                : String.valueOf(cseq + 100)).append(' ').append(method).append("\r\n");
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }

}
