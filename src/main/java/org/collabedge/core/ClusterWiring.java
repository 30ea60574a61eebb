package org.collabedge.core;

import java.util.Deque;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.cluster.NodeHostNames;
import org.collabedge.host.HostContext;

/**
 * The cluster as the services see it: each node's own public host name (the "Cluster nodes" page) and the directory
 * of running nodes and what each advertises. Started before the services that advertise their addresses in it (the
 * SIP edge's internal listener, HTTPS).
 */
record ClusterWiring(NodeHostNames nodeHostNames, NodeDirectory nodes) {

    static ClusterWiring start(HostContext host, Foundation base, Deque<Runnable> started) {
        NodeHostNames names = new NodeHostNames(host.configStore(), host.sharedState(), base.restartNotices());
        names.load(base.externalChanges());
        started.push(names::close);
        // A node without a name of its own goes by the edge's public host name.
        NodeDirectory nodes = new NodeDirectory(host.sharedState().<EdgeNode>map("edge-nodes"), host.nodeId(),
                () -> names.publicHostName(host.nodeId(), base.config().current().settings().publicHostName()),
                host.clock());
        nodes.start();
        started.push(nodes::close);
        return new ClusterWiring(names, nodes);
    }
}
