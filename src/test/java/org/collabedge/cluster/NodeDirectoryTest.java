package org.collabedge.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.host.SharedState;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

class NodeDirectoryTest {

    private final MutableClock clock = new MutableClock();
    private final SharedState shared = new LocalSharedState(clock);

    private NodeDirectory node(String id, String publicName) {
        return new NodeDirectory(shared.map("edge-nodes"), id, () -> publicName, clock);
    }

    private static List<String> ids(NodeDirectory d) {
        return d.nodes().stream().map(EdgeNode::nodeId).toList();
    }

    @Test
    void twoNodesSeeEachOtherAndWhatEachAdvertises() {
        try (NodeDirectory a = node("node-a", "edge1.example.com");
             NodeDirectory b = node("node-b", "edge2.example.com")) {
            a.start();
            b.start();
            a.advertise("sip.internal", "tcp:10.0.0.5:5062");

            assertEquals(List.of("node-a", "node-b"), ids(b));
            EdgeNode seen = b.node("node-a").orElseThrow();
            assertEquals("edge1.example.com", seen.publicHostName());
            assertEquals(Optional.of("tcp:10.0.0.5:5062"), seen.endpoint("sip.internal"));

            a.withdraw("sip.internal");
            assertEquals(Optional.empty(), b.node("node-a").orElseThrow().endpoint("sip.internal"));
        }
    }

    @Test
    void aCleanStopLeavesAtOnceAndASilentNodeExpires() {
        NodeDirectory a = node("node-a", "edge1");
        NodeDirectory b = node("node-b", "edge2");
        NodeDirectory c = node("node-c", "edge3");
        a.start();
        b.start();
        c.start();

        a.close();
        assertTrue(b.node("node-a").isEmpty());

        // c stops refreshing without saying goodbye (a crash): gone once its entry's expiry passes.
        clock.advance(NodeDirectory.EXPIRY.plus(Duration.ofSeconds(1)));
        assertTrue(b.node("node-c").isEmpty());
        assertEquals(List.of("node-b"), ids(b));
        b.close();
        c.close();
    }

    @Test
    void aChangedPublicNameShowsInWhatThisNodeReports() {
        AtomicReference<String> name = new AtomicReference<>("old.example.com");
        try (NodeDirectory a = new NodeDirectory(shared.map("edge-nodes"), "node-a", name::get, clock)) {
            a.start();
            name.set("new.example.com");
            assertEquals("new.example.com", a.self().publicHostName());
            assertEquals("new.example.com", a.node("node-a").orElseThrow().publicHostName());
        }
    }
}
