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
 * The internal hops topology hiding seals into a client's route set are put back only into requests going inside:
 * a client that replays its own route set over a second connection (which the edge routes "from inside" back to the
 * client's first connection) must not get those hops in clear in the Route it receives.
 */
class SipHiddenRoutesTest {

    @TempDir
    Path dir;

    @Test
    void aClientCannotUnsealItsHiddenRoutesByReplayingThemOverASecondConnection() throws Exception {
        try (Kamailio kamailio = SipInternalCallControlTest.kamailio(dir);
             EdgeUnderTest edge = new EdgeUnderTest(
                     List.of(new Domain("inside.test", false, true, false, false, "default")),
                     List.of(new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailio.port(),
                             Transport.UDP, false, "", "default")));
             TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "inside.test", "kam-alice");
             TestPhone bob = new TestPhone(RawSipClient.udp(edge.udp), "bob", "inside.test", "kam-bob");
             RawSipClient second = RawSipClient.tcp(edge.tcp)) {
            assertEquals(200, bob.register(300, "MD5").status());
            assertEquals(200, alice.register(300, "MD5").status());
            String kam = ":" + kamailio.port();

            String callId = UUID.randomUUID().toString();
            alice.wire.send(alice.request("INVITE", bob.aor(), bob.aor(), callId, "a1", null, List.of(), "v=0\r\n"));
            SipMsg invite = bob.wire.expectRequest("INVITE");
            bob.wire.send(bob.respond(invite, 200, "OK", "b1", "v=0\r\n"));
            SipMsg ok = alice.wire.expectStatus(200);
            List<String> aliceRoute = new ArrayList<>(ok.headers("Record-Route"));
            Collections.reverse(aliceRoute);
            assertTrue(aliceRoute.stream().anyMatch(r -> r.contains("ce-h=")), "Kamailio sealed: " + aliceRoute);

            // The same route set, over another connection of alice's.
            TestPhone replayer = new TestPhone(second, "alice", "inside.test", "kam-alice");
            String bobTarget = ok.header("Contact").replaceAll(".*<([^>]*)>.*", "$1");
            List<String> routes = aliceRoute.stream().map(r -> "Route: " + r).toList();
            second.send(replayer.request("INFO", bobTarget, bob.aor(), callId, "a1", "b1", routes, null)
                    .replaceFirst("CSeq: \\d+ ", "CSeq: 150 "));
            SipMsg delivered = alice.wire.expect(m -> !m.isResponse() && m.method().equals("INFO"),
                    java.time.Duration.ofSeconds(3));
            for (String r : delivered.headers("Route")) {
                assertFalse(r.contains(kam), "Kamailio's hop in clear in a request to a client: " + r);
            }
        }
    }
}
