package org.collabedge.openfire;

import org.jivesoftware.openfire.cluster.ClusterEventListener;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;

/**
 * Where this node stands in the cluster: is it the one that runs atomic operations (not clustered, or the senior
 * member), and if not, which node is the senior. Read from ClusterManager once and again after every cluster event,
 * so the hot path of a shared-state operation does not query the cluster.
 */
final class ClusterView implements ClusterEventListener {

    private record Snapshot(boolean coordinator, byte[] seniorNodeId) {
    }

    private static final Snapshot COORDINATOR = new Snapshot(true, null);

    private volatile Snapshot snapshot = COORDINATOR;
    private volatile boolean stale = true;

    /** True when atomic operations run in this JVM: clustering is off, or this node is the senior member. */
    boolean coordinatesLocally() {
        return current().coordinator();
    }

    /** Node id of the senior member as CacheFactory wants it; null when none is known. */
    byte[] seniorNodeId() {
        byte[] id = current().seniorNodeId();
        return id == null ? null : id.clone();
    }

    /** Forgets what is known, for example after the senior did not answer. */
    void invalidate() {
        stale = true;
    }

    private Snapshot current() {
        if (stale) {
            refresh();
        }
        return snapshot;
    }

    synchronized void refresh() {
        stale = false; // an event arriving while we read marks it stale again
        if (!ClusterManager.isClusteringStarted() || ClusterManager.isSeniorClusterMember()) {
            snapshot = COORDINATOR;
            return;
        }
        byte[] senior = null;
        for (ClusterNodeInfo node : ClusterManager.getNodesInfo()) {
            if (node.isSeniorMember()) {
                senior = node.getNodeID().toByteArray();
                break;
            }
        }
        snapshot = new Snapshot(false, senior);
    }

    @Override
    public void joinedCluster() {
        invalidate();
    }

    @Override
    public void joinedCluster(byte[] nodeID) {
        invalidate();
    }

    @Override
    public void leftCluster() {
        invalidate();
    }

    @Override
    public void leftCluster(byte[] nodeID) {
        invalidate();
    }

    @Override
    public void markedAsSeniorClusterMember() {
        invalidate();
    }
}
