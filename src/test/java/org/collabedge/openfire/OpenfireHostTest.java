package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.NodeID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

class OpenfireHostTest {

    private MockedStatic<ClusterManager> clusterManager;
    private final XMPPServer server = mock(XMPPServer.class);
    private final XMPPServerInfo info = mock(XMPPServerInfo.class);

    @BeforeEach
    void setUp() {
        clusterManager = Mockito.mockStatic(ClusterManager.class);
        when(server.getServerInfo()).thenReturn(info);
        NodeID nodeId = mock(NodeID.class);
        when(nodeId.toString()).thenReturn("5c1d2f0e-cluster-member");
        when(server.getNodeID()).thenReturn(nodeId);
    }

    @AfterEach
    void tearDown() {
        clusterManager.close();
    }

    @Test
    void aClusteredNodeIsNamedByItsClusterNodeId() {
        clusterManager.when(ClusterManager::isClusteringStarted).thenReturn(true);
        when(info.getHostname()).thenReturn("xmpp1.example.org");
        assertEquals("5c1d2f0e-cluster-member", OpenfireHost.nodeId(server, "example.org"));
    }

    @Test
    void otherwiseByItsHostNameThenByTheDomain() {
        clusterManager.when(ClusterManager::isClusteringStarted).thenReturn(false);
        when(info.getHostname()).thenReturn("xmpp1.example.org");
        assertEquals("xmpp1.example.org", OpenfireHost.nodeId(server, "example.org"));
        when(info.getHostname()).thenReturn(null);
        assertEquals("example.org", OpenfireHost.nodeId(server, "example.org"));
    }
}
