package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.config.ConfigService;
import org.collabedge.config.Domain;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.InternalServer;
import org.collabedge.config.RestartNotices;
import org.collabedge.host.HostContext;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.protection.ProtectionService;
import org.collabedge.sip.cluster.PeerSettings;
import org.collabedge.sip.cluster.SipCluster;

/**
 * Two SIP edge nodes, node-a and node-b, on one shared state (as two Openfire cluster members): each with its node
 * directory and its node-to-node listener on loopback. Closing it closes the phones made through it, the
 * directories, the protection services and both nodes.
 */
final class TwoNodeCluster implements AutoCloseable {

    final EdgeUnderTest.Stores stores = EdgeUnderTest.Stores.fresh();
    final EdgeUnderTest nodeA;
    final EdgeUnderTest nodeB;
    final NodeDirectory directoryA;
    final NodeDirectory directoryB;
    /** With {@link #withRealProtection()}: node A's, then node B's; else empty. */
    final List<ProtectionService> protection = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, NodeDirectory> directories = new ConcurrentHashMap<>();

    /** Both nodes own example.com (users alice, bob, carol) and nothing else. */
    TwoNodeCluster() throws IOException {
        this(List.of(), List.of(), false);
    }

    /** As {@link #TwoNodeCluster()}, for a test class's field (one cluster per test, closed by {@code @AutoClose}). */
    static TwoNodeCluster started() {
        try {
            return new TwoNodeCluster();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With more domains and internal servers, the same on both nodes. */
    TwoNodeCluster(List<Domain> moreDomains, List<InternalServer> servers) throws IOException {
        this(moreDomains, servers, false);
    }

    /** Each node with a real protection service (bans shared through the stores) instead of a test gate. */
    static TwoNodeCluster withRealProtection() throws IOException {
        return new TwoNodeCluster(List.of(), List.of(), true);
    }

    private TwoNodeCluster(List<Domain> moreDomains, List<InternalServer> servers, boolean realProtection)
            throws IOException {
        Function<HostContext, Protection> protectionFactory = realProtection ? this::protectionFor : null;
        nodeA = new EdgeUnderTest("node-a", stores, moreDomains, servers, this::cluster, protectionFactory);
        try {
            nodeB = new EdgeUnderTest("node-b", stores, moreDomains, servers, this::cluster, protectionFactory);
        } catch (IOException | RuntimeException e) {
            nodeA.close();
            throw e;
        }
        directoryA = directories.get("node-a");
        directoryB = directories.get("node-b");
    }

    /** The node-to-node path of one node, built before its service starts. */
    private SipCluster cluster(EdgeUnderTest node) {
        NodeDirectory directory = new NodeDirectory(node.stores.shared().<EdgeNode>map("edge-nodes"), node.nodeId,
                () -> "127.0.0.1", node.host.clock());
        directory.start();
        directories.put(node.nodeId, directory);
        open.add(directory::close);
        return new SipCluster(directory, node.certificates::identity, () -> new PeerSettings("127.0.0.1", 0));
    }

    private Protection protectionFor(HostContext host) {
        RestartNotices notices = new RestartNotices();
        ConfigService config = new ConfigService(host.configStore(), host.secrets(), host.sharedState(), "127.0.0.1",
                notices);
        config.load();
        ProtectionService p = new ProtectionService(host, config, new ExternalChanges(), new EdgeMetrics(), notices);
        p.start();
        protection.add(p);
        open.add(p::stop);
        return p.protection();
    }

    /** A phone of {@code user}@example.com on {@code node}'s TCP listener, registered (digest SHA-256). */
    TestPhone phone(EdgeUnderTest node, String user) throws Exception {
        TestPhone p = track(new TestPhone(RawSipClient.tcp(node.tcp), user, "example.com", user + "-secret"));
        assertEquals(200, p.register(600, "SHA-256").status());
        return p;
    }

    /** Closes {@code phone} with the cluster. */
    TestPhone track(TestPhone phone) {
        open.add(phone);
        return phone;
    }

    /** Where {@code node}'s node-to-node listener listens, as the other node's directory shows it. */
    int peerPort(String node) {
        NodeDirectory other = node.equals("node-a") ? directoryB : directoryA;
        String peer = other.node(node).orElseThrow().endpoint(SipCluster.ADVERTISED).orElseThrow();
        return Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        nodeA.close();
        nodeB.close();
    }
}
