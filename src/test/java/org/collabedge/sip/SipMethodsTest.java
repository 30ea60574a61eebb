package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.sip.MethodScenarios.Party;
import org.collabedge.sip.status.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every method between two phones registered at the edge (the edge is registrar): alice over TCP, bob over UDP, and
 * for forking a second device of bob's over TCP. Alice's dialog-starting requests are challenged (407) by the edge.
 */
class SipMethodsTest {

    private EdgeUnderTest edge;
    private TestPhone alice;
    private TestPhone bob;
    private MethodScenarios scenarios;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
        alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "example.com", "alice-secret");
        bob = new TestPhone(RawSipClient.udp(edge.udp), "bob", "example.com", "bob-secret");
        assertEquals(200, alice.register(600, "SHA-256").status());
        assertEquals(200, bob.register(600, "SHA-256").status());
        scenarios = new MethodScenarios(new Party(alice, true), new Party(bob, false));
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        edge.close();
    }

    @Test
    void aCallCarriesReInviteUpdateInfoReferAndBye() throws Exception {
        scenarios.callWithEveryInDialogMethod();
        assertTrue(edge.service.currentCalls().isEmpty());
        CallRecord done = edge.service.callHistory().get(0);
        assertEquals(200, done.finalStatus(), "re-INVITEs did not end or re-answer the call: " + done);
        assertNotNull(done.endedAt());
        assertEquals(1, edge.service.callHistory().size());
    }

    @Test
    void aFailedReInviteLeavesTheCallUp() throws Exception {
        MethodScenarios.Call call = scenarios.call(List.of());
        call.a().send("INVITE", List.of(), "application/sdp", MethodScenarios.SDP);
        SipMsg reinvite = MethodScenarios.expectInDialog(bob.wire, "INVITE");
        bob.wire.send(bob.respond(reinvite, 491, "Request Pending", null, null));
        SipMsg pending = MethodScenarios.expectResponse(alice.wire, 491, "INVITE");
        alice.wire.send(MethodScenarios.ackFor(pending, reinvite.requestUri()));
        assertEquals(1, edge.service.currentCalls().size(), "a refused re-INVITE does not end the dialog");
        assertTrue(edge.service.callHistory().isEmpty(), edge.service.callHistory().toString());
        MethodScenarios.exchange(call.a(), call.b(), "BYE", List.of(), null, null, 200, null, null);
        assertTrue(edge.service.currentCalls().isEmpty());
    }

    @Test
    void cancelOfARingingInviteReachesEveryForkedBranch() throws Exception {
        try (TestPhone desk = new TestPhone(RawSipClient.tcp(edge.tcp), "bob", "example.com", "bob-secret")) {
            assertEquals(200, desk.register(600, "SHA-256").status());
            scenarios.cancelWhileRinging(List.of(new Party(bob, false), new Party(desk, false)));
        }
        CallRecord cancelled = edge.service.callHistory().get(0);
        assertEquals(487, cancelled.finalStatus());
        assertEquals("CANCEL from caller", cancelled.endReason());
    }

    @Test
    void aCancelWaitsForTheBranchsFirstProvisionalResponse() throws Exception {
        String target = bob.aor();
        SipMsg invite = MethodScenarios.sendInitial(new Party(alice, true), "INVITE", target, "early-cancel", "a1",
                List.of(), "application/sdp", MethodScenarios.SDP);
        SipMsg in = bob.wire.expectRequest("INVITE");
        alice.wire.send(MethodScenarios.cancelOf(invite));
        MethodScenarios.expectResponse(alice.wire, 200, "CANCEL");
        long quiet = System.nanoTime() + java.time.Duration.ofMillis(400).toNanos();
        while (System.nanoTime() < quiet) {
            SipMsg m = bob.wire.receive(java.time.Duration.ofMillis(50));
            assertTrue(m == null || !m.method().equals("CANCEL"),
                    "RFC 3261 9.1: no CANCEL before the branch answered provisionally");
        }
        bob.wire.send(bob.respond(in, 100, "Trying", null, null));
        SipMsg cancel = bob.wire.expectRequest("CANCEL");
        bob.wire.send(bob.respond(cancel, 200, "OK", null, null));
        bob.wire.send(bob.respond(in, 487, "Request Terminated", "b1", null));
        SipMsg terminated = MethodScenarios.expectResponse(alice.wire, 487, "INVITE");
        alice.wire.send(MethodScenarios.ackFor(terminated, target));
        assertEquals("CANCEL from caller", edge.service.callHistory().get(0).endReason());
    }

    @Test
    void prackAndUpdateInTheEarlyDialog() throws Exception {
        scenarios.prack();
    }

    @Test
    void optionsToAUserAndToTheEdgeItself() throws Exception {
        scenarios.optionsToUser();
        String self = "sip:127.0.0.1:" + edge.tcp;
        alice.wire.send(alice.request("OPTIONS", self, self, "ping-1", "p1", null, List.of(), null));
        SipMsg ok = alice.wire.expectStatus(200);
        for (String method : List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "UPDATE", "PRACK", "SUBSCRIBE",
                "NOTIFY", "MESSAGE", "REFER", "INFO", "REGISTER")) {
            assertTrue(ok.headers("Allow").stream().anyMatch(a -> a.contains(method)), method + " in Allow");
        }
    }

    @Test
    void messageIsDelivered() throws Exception {
        scenarios.message();
    }

    @ParameterizedTest
    @CsvSource({"presence, application/pidf+xml",
            "dialog, application/dialog-info+xml",
            "message-summary, application/simple-message-summary"})
    void subscribeAndNotifyFollowTheRecordRoute(String event, String contentType) throws Exception {
        String body = switch (event) {
            case "presence" -> MethodScenarios.presence("bob@example.com");
            case "dialog" -> "<?xml version=\"1.0\"?>\r\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" "
                    + "version=\"0\" state=\"full\" entity=\"sip:bob@example.com\"/>\r\n";
            default -> "Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/2)\r\n";
        };
        scenarios.subscription(event, contentType, body);
    }
}
