package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.sip.cluster.PeerSettings;
import org.collabedge.sip.cluster.SipCluster;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two SIP edge nodes on one shared state (as two Openfire cluster members): a client registered on one node is
 * reached through that node when the call arrives on the other, in both directions and for forked calls; a node
 * that left fails fast with 480; nobody outside the cluster can speak on the node-to-node path.
 */
class SipClusterCallTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";

    private final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
    private EdgeUnderTest.Stores stores;
    private EdgeUnderTest nodeA;
    private EdgeUnderTest nodeB;
    private NodeDirectory directoryA;
    private NodeDirectory directoryB;

    @BeforeEach
    void startTwoNodes() throws Exception {
        stores = EdgeUnderTest.Stores.fresh();
        nodeA = new EdgeUnderTest("node-a", stores, List.of(), List.of(), this::cluster);
        directoryA = lastDirectory;
        nodeB = new EdgeUnderTest("node-b", stores, List.of(), List.of(), this::cluster);
        directoryB = lastDirectory;
    }

    private NodeDirectory lastDirectory;

    private SipCluster cluster(EdgeUnderTest node) {
        NodeDirectory directory = new NodeDirectory(node.stores.shared().<EdgeNode>map("edge-nodes"), node.nodeId,
                () -> "127.0.0.1", node.host.clock());
        directory.start();
        lastDirectory = directory;
        open.add(directory::close);
        return new SipCluster(directory, node.certificates::identity, () -> new PeerSettings("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        nodeA.close();
        nodeB.close();
    }

    private TestPhone phone(EdgeUnderTest node, String user) throws Exception {
        TestPhone p = new TestPhone(RawSipClient.tcp(node.tcp), user, "example.com", user + "-secret");
        open.add(p);
        assertEquals(200, p.register(600, "SHA-256").status());
        return p;
    }

    @Test
    void eachNodeAdvertisesItsPeerListener() {
        String a = directoryB.node("node-a").orElseThrow().endpoint(SipCluster.ADVERTISED).orElseThrow();
        assertTrue(a.matches("tls:127\\.0\\.0\\.1:\\d+"), a);
        assertFalse(a.endsWith(":0"));
        assertTrue(directoryA.node("node-b").orElseThrow().endpoint(SipCluster.ADVERTISED).isPresent());
    }

    @Test
    void callArrivingOnTheOtherNodeReachesTheClientThroughItsOwnNode() throws Exception {
        TestPhone alice = phone(nodeA, "alice");
        TestPhone bob = phone(nodeB, "bob");
        String callId = UUID.randomUUID().toString();

        Dialog d = invite(bob, alice, callId);
        assertTrue(d.invite.headers("Via").size() >= 3, "node B's Via, its peer hop, node A's Via: " + d.invite.headers("Via"));
        String peerB = directoryA.node("node-b").orElseThrow().endpoint(SipCluster.ADVERTISED).orElseThrow();
        String peerPortB = peerB.substring(peerB.lastIndexOf(':') + 1);
        assertTrue(d.invite.headers("Via").stream().anyMatch(v -> v.startsWith("SIP/2.0/TLS 127.0.0.1:" + peerPortB)),
                "node B handed the INVITE to node A over its peer listener: " + d.invite.headers("Via"));
        assertTrue(d.invite.headers("Route").isEmpty(), "node A consumed the peer route");
        assertTrue(d.invite.body().contains("m=audio 40000"));

        // ACK from the caller travels B -> A -> alice.
        bob.wire.send(inDialog(bob, "ACK", d.calleeContact, callId, reversed(d.ok.headers("Record-Route")),
                d.callerTag, d.calleeTag, 2, null));
        assertTrue(alice.wire.expectRequest("ACK").headers("Route").isEmpty());

        // re-INVITE from the callee: A sends it to node B, which holds bob's flow.
        alice.wire.send(inDialog(alice, "INVITE", d.callerContact, callId, d.invite.headers("Record-Route"),
                d.calleeTag, d.callerTag, 7, SDP));
        SipMsg reinvite = bob.wire.expectRequest("INVITE");
        assertEquals(d.callerContact, reinvite.requestUri());
        bob.wire.send(bob.respond(reinvite, 200, "OK", null, SDP));
        assertEquals("INVITE", alice.wire.expectStatus(200).method());
        alice.wire.send(inDialog(alice, "ACK", d.callerContact, callId, d.invite.headers("Record-Route"),
                d.calleeTag, d.callerTag, 7, null));
        bob.wire.expectRequest("ACK");

        // BYE from the caller.
        bob.wire.send(inDialog(bob, "BYE", d.calleeContact, callId, reversed(d.ok.headers("Record-Route")),
                d.callerTag, d.calleeTag, 3, null));
        SipMsg bye = alice.wire.expectRequest("BYE");
        alice.wire.send(alice.respond(bye, 200, "OK", null, null));
        assertEquals("BYE", bob.wire.expectStatus(200).method());
        assertTrue(nodeB.service.callHistory().stream().anyMatch(c -> c.callId().equals(callId)
                && c.finalStatus() == 200 && c.endedAt() != null), nodeB.service.callHistory().toString());
    }

    @Test
    void calleeOnTheOtherNodeHangsUp() throws Exception {
        TestPhone alice = phone(nodeA, "alice");
        TestPhone bob = phone(nodeB, "bob");
        String callId = UUID.randomUUID().toString();
        Dialog d = invite(bob, alice, callId);
        bob.wire.send(inDialog(bob, "ACK", d.calleeContact, callId, reversed(d.ok.headers("Record-Route")),
                d.callerTag, d.calleeTag, 2, null));
        alice.wire.expectRequest("ACK");

        alice.wire.send(inDialog(alice, "BYE", d.callerContact, callId, d.invite.headers("Record-Route"),
                d.calleeTag, d.callerTag, 9, null));
        SipMsg bye = bob.wire.expectRequest("BYE");
        bob.wire.send(bob.respond(bye, 200, "OK", null, null));
        assertEquals("BYE", alice.wire.expectStatus(200).method());
    }

    @Test
    void forkingReachesContactsOnBothNodesAndCancelsTheOtherNodesBranch() throws Exception {
        TestPhone alice = phone(nodeA, "alice");
        TestPhone bobHere = phone(nodeA, "bob");
        TestPhone bobThere = phone(nodeB, "bob");
        assertEquals(2, nodeA.service.registrations().stream()
                .filter(v -> v.addressOfRecord().equals("sip:bob@example.com")).count());
        String callId = UUID.randomUUID().toString();
        String bobAor = "sip:bob@example.com";
        sendAuthenticatedInvite(alice, bobAor, callId);

        SipMsg local = bobHere.wire.expectRequest("INVITE");
        SipMsg remote = bobThere.wire.expectRequest("INVITE");
        bobThere.wire.send(bobThere.respond(remote, 180, "Ringing", "t2", null));
        assertEquals(180, alice.wire.expectStatus(180).status());
        bobHere.wire.send(bobHere.respond(local, 200, "OK", "t1", SDP));
        assertEquals(200, alice.wire.expectStatus(200).status());

        // The other node's branch is cancelled over the node-to-node path.
        SipMsg cancel = bobThere.wire.expectRequest("CANCEL");
        bobThere.wire.send(bobThere.respond(cancel, 200, "OK", null, null));
        bobThere.wire.send(bobThere.respond(remote, 487, "Request Terminated", "t2", null));
        SipMsg ack = bobThere.wire.expectRequest("ACK");
        assertEquals("ACK", ack.method());
    }

    @Test
    void aNodeThatLeftTheDirectoryFailsFastWith480AndShowsItsFlowsClosed() throws Exception {
        TestPhone alice = phone(nodeA, "alice");
        TestPhone bob = phone(nodeB, "bob");
        directoryA.close(); // node A gone from the directory, as after a crash (its entry expired)
        assertTrue(nodeB.service.registrations().stream()
                .anyMatch(v -> v.addressOfRecord().equals("sip:alice@example.com")
                        && v.flowState() == FlowState.CLOSED && v.nodeId().equals("node-a")));

        long sent = System.nanoTime();
        sendAuthenticatedInvite(bob, alice.aor(), UUID.randomUUID().toString());
        SipMsg failed = bob.wire.expectStatus(480);
        assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() < 1500, "fails fast");
        assertNull(alice.wire.receive(Duration.ofMillis(300)), "alice is not rung through the gone node");
        assertEquals(480, failed.status());
    }

    @Test
    void aFlowClosedOnOneNodeAndAStoppedNodeAreClosedForTheOther() throws Exception {
        TestPhone alice = phone(nodeA, "alice");
        TestPhone caller = phone(nodeB, "bob");
        alice.wire.close(); // closed on node A...
        waitFor(() -> nodeB.service.registrations().stream()
                .anyMatch(v -> v.addressOfRecord().equals("sip:alice@example.com")
                        && v.flowState() == FlowState.CLOSED)); // ...seen closed on node B
        sendAuthenticatedInvite(caller, "sip:alice@example.com", UUID.randomUUID().toString());
        assertEquals("Flow Closed", caller.wire.expectStatus(480).firstLine().substring(12));

        TestPhone aliceAgain = new TestPhone(RawSipClient.tcp(nodeA.tcp), "alice", "example.com", "alice-secret");
        open.add(aliceAgain);
        assertEquals(200, aliceAgain.register(600, "SHA-256").status());
        nodeA.close(); // a clean stop closes every flow of node A
        waitFor(() -> nodeB.service.registrations().stream().filter(v -> v.nodeId().equals("node-a"))
                .allMatch(v -> v.flowState() == FlowState.CLOSED));
        sendAuthenticatedInvite(caller, "sip:alice@example.com", UUID.randomUUID().toString());
        assertEquals(480, caller.wire.expectStatus(480).status());
    }

    @Test
    void aForgedPeerRequestFromOutsideIsRefused() throws Exception {
        TestPhone alice = phone(nodeA, "alice");
        TestPhone mallory = new TestPhone(RawSipClient.tcp(nodeB.tcp), "carol", "example.com", "x");
        open.add(mallory);
        String peer = directoryB.node("node-a").orElseThrow().endpoint(SipCluster.ADVERTISED).orElseThrow();
        int peerPort = Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
        // A token signed with the cluster's own key: what stops mallory here is the peer listener, not the token.
        String aliceFlow = new org.collabedge.sip.proxy.FlowToken(new org.collabedge.sip.proxy.RouteSeal(
                stores.secrets(), stores.shared())).encode(new org.collabedge.sip.transport.Flow("TCP",
                "127.0.0.1", alice.wire.localPort()));
        String route = "<sip:127.0.0.1:" + peerPort + ";transport=tls;lr;ce-f=" + aliceFlow + ">";

        // 1. On a client listener, a Route naming a node's peer listener is not the edge's: no dialog there.
        mallory.wire.send(inDialog(mallory, "BYE", alice.contact(), "forged-1", List.of(route), "m1", "x1", 1, null));
        assertEquals(481, mallory.wire.expectStatus(481).status());

        // 2. On the peer listener itself, without the cluster certificate the connection carries nothing.
        RawSipClient outsider;
        try {
            outsider = RawSipClient.tls(peerPort, nodeB.trustingClientContext());
        } catch (java.io.IOException refusedAtHandshake) {
            outsider = null;
        }
        if (outsider != null) {
            TestPhone forger = new TestPhone(outsider, "carol", "example.com", "x");
            open.add(forger);
            try {
                outsider.send(inDialog(forger, "BYE", alice.contact(), "forged-2", List.of(route), "m1", "x1", 1,
                        null));
            } catch (java.io.IOException closed) {
                // refused while writing: as good
            }
            assertTrue(outsider.closedByPeer(Duration.ofSeconds(3)), "the peer listener drops it");
        }
        assertNull(alice.wire.receive(Duration.ofMillis(500)), "nothing reached alice");
    }

    @Test
    void aBanMadeOnOneNodeClosesTheAddressesFlowsOnEveryNode() throws Exception {
        nodeA.close();
        nodeB.close();
        stores = EdgeUnderTest.Stores.fresh();
        List<org.collabedge.protection.ProtectionService> protection = new ArrayList<>();
        java.util.function.Function<org.collabedge.host.HostContext, org.collabedge.protection.Protection> real =
                host -> {
                    org.collabedge.config.RestartNotices notices = new org.collabedge.config.RestartNotices();
                    org.collabedge.config.ConfigService config = new org.collabedge.config.ConfigService(
                            host.configStore(), host.secrets(), host.sharedState(), "127.0.0.1", notices);
                    config.load();
                    org.collabedge.protection.ProtectionService p = new org.collabedge.protection.ProtectionService(
                            host, config, new org.collabedge.config.ExternalChanges(),
                            new org.collabedge.metrics.EdgeMetrics(), notices);
                    p.start();
                    protection.add(p);
                    open.add(p::stop);
                    return p.protection();
                };
        nodeA = new EdgeUnderTest("node-a", stores, List.of(), List.of(), this::cluster, real);
        nodeB = new EdgeUnderTest("node-b", stores, List.of(), List.of(), this::cluster, real);
        TestPhone alice = phone(nodeA, "alice");

        // Node B sees the failures (here its HTTPS proxy's: SIP's own categories are off by default, as in the seed)
        // and bans; node A hears of the ban at its next refresh and closes alice's flow.
        java.net.InetAddress source = java.net.InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 20 && protection.get(1).bans().current().isEmpty(); i++) {
            protection.get(1).protection().events().failure(
                    org.collabedge.protection.FailureCategory.HTTP_PROXY_AUTHORIZATION, source, "alice");
            Thread.sleep(50);
        }
        assertFalse(protection.get(1).bans().current().isEmpty(), "banned on node B");
        assertTrue(alice.wire.closedByPeer(Duration.ofSeconds(3)), "node A closed the banned address's flow");
        waitFor(() -> nodeB.service.registrations().stream()
                .anyMatch(v -> v.addressOfRecord().equals("sip:alice@example.com")
                        && v.flowState() == FlowState.CLOSED));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.collabedge.sip.config.RegistrationMode.class)
    void callControlReachesAClientThatRegisteredThroughTheOtherNode(org.collabedge.sip.config.RegistrationMode mode)
            throws Exception {
        nodeA.close();
        nodeB.close();
        stores = EdgeUnderTest.Stores.fresh();
        try (java.net.DatagramSocket callControl = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            callControl.setSoTimeout(5000);
            List<org.collabedge.config.Domain> inside = List.of(
                    new org.collabedge.config.Domain("inside.test", false, true, false, false, "default"));
            List<org.collabedge.config.InternalServer> servers = List.of(new org.collabedge.config.InternalServer("cc",
                    org.collabedge.config.ServerType.CALL_CONTROL, "127.0.0.1", callControl.getLocalPort(),
                    org.collabedge.config.Transport.UDP, false, "", "default"));
            nodeA = new EdgeUnderTest("node-a", stores, inside, servers, this::cluster);
            nodeB = new EdgeUnderTest("node-b", stores, inside, servers, this::cluster);
            org.collabedge.sip.config.SipSettings d = org.collabedge.sip.config.SipSettings.defaults();
            org.collabedge.sip.config.SipConfig settings = new org.collabedge.sip.config.SipConfig(
                    new org.collabedge.sip.config.SipSettings(mode, false,
                            d.digestAlgorithms(), d.bearerTokens(), d.minExpiresSeconds(), d.maxExpiresSeconds(),
                            d.defaultExpiresSeconds(), d.flowTimerSeconds()), List.of());
            nodeA.sipConfig = settings;
            nodeB.sipConfig = settings;

            // alice registers through node A; call control (a raw socket here) grants it.
            TestPhone alice = new TestPhone(RawSipClient.tcp(nodeA.tcp), "alice", "inside.test", "x");
            open.add(alice);
            alice.wire.send(alice.request("REGISTER", "sip:inside.test", alice.aor(), "reg-1", "r1", null,
                    List.of("Expires: 300"), null));
            SipMsg register = receive(callControl);
            boolean pathMode = mode == org.collabedge.sip.config.RegistrationMode.PATH;
            String path = register.header("Path");
            if (pathMode) {
                assertTrue(path.contains(org.collabedge.sip.proxy.PeerRoutes.WRITER + "="), "Path names node A: " + path);
            }
            // Contact rewrite: call control knows alice by the edge contact node A wrote for her.
            String target = pathMode ? alice.contact() : register.header("Contact").replaceAll("^<|>.*$", "");
            assertTrue(pathMode || target.startsWith("sip:ce-"), target);
            send(callControl, nodeA.udp, alice.respond(register, 200, "OK", "cc", null).replace(
                    "Content-Length: 0", "Expires: 300\r\nContent-Length: 0"));
            assertEquals(200, alice.wire.expectStatus(200).status());

            // Call control sends the call to node B (the nodes share a public name in production).
            String callId = UUID.randomUUID().toString();
            String via = "SIP/2.0/UDP 127.0.0.1:" + callControl.getLocalPort() + ";branch=" + TestPhone.branch();
            send(callControl, nodeB.udp, "INVITE " + target + " SIP/2.0\r\nVia: " + via
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
    }

    private static SipMsg receive(java.net.DatagramSocket socket) throws java.io.IOException {
        byte[] buf = new byte[65535];
        java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
        socket.receive(p);
        return SipMsg.parse(new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void send(java.net.DatagramSocket socket, int port, String message) throws java.io.IOException {
        byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        socket.send(new java.net.DatagramPacket(bytes, bytes.length, java.net.InetAddress.getLoopbackAddress(), port));
    }

    /** An answered call from {@code caller} to {@code callee}; the callee's INVITE and the caller's 200. */
    private record Dialog(SipMsg invite, SipMsg ok, String callerTag, String calleeTag, String callerContact,
                          String calleeContact) {
    }

    private Dialog invite(TestPhone caller, TestPhone callee, String callId) throws Exception {
        sendAuthenticatedInvite(caller, callee.aor(), callId);
        SipMsg invite = callee.wire.expectRequest("INVITE");
        assertEquals(callee.contact(), invite.requestUri());
        callee.wire.send(callee.respond(invite, 180, "Ringing", "callee1", null));
        assertEquals(180, caller.wire.expectStatus(180).status());
        callee.wire.send(callee.respond(invite, 200, "OK", "callee1", SDP));
        SipMsg ok = caller.wire.expectStatus(200);
        assertEquals(1, ok.headers("Via").size(), "both nodes removed their Via");
        assertEquals(invite.headers("Record-Route"), ok.headers("Record-Route"));
        return new Dialog(invite, ok, "caller1", "callee1", caller.contact(),
                ok.header("Contact").replaceAll("^<|>.*$", ""));
    }

    private static void sendAuthenticatedInvite(TestPhone caller, String target, String callId) throws Exception {
        caller.wire.send(caller.request("INVITE", target, target, callId, "caller1", null, List.of(), SDP));
        SipMsg challenge = caller.wire.expectStatus(407);
        caller.wire.send("ACK " + target + " SIP/2.0\r\nVia: " + challenge.header("Via") + "\r\nMax-Forwards: 70\r\n"
                + "From: " + challenge.header("From") + "\r\nTo: " + challenge.header("To") + "\r\nCall-ID: "
                + callId + "\r\nCSeq: " + challenge.header("CSeq").replace("INVITE", "ACK")
                + "\r\nContent-Length: 0\r\n\r\n");
        String auth = caller.answer(challenge.header("Proxy-Authenticate"), "INVITE", target, caller.password);
        caller.wire.send(caller.request("INVITE", target, target, callId, "caller1", null,
                List.of("Proxy-Authorization: " + auth), SDP));
    }

    private static String inDialog(TestPhone phone, String method, String target, String callId, List<String> routes,
                                   String localTag, String remoteTag, int cseq, String body) {
        StringBuilder b = new StringBuilder(method + " " + target + " SIP/2.0\r\n");
        b.append("Via: ").append(phone.via(TestPhone.branch())).append("\r\n");
        routes.forEach(r -> b.append("Route: ").append(r).append("\r\n"));
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(phone.aor()).append(">;tag=").append(localTag).append("\r\n");
        b.append("To: <sip:peer@example.com>;tag=").append(remoteTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append("Contact: <").append(phone.contact()).append(">\r\n");
        if (body != null) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n\r\n");
        if (body != null) {
            b.append(body);
        }
        return b.toString();
    }

    private static List<String> reversed(List<String> xs) {
        List<String> out = new ArrayList<>(xs);
        Collections.reverse(out);
        return out;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && !condition.getAsBoolean()) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
