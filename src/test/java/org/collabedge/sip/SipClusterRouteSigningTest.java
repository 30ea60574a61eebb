package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.MethodScenarios.Call;
import org.collabedge.sip.MethodScenarios.Party;
import org.collabedge.sip.cluster.PeerSettings;
import org.collabedge.sip.cluster.SipCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The route set is signed on the node that record-routes and checked on whichever node the next in-dialog request
 * reaches: both share the key through the secret store. Bob (node B) calls alice (node A); node B signs; alice's
 * requests arrive at node A, which accepts the genuine set and refuses one she edited.
 */
class SipClusterRouteSigningTest {

    private final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
    private EdgeUnderTest nodeA;
    private EdgeUnderTest nodeB;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aSetSignedOnOneNodeIsCheckedOnTheOther() throws Exception {
        EdgeUnderTest.Stores stores = EdgeUnderTest.Stores.fresh();
        nodeA = new EdgeUnderTest("node-a", stores, List.of(), List.of(), this::cluster);
        nodeB = new EdgeUnderTest("node-b", stores, List.of(), List.of(), this::cluster);
        TestPhone alice = phone(nodeA, "alice");
        TestPhone bob = phone(nodeB, "bob");
        Call call = new MethodScenarios(new Party(bob, true), new Party(alice, false)).call(List.of());
        TestDialog aliceSide = call.b();
        assertTrue(aliceSide.routes.get(0).contains("ce-bn="), "node B marked alice's node: " + aliceSide.routes);

        // Alice drops the mark naming her own node: node A refuses it, counts it, and nothing reaches bob.
        List<String> edited = aliceSide.routes.stream().map(r -> r.replaceAll(";ce-bn=[^;>]*", "")).toList();
        alice.wire.send(alice.request("INFO", aliceSide.remoteTarget, aliceSide.remoteUri, aliceSide.callId,
                aliceSide.localTag, aliceSide.remoteTag, edited.stream().map(r -> "Route: " + r).toList(), null,
                null));
        SipMsg refused = alice.wire.expectStatus(403);
        assertTrue(refused.firstLine().endsWith("Route Set Not Valid"), refused.firstLine());
        assertNull(bob.wire.receive(Duration.ofMillis(500)), "nothing reached bob");
        assertTrue(nodeA.failures.stream().anyMatch(f -> f.category() == FailureCategory.SIP_PROTOCOL),
                nodeA.failures.toString());

        // The set as node B signed it: node A checks it and hands the BYE to node B, which holds bob's flow.
        MethodScenarios.exchange(aliceSide, call.a(), "BYE", List.of(), null, null, 200, null, null);
    }

    private TestPhone phone(EdgeUnderTest node, String user) throws Exception {
        TestPhone p = new TestPhone(RawSipClient.tcp(node.tcp), user, "example.com", user + "-secret");
        open.add(p);
        assertEquals(200, p.register(600, "SHA-256").status());
        return p;
    }

    private SipCluster cluster(EdgeUnderTest node) {
        NodeDirectory directory = new NodeDirectory(node.stores.shared().<EdgeNode>map("edge-nodes"), node.nodeId,
                () -> "127.0.0.1", node.host.clock());
        directory.start();
        open.add(directory::close);
        return new SipCluster(directory, node.certificates::identity, () -> new PeerSettings("127.0.0.1", 0));
    }
}
