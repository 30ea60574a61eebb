package org.collabedge.sip;

import static org.collabedge.sip.SipSteps.contactUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.collabedge.config.Domain;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.sip.config.RegistrationMode;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.proxy.PeerRoutes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Call control inside (a raw UDP socket playing it) with a two-node cluster in front: a client that registered
 * through one node is reached when call control sends the call to the other, in both registration modes (Path
 * headers, Contact rewriting), with call control's Vias hidden from the client.
 */
class SipClusterCallControlTest {

    @ParameterizedTest
    @EnumSource(RegistrationMode.class)
    void callControlReachesAClientThatRegisteredThroughTheOtherNode(RegistrationMode mode) throws Exception {
        try (DatagramSocket callControl = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            callControl.setSoTimeout(5000);
            List<Domain> inside = List.of(new Domain("inside.test", false, true, false, false, "default"));
            List<InternalServer> servers = List.of(new InternalServer("cc", ServerType.CALL_CONTROL, "127.0.0.1",
                    callControl.getLocalPort(), Transport.UDP, false, "", "default"));
            try (TwoNodeCluster cluster = new TwoNodeCluster(inside, servers)) {
                SipSettings d = SipSettings.defaults();
                SipConfig settings = new SipConfig(new SipSettings(mode, false, d.digestAlgorithms(),
                        d.bearerTokens(), d.minExpiresSeconds(), d.maxExpiresSeconds(), d.defaultExpiresSeconds(),
                        d.flowTimerSeconds()), List.of());
                cluster.nodeA.sipConfig = settings;
                cluster.nodeB.sipConfig = settings;
                callThroughTheOtherNode(cluster, callControl, mode == RegistrationMode.PATH);
            }
        }
    }

    private static void callThroughTheOtherNode(TwoNodeCluster cluster, DatagramSocket callControl, boolean pathMode)
            throws Exception {
        // alice registers through node A; call control (a raw socket here) grants it.
        TestPhone alice = cluster.track(new TestPhone(RawSipClient.tcp(cluster.nodeA.tcp), "alice", "inside.test",
                "x"));
        alice.wire.send(alice.request("REGISTER", "sip:inside.test", alice.aor(), "reg-1", "r1", null,
                List.of("Expires: 300"), null));
        SipMsg register = receive(callControl);
        String path = register.header("Path");
        if (pathMode) {
            assertTrue(path.contains(PeerRoutes.WRITER + "="), "Path names node A: " + path);
        }
        // Contact rewrite: call control knows alice by the edge contact node A wrote for her.
        String target = pathMode ? alice.contact() : contactUri(register);
        assertTrue(pathMode || target.startsWith("sip:ce-"), target);
        send(callControl, cluster.nodeA.udp, alice.respond(register, 200, "OK", "cc", null).replace(
                "Content-Length: 0", "Expires: 300\r\nContent-Length: 0"));
        assertEquals(200, alice.wire.expectStatus(200).status());

        // Call control sends the call to node B (the nodes share a public name in production).
        String callId = UUID.randomUUID().toString();
        String via = "SIP/2.0/UDP 127.0.0.1:" + callControl.getLocalPort() + ";branch=" + TestPhone.branch();
        send(callControl, cluster.nodeB.udp, "INVITE " + target + " SIP/2.0\r\nVia: " + via
                + (pathMode ? "\r\nRoute: " + path : "") + "\r\nMax-Forwards: 69\r\nFrom: <sip:carol@inside.test>;tag=c1\r\n"
                + "To: <sip:alice@inside.test>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:carol@127.0.0.1:" + callControl.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n");
        SipMsg invite = alice.wire.expectRequest("INVITE");
        assertEquals(alice.contact(), invite.requestUri());
        // Topology hiding: alice sees node A's Via and node B's peer Via, call control's sealed into ce-v.
        List<String> vias = invite.headers("Via");
        assertEquals(2, vias.size(), "node A and node B, not call control: " + vias);
        assertTrue(vias.get(1).contains("ce-v="), "node B sealed the Vias below its own: " + vias);
        assertTrue(vias.stream().noneMatch(v -> v.contains(":" + callControl.getLocalPort() + ";")),
                "call control's Via is hidden: " + vias);
        alice.wire.send(alice.respond(invite, 200, "OK", "a1", null));
        SipMsg ok;
        do {
            ok = receive(callControl);
        } while (ok.isResponse() && ok.status() < 200);
        assertEquals(200, ok.status());
        assertEquals(1, ok.headers("Via").size(), "back at call control with only its own Via");
    }

    private static SipMsg receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return SipMsg.parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
    }

    private static void send(DatagramSocket socket, int port, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }
}
