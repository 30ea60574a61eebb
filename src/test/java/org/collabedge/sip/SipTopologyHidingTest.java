package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.collabedge.config.Domain;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.testing.peers.Kamailio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call from remote client alice to remote client bob through the edge and a real Kamailio (which record-routes):
 * neither client sees Kamailio or the other leg in Via or Record-Route, and ACK, re-INVITE and BYE still find their
 * way in both directions because the edge puts the hidden route entries back.
 */
class SipTopologyHidingTest {

    @TempDir
    Path dir;

    @Test
    void clientsSeeOnlyTheEdgeAndDialogsStillWorkBothWays() throws Exception {
        try (Kamailio kamailio = SipInternalCallControlTest.kamailio(dir);
             EdgeUnderTest edge = new EdgeUnderTest(
                     List.of(new Domain("inside.test", false, true, false, false, "default")),
                     List.of(new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailio.port(),
                             Transport.UDP, false, "", "default")));
             TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "inside.test", "kam-alice");
             TestPhone bob = new TestPhone(RawSipClient.udp(edge.udp), "bob", "inside.test", "kam-bob")) {
            assertEquals(200, bob.register(300, "MD5").status());
            assertEquals(200, alice.register(300, "MD5").status());
            String kam = ":" + kamailio.port();

            String callId = UUID.randomUUID().toString();
            alice.wire.send(alice.request("INVITE", bob.aor(), bob.aor(), callId, "a1", null, List.of(), "v=0\r\n"));
            SipMsg invite = bob.wire.expectRequest("INVITE");
            assertEquals(1, invite.headers("Via").size(), "only the edge's Via: " + invite.headers("Via"));
            assertEquals(1, invite.headers("Record-Route").size(), "only the edge's Record-Route");
            onlyTheEdge(invite, edge.udp, kam);
            assertEquals(callId, invite.header("Call-ID"), "Call-ID stays");
            bob.wire.send(bob.respond(invite, 200, "OK", "b1", "v=0\r\n"));
            SipMsg ok = alice.wire.expectStatus(200);
            assertEquals(1, ok.headers("Via").size());
            onlyTheEdge(ok, -1, kam);
            assertTrue(ok.header("Contact").contains(bob.contact()), "the remote target stays: " + ok.header("Contact"));

            List<String> aliceRoute = new ArrayList<>(ok.headers("Record-Route"));
            Collections.reverse(aliceRoute);
            List<String> bobRoute = invite.headers("Record-Route");
            String aliceTarget = strip(invite.header("Contact"));
            String bobTarget = strip(ok.header("Contact"));

            alice.wire.send(inDialog(alice, "ACK", bobTarget, bob.aor(), callId, "a1", "b1", aliceRoute, 1));
            assertEquals("ACK", bob.wire.expectRequest("ACK").method(), "ACK from outside back through Kamailio");

            bob.wire.send(inDialog(bob, "INVITE", aliceTarget, alice.aor(), callId, "b1", "a1", bobRoute, 1));
            SipMsg reInvite = alice.wire.expectRequest("INVITE");
            assertEquals(1, reInvite.headers("Via").size(), "re-INVITE from the other side: " + reInvite.headers("Via"));
            onlyTheEdge(reInvite, edge.tcp, kam);
            alice.wire.send(alice.respond(reInvite, 200, "OK", null, "v=0\r\n"));
            assertEquals(200, bob.wire.expectStatus(200).status(), "the re-INVITE's 200 finds bob's Via again");
            bob.wire.send(inDialog(bob, "ACK", aliceTarget, alice.aor(), callId, "b1", "a1", bobRoute, 1));
            alice.wire.expectRequest("ACK");

            alice.wire.send(inDialog(alice, "INVITE", bobTarget, bob.aor(), callId, "a1", "b1", aliceRoute, 2));
            SipMsg aliceReInvite = bob.wire.expectRequest("INVITE");
            onlyTheEdge(aliceReInvite, edge.udp, kam);
            bob.wire.send(bob.respond(aliceReInvite, 200, "OK", null, "v=0\r\n"));
            assertEquals(200, alice.wire.expectStatus(200).status());
            alice.wire.send(inDialog(alice, "ACK", bobTarget, bob.aor(), callId, "a1", "b1", aliceRoute, 2));
            bob.wire.expectRequest("ACK");

            bob.wire.send(inDialog(bob, "BYE", aliceTarget, alice.aor(), callId, "b1", "a1", bobRoute, 2));
            SipMsg bye = alice.wire.expectRequest("BYE");
            onlyTheEdge(bye, edge.tcp, kam);
            alice.wire.send(alice.respond(bye, 200, "OK", null, null));
            SipMsg byeOk = bob.wire.expectStatus(200);
            assertEquals("BYE", byeOk.header("CSeq").replaceAll("\\d+ ", ""));
        }
    }

    /** Every Via and Record-Route names the edge (at {@code port} for the top Via, if given), none Kamailio. */
    private static void onlyTheEdge(SipMsg m, int port, String kamailioPort) {
        for (String h : m.headers("Record-Route")) {
            assertFalse(h.contains(kamailioPort), "Kamailio hidden: " + h);
            assertTrue(h.startsWith("<sip:127.0.0.1:"), "the edge's entry: " + h);
        }
        for (String v : m.headers("Via")) {
            assertFalse(v.contains(kamailioPort), "Kamailio's Via hidden: " + v);
        }
        for (String r : m.headers("Route")) {
            assertFalse(r.contains(kamailioPort), "Kamailio's route entry hidden: " + r);
        }
        if (port > 0 && m.firstLine().endsWith("SIP/2.0")) {
            assertTrue(m.headers("Via").get(0).contains("127.0.0.1:" + port), m.headers("Via").get(0));
        }
    }

    private static String strip(String contact) {
        int lt = contact.indexOf('<');
        return lt < 0 ? contact : contact.substring(lt + 1, contact.indexOf('>'));
    }

    private static String inDialog(TestPhone phone, String method, String target, String toAor, String callId,
                                   String fromTag, String toTag, List<String> route, int seq) {
        List<String> routes = route.stream().map(r -> "Route: " + r).toList();
        String req = phone.request(method, target, toAor, callId, fromTag, toTag, routes,
                method.equals("INVITE") ? "v=0\r\n" : null);
        // In-dialog CSeq of this test's own numbering (the phone's counter also counts REGISTERs).
        return req.replaceFirst("CSeq: \\d+ ", "CSeq: " + (100 + seq) + " ");
    }
}
