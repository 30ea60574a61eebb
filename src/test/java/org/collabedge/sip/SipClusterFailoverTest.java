package org.collabedge.sip;

import static org.collabedge.sip.ClusterCalls.sendAuthenticatedInvite;
import static org.collabedge.sip.SipSteps.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.collabedge.sip.status.FlowState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A node or a flow going away in a two-node cluster: the other node shows the flows closed and fails calls to them
 * fast with 480 instead of waiting for a node that is not there.
 */
class SipClusterFailoverTest {

    @AutoClose
    private final TwoNodeCluster cluster = TwoNodeCluster.started();

    @Test
    void aNodeThatLeftTheDirectoryFailsFastWith480AndShowsItsFlowsClosed() throws Exception {
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");
        TestPhone bob = cluster.phone(cluster.nodeB, "bob");
        cluster.directoryA.close(); // node A gone from the directory, as after a crash (its entry expired)
        assertTrue(cluster.nodeB.service.registrations().stream()
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
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");
        TestPhone caller = cluster.phone(cluster.nodeB, "bob");
        alice.wire.close(); // closed on node A...
        waitFor(() -> cluster.nodeB.service.registrations().stream()
                .anyMatch(v -> v.addressOfRecord().equals("sip:alice@example.com")
                        && v.flowState() == FlowState.CLOSED)); // ...seen closed on node B
        sendAuthenticatedInvite(caller, "sip:alice@example.com", UUID.randomUUID().toString());
        assertEquals("Flow Closed", caller.wire.expectStatus(480).firstLine().substring(12));

        TestPhone aliceAgain = cluster.track(new TestPhone(RawSipClient.tcp(cluster.nodeA.tcp), "alice",
                "example.com", "alice-secret"));
        assertEquals(200, aliceAgain.register(600, "SHA-256").status());
        cluster.nodeA.close(); // a clean stop closes every flow of node A
        waitFor(() -> cluster.nodeB.service.registrations().stream().filter(v -> v.nodeId().equals("node-a"))
                .allMatch(v -> v.flowState() == FlowState.CLOSED));
        sendAuthenticatedInvite(caller, "sip:alice@example.com", UUID.randomUUID().toString());
        assertEquals(480, caller.wire.expectStatus(480).status());
    }
}
