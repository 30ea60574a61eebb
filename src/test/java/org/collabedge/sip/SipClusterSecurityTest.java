package org.collabedge.sip;

import static org.collabedge.sip.ClusterCalls.inDialog;
import static org.collabedge.sip.SipSteps.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.ProtectionService;
import org.collabedge.sip.proxy.FlowToken;
import org.collabedge.sip.proxy.RouteSeal;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.transport.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node-to-node path's defences in a two-node cluster: nobody outside the cluster can speak on it, and a ban
 * made on one node closes the banned address's flows on every node.
 */
class SipClusterSecurityTest {

    private TwoNodeCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aForgedPeerRequestFromOutsideIsRefused() throws Exception {
        cluster = new TwoNodeCluster();
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");
        TestPhone mallory = cluster.track(new TestPhone(RawSipClient.tcp(cluster.nodeB.tcp), "carol", "example.com",
                "x"));
        int peerPort = cluster.peerPort("node-a");
        // A token signed with the cluster's own key: what stops mallory here is the peer listener, not the token.
        RouteSeal clusterKey = new RouteSeal(cluster.stores.secrets(), cluster.stores.shared());
        String aliceFlow = new FlowToken(clusterKey).encode(new Flow("TCP", "127.0.0.1", alice.wire.localPort()));
        String route = "<sip:127.0.0.1:" + peerPort + ";transport=tls;lr;ce-f=" + aliceFlow + ">";

        // 1. On a client listener, a Route naming a node's peer listener is not the edge's: no dialog there.
        mallory.wire.send(inDialog(mallory, "BYE", alice.contact(), "forged-1", List.of(route), "m1", "x1", 1, null));
        assertEquals(481, mallory.wire.expectStatus(481).status());

        // 2. On the peer listener itself, without the cluster certificate the connection carries nothing.
        RawSipClient outsider;
        try {
            outsider = RawSipClient.tls(peerPort, cluster.nodeB.trustingClientContext());
        } catch (IOException refusedAtHandshake) {
            outsider = null;
        }
        if (outsider != null) {
            TestPhone forger = cluster.track(new TestPhone(outsider, "carol", "example.com", "x"));
            try {
                outsider.send(inDialog(forger, "BYE", alice.contact(), "forged-2", List.of(route), "m1", "x1", 1,
                        null));
            } catch (IOException closed) {
                // refused while writing: as good
            }
            assertTrue(outsider.closedByPeer(Duration.ofSeconds(3)), "the peer listener drops it");
        }
        assertNull(alice.wire.receive(Duration.ofMillis(500)), "nothing reached alice");
    }

    @Test
    void aBanMadeOnOneNodeClosesTheAddressesFlowsOnEveryNode() throws Exception {
        cluster = TwoNodeCluster.withRealProtection();
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");

        // Node B sees the failures (here its HTTPS proxy's: SIP's own categories are off by default, as in the seed)
        // and bans; node A hears of the ban at its next refresh and closes alice's flow.
        ProtectionService nodeB = cluster.protection.get(1);
        InetAddress source = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 20 && nodeB.bans().current().isEmpty(); i++) {
            nodeB.protection().events().failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, source, "alice");
            Thread.sleep(50);
        }
        assertFalse(nodeB.bans().current().isEmpty(), "banned on node B");
        assertTrue(alice.wire.closedByPeer(Duration.ofSeconds(3)), "node A closed the banned address's flow");
        waitFor(() -> cluster.nodeB.service.registrations().stream()
                .anyMatch(v -> v.addressOfRecord().equals("sip:alice@example.com")
                        && v.flowState() == FlowState.CLOSED));
    }
}
