package org.collabedge.sip;

import static org.collabedge.sip.SipSteps.ackFor;
import static org.collabedge.sip.SipSteps.reversed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.status.CallRecord;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two raw-socket phones register with the edge (UDP and TCP) and call each other through it. */
class SipEdgeCallTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";

    private EdgeUnderTest edge;
    private TestPhone alice;
    private TestPhone bob;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
        alice = new TestPhone(RawSipClient.udp(edge.udp), "alice", "example.com", "alice-secret");
        bob = new TestPhone(RawSipClient.tcp(edge.tcp), "bob", "example.com", "bob-secret");
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        edge.close();
    }

    @Test
    void registersWithSha256AndMd5AndShowsBindings() throws Exception {
        SipMsg a = alice.register(600, "SHA-256");
        assertEquals(200, a.status(), a.toString());
        assertTrue(a.header("Contact").contains("expires=600") || a.header("Contact").contains("expires=599"),
                a.header("Contact"));
        assertEquals(200, bob.register(600, "MD5").status());

        List<RegistrationView> views = edge.service.registrations();
        assertEquals(2, views.size());
        RegistrationView b = views.stream().filter(v -> v.addressOfRecord().equals("sip:bob@example.com"))
                .findFirst().orElseThrow();
        assertEquals("TCP", b.transport());
        assertEquals(FlowState.OPEN, b.flowState());
        assertEquals("127.0.0.1:" + bob.wire.localPort(), b.remoteAddress());
        assertEquals("node-1", b.nodeId());
        assertTrue(edge.presence.contains("alice/sip AVAILABLE Registered by SIP"), edge.presence.toString());
        assertTrue(edge.metrics.scrape().contains("collabedge_sip_registrations 2"), edge.metrics.scrape());
    }

    @Test
    void unregisteringTheLastBindingEndsSipPresence() throws Exception {
        assertEquals(200, alice.register(600, "SHA-256").status());
        SipMsg gone = alice.register(0, "SHA-256");
        assertEquals(200, gone.status());
        assertTrue(gone.headers("Contact").isEmpty(), "no bindings left");
        assertTrue(edge.service.registrations().isEmpty());
        assertEquals(List.of("alice/sip AVAILABLE Registered by SIP", "alice/sip unavailable"), edge.presence);
    }

    @Test
    void aLapsedBindingEndsSipPresenceAtTheNextSweep() throws Exception {
        SipSettings d = SipSettings.defaults();
        edge.sipConfig = new org.collabedge.sip.config.SipConfig(new SipSettings(d.registrationMode(),
                d.edgeAuthForInternal(), d.digestAlgorithms(), d.bearerTokens(), 1, d.maxExpiresSeconds(),
                d.defaultExpiresSeconds(), d.flowTimerSeconds()), List.of());
        assertEquals(200, alice.register(1, "SHA-256").status());
        edge.service.sweepExpired();
        assertEquals(List.of("alice/sip AVAILABLE Registered by SIP"), edge.presence, "still registered");
        Thread.sleep(1200);
        edge.service.sweepExpired();
        assertEquals(List.of("alice/sip AVAILABLE Registered by SIP", "alice/sip unavailable"), edge.presence);
    }

    @Test
    void wrongSecretIsChallengedAgainAndCounted() throws Exception {
        TestPhone impostor = new TestPhone(alice.wire, "alice", "example.com", "guess");
        assertEquals(401, impostor.register(600, "SHA-256").status());
        assertTrue(edge.failures.stream().anyMatch(f -> f.user() != null && f.user().equals("alice")
                && f.category().name().equals("SIP_AUTHENTICATION")), edge.failures.toString());
        assertTrue(edge.service.registrations().isEmpty());
    }

    @Test
    void aReplayedAuthorizationAndOneForAnotherUriAreRefused() throws Exception {
        String uri = "sip:example.com";
        alice.wire.send(alice.request("REGISTER", uri, alice.aor(), "replay-1", "r1", null, List.of("Expires: 600"),
                null));
        String challenge = alice.wire.expectStatus(401).headers("WWW-Authenticate").get(0);
        String credentials = "Authorization: " + alice.answer(challenge, "REGISTER", uri, "alice-secret");
        alice.wire.send(alice.request("REGISTER", uri, alice.aor(), "replay-1", "r1", null,
                List.of("Expires: 600", credentials), null));
        assertEquals(200, alice.wire.expectStatus(200).status());
        edge.failures.clear();

        // The same credentials again, in a new transaction: nonce count 00000001 was spent.
        alice.wire.send(alice.request("REGISTER", uri, alice.aor(), "replay-1", "r1", null,
                List.of("Expires: 600", credentials), null));
        SipMsg replayed = alice.wire.expectStatus(401);
        assertFalse(replayed.header("WWW-Authenticate").contains("stale=true"), "a replay is not a stale nonce");
        assertTrue(edge.failures.stream().anyMatch(f -> f.category().name().equals("SIP_AUTHENTICATION")));

        // A right answer computed for another Request-URI.
        String fresh = replayed.headers("WWW-Authenticate").get(0);
        alice.wire.send(alice.request("REGISTER", uri, alice.aor(), "replay-1", "r1", null, List.of("Expires: 600",
                "Authorization: " + alice.answer(fresh, "REGISTER", "sip:other.example.com", "alice-secret")),
                null));
        assertEquals("Digest URI Does Not Match Request-URI", alice.wire.expectStatus(400).firstLine().substring(12));
    }

    @Test
    void registersWithAnRfc8898BearerToken() throws Exception {
        edge.tokens = (token, use) -> token.equals("good-token") && use == org.collabedge.auth.TokenUse.SIP
                ? java.util.Optional.of(new org.collabedge.auth.VerifiedToken("alice",
                        java.time.Instant.now().plusSeconds(600), org.collabedge.auth.TokenSource.PASSWORD))
                : java.util.Optional.empty();
        String aor = alice.aor();
        alice.wire.send(alice.request("REGISTER", "sip:example.com", aor, "b-1", "r1", null,
                List.of("Expires: 600", "Authorization: Bearer bad-token"), null));
        SipMsg refused = alice.wire.expectStatus(401);
        assertTrue(refused.headers("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Bearer")));
        assertTrue(edge.failures.stream().anyMatch(f -> f.category().name().equals("SIP_AUTHENTICATION")));
        alice.wire.send(alice.request("REGISTER", "sip:example.com", aor, "b-1", "r1", null,
                List.of("Expires: 600", "Authorization: Bearer good-token"), null));
        assertEquals(200, alice.wire.expectStatus(200).status());
        assertEquals(1, edge.service.registrations().size());
    }

    @Test
    void overTheAuthorizationRateGets503WithRetryAfter() throws Exception {
        edge.rate = user -> org.collabedge.protection.RateDecision.refused(Duration.ofSeconds(42));
        SipMsg r = alice.register(600, "SHA-256");
        assertEquals(503, r.status());
        assertEquals("42", r.header("Retry-After"));
    }

    @Test
    void expiryBelowTheMinimumGets423() throws Exception {
        SipMsg r = alice.register(10, "SHA-256");
        assertEquals(423, r.status());
        assertEquals("60", r.header("Min-Expires"));
    }

    @Test
    void callBetweenRegisteredUsersIsRecordRoutedAndEndsWithBye() throws Exception {
        assertEquals(200, alice.register(600, "SHA-256").status());
        assertEquals(200, bob.register(600, "SHA-256").status());
        String callId = UUID.randomUUID().toString();
        String bobAor = bob.aor();

        alice.wire.send(alice.request("INVITE", bobAor, bobAor, callId, "a1", null, List.of(), SDP));
        SipMsg challenge = alice.wire.expectStatus(407);
        alice.wire.send(ackFor(challenge, bobAor));
        String auth = alice.answer(challenge.header("Proxy-Authenticate"), "INVITE", bobAor, "alice-secret");
        alice.wire.send(alice.request("INVITE", bobAor, bobAor, callId, "a1", null,
                List.of("Proxy-Authorization: " + auth), SDP));

        SipMsg invite = bob.wire.expectRequest("INVITE");
        assertEquals(bob.contact(), invite.requestUri());
        assertEquals(2, invite.headers("Via").size(), "edge Via on top of alice's");
        assertEquals("69", invite.header("Max-Forwards"));
        assertTrue(invite.body().contains("m=audio 40000"), "SDP passes unchanged");
        List<String> rr = invite.headers("Record-Route");
        assertFalse(rr.isEmpty());
        assertTrue(rr.get(0).contains("127.0.0.1:" + edge.tcp) && rr.get(0).contains(";lr"), rr.toString());
        assertTrue(invite.header("Proxy-Authorization") != null, "credentials for the edge stay (RFC 3261 16.6)");

        bob.wire.send(bob.respond(invite, 180, "Ringing", "b1", null));
        assertEquals(180, alice.wire.expectStatus(180).status());
        bob.wire.send(bob.respond(invite, 200, "OK", "b1", SDP));
        SipMsg ok = alice.wire.expectStatus(200);
        assertEquals(rr, ok.headers("Record-Route"), "alice learns the same route set");
        assertEquals(1, ok.headers("Via").size(), "the edge removed its own Via");
        assertEquals(1, edge.service.currentCalls().size());
        assertTrue(edge.presence.contains("bob/sip DND On the phone"), edge.presence.toString());

        // ACK and BYE follow the route set: Route = reversed Record-Route, Request-URI = bob's Contact.
        List<String> routes = reversed(ok.headers("Record-Route"));
        String bobContact = ok.header("Contact").replaceAll("^<|>.*$", "");
        alice.wire.send(inDialog(alice, "ACK", bobContact, callId, routes, 2));
        SipMsg ack = bob.wire.expectRequest("ACK");
        assertTrue(ack.headers("Route").isEmpty(), "the edge consumed its own Route entries");
        alice.wire.send(inDialog(alice, "BYE", bobContact, callId, routes, 3));
        SipMsg bye = bob.wire.expectRequest("BYE");
        bob.wire.send(bob.respond(bye, 200, "OK", null, null));
        assertEquals("BYE", alice.wire.expectStatus(200).method());

        CallRecord done = edge.service.callHistory().get(0);
        assertEquals(callId, done.callId());
        assertNotNull(done.answeredAt());
        assertNotNull(done.endedAt());
        assertEquals(200, done.finalStatus());
        assertEquals("edge registrar", done.route());
        assertTrue(edge.service.currentCalls().isEmpty());
        String metrics = edge.metrics.scrape();
        assertTrue(metrics.contains("collabedge_sip_requests_total{method=\"INVITE\"} 2.0"), metrics);
        assertTrue(metrics.contains("collabedge_sip_responses_total{code=\"407\"} 1.0"), metrics);
    }

    @Test
    void aHandMadeFlowTokenDoesNotReachAnotherClientsConnection() throws Exception {
        assertEquals(200, alice.register(600, "SHA-256").status());
        assertEquals(200, bob.register(600, "SHA-256").status());
        // Alice writes the edge's Route herself, naming her flow as caller and bob's TCP connection as callee, in
        // the plain base64 form: without the edge's key she cannot sign it, so the edge does not use bob's flow.
        java.util.function.Function<String, String> b64 = k -> java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String forged = "<sip:127.0.0.1:" + edge.udp + ";transport=udp;lr;ce-a="
                + b64.apply("UDP:127.0.0.1:" + alice.wire.localPort()) + ";ce-b="
                + b64.apply("TCP:127.0.0.1:" + bob.wire.localPort()) + ">";
        String callId = UUID.randomUUID().toString();
        String message = inDialog(alice, "MESSAGE", alice.contact(), callId, List.of(forged), 1)
                .replace("Content-Length: 0", "Content-Type: text/plain\r\nContent-Length: 5");
        alice.wire.send(message + "hello");
        assertEquals(null, bob.wire.receive(Duration.ofMillis(1500)), "nothing reaches bob's connection");
    }

    @Test
    void callToAClosedFlowFailsFastWith480() throws Exception {
        assertEquals(200, alice.register(600, "SHA-256").status());
        assertEquals(200, bob.register(600, "SHA-256").status());
        bob.wire.close();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && edge.service.registrations().stream()
                .noneMatch(v -> v.flowState() == FlowState.CLOSED)) {
            Thread.sleep(20);
        }
        assertTrue(edge.service.registrations().stream().anyMatch(v -> v.flowState() == FlowState.CLOSED));

        String callId = UUID.randomUUID().toString();
        String bobAor = bob.aor();
        alice.wire.send(alice.request("INVITE", bobAor, bobAor, callId, "a1", null, List.of(), SDP));
        SipMsg challenge = alice.wire.expectStatus(407);
        alice.wire.send(ackFor(challenge, bobAor));
        String auth = alice.answer(challenge.header("Proxy-Authenticate"), "INVITE", bobAor, "alice-secret");
        long sent = System.nanoTime();
        alice.wire.send(alice.request("INVITE", bobAor, bobAor, callId, "a1", null,
                List.of("Proxy-Authorization: " + auth), SDP));
        SipMsg failed = alice.wire.expectStatus(480);
        assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() < 1000, "fails fast, not by time-out");
        assertEquals("Flow Closed", failed.firstLine().substring(12));
    }

    @Test
    void callToAnUnregisteredUserGets480() throws Exception {
        assertEquals(200, alice.register(600, "SHA-256").status());
        String carol = "sip:carol@example.com";
        String callId = UUID.randomUUID().toString();
        alice.wire.send(alice.request("MESSAGE", carol, carol, callId, "m1", null, List.of(), null));
        SipMsg challenge = alice.wire.expectStatus(407);
        String auth = alice.answer(challenge.header("Proxy-Authenticate"), "MESSAGE", carol, "alice-secret");
        alice.wire.send(alice.request("MESSAGE", carol, carol, callId, "m1", null,
                List.of("Proxy-Authorization: " + auth), null));
        assertEquals(480, alice.wire.expectStatus(480).status());
    }


    private static String inDialog(TestPhone phone, String method, String target, String callId,
                                   List<String> routes, int cseq) {
        StringBuilder b = new StringBuilder(method + " " + target + " SIP/2.0\r\n");
        b.append("Via: ").append(phone.via(TestPhone.branch())).append("\r\n");
        routes.forEach(r -> b.append("Route: ").append(r).append("\r\n"));
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(phone.aor()).append(">;tag=a1\r\n");
        b.append("To: <sip:bob@example.com>;tag=b1\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(method.equals("ACK") ? 2 : cseq).append(' ').append(method).append("\r\n");
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }

}
