package org.collabedge.openfire;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

import org.collabedge.host.HostContext;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Openfire adapters of one plugin instance, assembled into a {@link HostContext}. Everything an adapter opens
 * (the shared-state purge thread and cluster listener, the configuration store's property listener) is closed by
 * {@link #close()}, in reverse order; when assembling fails half-way, what was opened is closed before the failure
 * propagates.
 */
final class OpenfireHost implements AutoCloseable {

    static final String HOST_KIND = "openfire";

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireHost.class);

    private final HostContext context;
    private final String xmppDomain;
    private final Deque<AutoCloseable> opened;

    private OpenfireHost(HostContext context, String xmppDomain, Deque<AutoCloseable> opened) {
        this.context = context;
        this.xmppDomain = xmppDomain;
        this.opened = opened;
    }

    /** Opens the adapters. */
    static OpenfireHost open(Clock clock) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            XMPPServer server = XMPPServer.getInstance();
            String xmppDomain = server.getServerInfo().getXMPPDomain();
            String nodeId = nodeId(server, xmppDomain);
            OpenfireSharedState sharedState = new OpenfireSharedState(nodeId, clock);
            opened.push(sharedState);
            OpenfireConfigStore configStore = new OpenfireConfigStore();
            opened.push(configStore);
            HostContext context = new HostContext(nodeId, HOST_KIND, new OpenfireUserDirectory(), sharedState,
                    configStore, new OpenfireSecretStore(), new OpenfirePresencePublisher(), clock);
            return new OpenfireHost(context, xmppDomain, opened);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * This node's cluster node id when clustering has started (XMPPServer#getNodeID, the id ClusterNodeInfo
     * reports); otherwise this node's host name (xmpp.fqdn), which tells cluster nodes apart also when the plugin
     * starts before the clustering plugin does; the XMPP domain as a last resort.
     */
    static String nodeId(XMPPServer server, String xmppDomain) {
        if (ClusterManager.isClusteringStarted() && server.getNodeID() != null) {
            String clusterNodeId = server.getNodeID().toString();
            if (!clusterNodeId.isBlank()) {
                return clusterNodeId;
            }
        }
        String hostName = server.getServerInfo().getHostname();
        return hostName == null || hostName.isBlank() ? xmppDomain : hostName;
    }

    HostContext context() {
        return context;
    }

    /** The server's XMPP domain, the edge's public host name until the administrator sets one. */
    String xmppDomain() {
        return xmppDomain;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
