package org.collabedge.admin;

import java.time.Instant;
import java.util.List;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeHostNames;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/**
 * Cluster nodes: the node directory as it reads now (id, public host name, what each node advertises, when it last
 * refreshed its entry) and each node's own public host name, which the SAML metadata export names it by.
 */
final class ClusterNodesPage implements AdminPage {

    /** One node as the page shows it; {@code override} is null while the node uses the edge's public host name. */
    public record Row(String nodeId, String publicHostName, String override, List<String> endpoints,
                      String lastSeen, boolean self) {
    }

    @Override
    public String name() {
        return "cluster-nodes";
    }

    @Override
    public void get(PageContext page) {
        var directory = page.core().nodes();
        NodeHostNames names = page.core().nodeHostNames();
        List<Row> rows = directory.nodes().stream().map(n -> new Row(n.nodeId(), n.publicHostName(),
                names.override(n.nodeId()), endpoints(n), Instant.ofEpochMilli(n.seenAtMillis()).toString(),
                n.nodeId().equals(directory.nodeId()))).toList();
        page.put("nodes", rows);
        page.put("edgeName", page.core().config().current().settings().publicHostName());
    }

    private static List<String> endpoints(EdgeNode n) {
        return n.endpoints().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
    }

    @Override
    public void post(PageContext page) {
        String node = page.param("node");
        if (node == null || page.core().nodes().node(node).isEmpty()) {
            throw new ValidationException(new FieldError(NodeHostNames.FIELD, "error.node_unknown",
                    node == null ? "" : node));
        }
        page.core().nodeHostNames().set(node, page.param("publicHostName"));
        page.redirect("cluster-nodes?done=node_saved");
    }
}
