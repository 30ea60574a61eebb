package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * A WebSocket client of a domain on internal call control (a real Kamailio): it registers inside through the edge
 * with its ".invalid" Contact, and a call routed by Kamailio back to the edge reaches it over its WebSocket, in
 * Contact-rewrite and in Path mode.
 */
class SipOverWebSocketInternalCallControlTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RegistrationMode.class)
    void aWebSocketClientRegistersInsideAndIsCalledOverItsWebSocket(RegistrationMode mode) throws Exception {
        try (Kamailio kamailio = SipInternalCallControlTest.kamailio(dir);
             EdgeUnderTest edge = new EdgeUnderTest(
                     List.of(new Domain("inside.test", false, true, false, false, "default")),
                     List.of(new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailio.port(),
                             Transport.UDP, false, "", "default")))) {
            SipSettings d = SipSettings.defaults();
            edge.sipConfig = new SipConfig(new SipSettings(mode, false, d.digestAlgorithms(), d.bearerTokens(),
                    d.minExpiresSeconds(), d.maxExpiresSeconds(), d.defaultExpiresSeconds(), d.flowTimerSeconds()),
                    List.of());
            int port = EdgeUnderTest.freePort();
            // Before any client connects: switching a listener reopens the stack and with it every connection.
            assertNull(WssPhone.switchListener(edge, true, port));
            try (WssSipClient ws = WssSipClient.connect(port, edge.certificates.identity().certificate(), "sip");
                 TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "inside.test", "kam-alice")) {
                WssPhone bob = new WssPhone(ws, "bob", "inside.test", "kam-bob");
                SipMsg registered = bob.register(300);
                assertEquals(200, registered.status(), "Kamailio's challenge passed through and was answered");
                assertTrue(registered.header("Contact").contains(bob.contact), registered.header("Contact"));
                assertTrue(edge.service.registrations().stream().anyMatch(v -> v.internal()
                        && v.transport().equals("WSS") && v.contact().equals(bob.contact)),
                        edge.service.registrations().toString());
                assertEquals(200, alice.register(300, "MD5").status());

                String callId = UUID.randomUUID().toString();
                alice.wire.send(alice.request("INVITE", bob.aor, bob.aor, callId, "a1", null, List.of(), "v=0\r\n"));
                SipMsg invite = bob.ws.expectRequest("INVITE");
                assertEquals(bob.contact, invite.requestUri(), "the .invalid Contact is the target, the flow the way");
                assertTrue(invite.header("Via").startsWith("SIP/2.0/WSS "), invite.header("Via"));
                bob.ws.send(bob.respond(invite, 200, "OK", "v=0\r\n"));
                assertEquals(200, alice.wire.expectStatus(200).status());
            }
        }
    }
}
