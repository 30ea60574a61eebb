package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.collabedge.config.Domain;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.sip.config.RegistrationMode;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.testing.peers.Kamailio;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A domain registered on internal call control (a real Kamailio): REGISTERs go inside with Path or a rewritten
 * Contact, Kamailio's digest challenge passes through to the client, and a call from one remote client to another
 * travels edge, Kamailio, edge and reaches the callee over its own flow.
 */
class SipInternalCallControlTest {

    @TempDir
    Path dir;

    /** Kamailio as call control with users alice and bob (passwords "kam-" + user); only REGISTER authenticates. */
    static Kamailio kamailio(Path dir) throws Exception {
        // Skips where kamailio is missing, except on CI, which must install it.
        boolean installed = java.nio.file.Files.isExecutable(Path.of(Kamailio.BINARY));
        if (System.getenv("CI") != null) {
            org.junit.jupiter.api.Assertions.assertTrue(installed, "CI must install kamailio (see .ci/run)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "kamailio not installed");
        return Kamailio.builder().user("alice", "kam-alice").user("bob", "kam-bob").authenticateCalls(false)
                .start(dir.resolve("kamailio"));
    }

    @ParameterizedTest
    @EnumSource(RegistrationMode.class)
    void registersInsideAndIsCalledThroughTheEdge(RegistrationMode mode) throws Exception {
        try (Kamailio kamailio = kamailio(dir);
             EdgeUnderTest edge = new EdgeUnderTest(
                     List.of(new Domain("inside.test", false, true, false, false, "default")),
                     List.of(new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailio.port(),
                             Transport.UDP, false, "", "default")));
             TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "inside.test", "kam-alice");
             TestPhone bob = new TestPhone(RawSipClient.udp(edge.udp), "bob", "inside.test", "kam-bob")) {
            SipSettings d = SipSettings.defaults();
            edge.sipConfig = new SipConfig(new SipSettings(mode, false, d.digestAlgorithms(), d.bearerTokens(),
                    d.minExpiresSeconds(), d.maxExpiresSeconds(), d.defaultExpiresSeconds(), d.flowTimerSeconds()),
                    List.of());

            SipMsg registered = bob.register(300, "MD5");
            assertEquals(200, registered.status(), "Kamailio's challenge passed through and was answered");
            assertTrue(registered.header("Contact").contains(bob.contact()),
                    "the client sees its own contact: " + registered.header("Contact"));
            assertEquals(200, alice.register(300, "MD5").status());
            assertTrue(edge.service.registrations().stream().anyMatch(v -> v.internal()
                    && v.addressOfRecord().equals("sip:bob@inside.test") && v.contact().equals(bob.contact())
                    && v.transport().equals("UDP")), edge.service.registrations().toString());

            String callId = UUID.randomUUID().toString();
            String bobAor = bob.aor();
            alice.wire.send(alice.request("INVITE", bobAor, bobAor, callId, "a1", null, List.of(), "v=0\r\n"));
            SipMsg invite = bob.wire.expectRequest("INVITE");
            assertEquals(bob.contact(), invite.requestUri());
            assertEquals(1, invite.headers("Record-Route").size(), "Kamailio's Record-Route is hidden behind the edge's");
            bob.wire.send(bob.respond(invite, 200, "OK", "b1", "v=0\r\n"));
            SipMsg ok = alice.wire.expectStatus(200);
            assertEquals(1, ok.headers("Via").size());
            assertTrue(edge.service.callHistory().isEmpty() && edge.service.currentCalls().size() >= 1);
        }
    }

    @org.junit.jupiter.api.Test
    void aDeadCallControlServerIsFailedOverToTheNext() throws Exception {
        int dead = EdgeUnderTest.freePort();
        try (Kamailio kamailio = kamailio(dir);
             EdgeUnderTest edge = new EdgeUnderTest(
                     List.of(new Domain("inside.test", false, true, false, false, "default")),
                     List.of(new InternalServer("dead", ServerType.CALL_CONTROL, "127.0.0.1", dead, Transport.TCP,
                                     false, "", "default"),
                             new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailio.port(),
                                     Transport.TCP, false, "", "default")));
             TestPhone bob = new TestPhone(RawSipClient.udp(edge.udp), "bob", "inside.test", "kam-bob")) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertEquals(200, bob.register(300, "MD5").status(), "registration " + i);
                assertTrue(System.nanoTime() - start < 3_000_000_000L, "fails over without waiting for a time-out");
            }
        }
    }
}
