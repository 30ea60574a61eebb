package org.collabedge.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.ValidationException;
import org.collabedge.host.SharedState;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-node public host names feeding two node directories that share one state, as EdgeCore wires them. */
class NodeHostNamesTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final SharedState shared = new LocalSharedState(clock);

    @Test
    void anOverrideNamesOneNodeAndTheOthersKeepTheEdgeName() {
        FileConfigStore store = new FileConfigStore(dir);
        ExternalChanges changesA = new ExternalChanges();
        ExternalChanges changesB = new ExternalChanges();
        NodeHostNames namesA = new NodeHostNames(store, shared, new RestartNotices());
        NodeHostNames namesB = new NodeHostNames(store, shared, new RestartNotices());
        namesA.load(changesA);
        namesB.load(changesB);
        try (namesA; namesB;
             NodeDirectory a = new NodeDirectory(shared.map("edge-nodes"), "node-a",
                     () -> namesA.publicHostName("node-a", "edge.example.test"), clock);
             NodeDirectory b = new NodeDirectory(shared.map("edge-nodes"), "node-b",
                     () -> namesB.publicHostName("node-b", "edge.example.test"), clock)) {
            a.start();
            b.start();
            assertEquals("edge.example.test", a.node("node-b").orElseThrow().publicHostName());

            // The admin on node-a names node-b; node-b hears of the stored change (the host's change event).
            namesA.set("node-b", "Edge2.Example.Test.");
            changesB.publish(NodeHostNames.DOCUMENT);
            assertEquals("edge2.example.test", b.self().publicHostName());
            b.advertise("https.port", "8443"); // any refresh (or the next heartbeat) publishes the new name
            assertEquals("edge2.example.test", a.node("node-b").orElseThrow().publicHostName());
            assertEquals("edge.example.test", a.self().publicHostName());

            ValidationException bad = assertThrows(ValidationException.class,
                    () -> namesA.set("node-a", "no spaces allowed"));
            assertTrue(bad.hasErrorFor(NodeHostNames.FIELD));
            assertNull(namesA.override("node-a"), "a refused name is not stored");

            namesA.set("node-b", " ");
            changesB.publish(NodeHostNames.DOCUMENT);
            assertEquals("edge.example.test", b.self().publicHostName());
        }
    }
}
