package org.collabedge.sip;

import static org.collabedge.sip.ClusterCalls.SDP;
import static org.collabedge.sip.ClusterCalls.inDialog;
import static org.collabedge.sip.ClusterCalls.invite;
import static org.collabedge.sip.ClusterCalls.sendAuthenticatedInvite;
import static org.collabedge.sip.SipSteps.reversed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.collabedge.sip.ClusterCalls.Dialog;
import org.collabedge.sip.cluster.SipCluster;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Calls across two SIP edge nodes on one shared state (as two Openfire cluster members): a client registered on one
 * node is reached through that node when the call arrives on the other, in both directions and for forked calls.
 * Nodes and flows that go away: {@link SipClusterFailoverTest}; the node-to-node path's defences:
 * {@link SipClusterSecurityTest}; call control inside: {@link SipClusterCallControlTest}.
 */
class SipClusterCallTest {

    @AutoClose
    private final TwoNodeCluster cluster = TwoNodeCluster.started();

    @Test
    void eachNodeAdvertisesItsPeerListener() {
        String a = cluster.directoryB.node("node-a").orElseThrow().endpoint(SipCluster.ADVERTISED).orElseThrow();
        assertTrue(a.matches("tls:127\\.0\\.0\\.1:\\d+"), a);
        assertFalse(a.endsWith(":0"));
        assertTrue(cluster.directoryA.node("node-b").orElseThrow().endpoint(SipCluster.ADVERTISED).isPresent());
    }

    @Test
    void callArrivingOnTheOtherNodeReachesTheClientThroughItsOwnNode() throws Exception {
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");
        TestPhone bob = cluster.phone(cluster.nodeB, "bob");
        String callId = UUID.randomUUID().toString();

        Dialog d = invite(bob, alice, callId);
        assertTrue(d.invite().headers("Via").size() >= 3,
                "node B's Via, its peer hop, node A's Via: " + d.invite().headers("Via"));
        int peerPortB = cluster.peerPort("node-b");
        assertTrue(d.invite().headers("Via").stream().anyMatch(v -> v.startsWith("SIP/2.0/TLS 127.0.0.1:" + peerPortB)),
                "node B handed the INVITE to node A over its peer listener: " + d.invite().headers("Via"));
        assertTrue(d.invite().headers("Route").isEmpty(), "node A consumed the peer route");
        assertTrue(d.invite().body().contains("m=audio 40000"));

        // ACK from the caller travels B -> A -> alice.
        bob.wire.send(inDialog(bob, "ACK", d.calleeContact(), callId, reversed(d.ok().headers("Record-Route")),
                d.callerTag(), d.calleeTag(), 2, null));
        assertTrue(alice.wire.expectRequest("ACK").headers("Route").isEmpty());

        // re-INVITE from the callee: A sends it to node B, which holds bob's flow.
        alice.wire.send(inDialog(alice, "INVITE", d.callerContact(), callId, d.invite().headers("Record-Route"),
                d.calleeTag(), d.callerTag(), 7, SDP));
        SipMsg reinvite = bob.wire.expectRequest("INVITE");
        assertEquals(d.callerContact(), reinvite.requestUri());
        bob.wire.send(bob.respond(reinvite, 200, "OK", null, SDP));
        assertEquals("INVITE", alice.wire.expectStatus(200).method());
        alice.wire.send(inDialog(alice, "ACK", d.callerContact(), callId, d.invite().headers("Record-Route"),
                d.calleeTag(), d.callerTag(), 7, null));
        bob.wire.expectRequest("ACK");

        // BYE from the caller.
        bob.wire.send(inDialog(bob, "BYE", d.calleeContact(), callId, reversed(d.ok().headers("Record-Route")),
                d.callerTag(), d.calleeTag(), 3, null));
        SipMsg bye = alice.wire.expectRequest("BYE");
        alice.wire.send(alice.respond(bye, 200, "OK", null, null));
        assertEquals("BYE", bob.wire.expectStatus(200).method());
        assertTrue(cluster.nodeB.service.callHistory().stream().anyMatch(c -> c.callId().equals(callId)
                && c.finalStatus() == 200 && c.endedAt() != null), cluster.nodeB.service.callHistory().toString());
    }

    @Test
    void calleeOnTheOtherNodeHangsUp() throws Exception {
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");
        TestPhone bob = cluster.phone(cluster.nodeB, "bob");
        String callId = UUID.randomUUID().toString();
        Dialog d = invite(bob, alice, callId);
        bob.wire.send(inDialog(bob, "ACK", d.calleeContact(), callId, reversed(d.ok().headers("Record-Route")),
                d.callerTag(), d.calleeTag(), 2, null));
        alice.wire.expectRequest("ACK");

        alice.wire.send(inDialog(alice, "BYE", d.callerContact(), callId, d.invite().headers("Record-Route"),
                d.calleeTag(), d.callerTag(), 9, null));
        SipMsg bye = bob.wire.expectRequest("BYE");
        bob.wire.send(bob.respond(bye, 200, "OK", null, null));
        assertEquals("BYE", alice.wire.expectStatus(200).method());
    }

    @Test
    void forkingReachesContactsOnBothNodesAndCancelsTheOtherNodesBranch() throws Exception {
        TestPhone alice = cluster.phone(cluster.nodeA, "alice");
        TestPhone bobHere = cluster.phone(cluster.nodeA, "bob");
        TestPhone bobThere = cluster.phone(cluster.nodeB, "bob");
        assertEquals(2, cluster.nodeA.service.registrations().stream()
                .filter(v -> v.addressOfRecord().equals("sip:bob@example.com")).count());
        String callId = UUID.randomUUID().toString();
        sendAuthenticatedInvite(alice, "sip:bob@example.com", callId);

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
}
