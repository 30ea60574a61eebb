package org.collabedge.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.FieldError;
import org.collabedge.config.HostNames;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedState;

/**
 * Each node's own public host name, where it differs from the edge's: in a cluster every node is reached under its
 * own name (the seed's Expressway-E peers each have an FQDN), and the IdP must send each node's users back to that
 * node. One shared document ({@value #DOCUMENT}) keyed by node id; a node without an entry uses the edge's public
 * host name. The node directory reads this on every heartbeat, so a change shows on all nodes within one.
 */
public final class NodeHostNames implements AutoCloseable {

    public static final String DOCUMENT = "node-names";
    public static final String FIELD = "node.publicHostName";
    /** The stored document: node id to public host name, only for nodes with an override. */
    public record Names(Map<String, String> byNode) {
        public Names {
            byNode = byNode == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(byNode));
        }

        static Names none() {
            return new Names(Map.of());
        }
    }

    private final SharedDocument<Names> document;
    private ExternalChanges.Subscription subscription = ExternalChanges.Subscription.NONE;

    public NodeHostNames(ConfigStore store, SharedState shared, RestartNotices restartNotices) {
        this.document = new SharedDocument<>(DOCUMENT, new DocumentCodec<>(Names.class, 1), Names::none, store,
                shared, restartNotices);
    }

    /** Reads the stored names and follows changes other nodes make. */
    public void load(ExternalChanges externalChanges) {
        document.load();
        subscription = externalChanges.subscribe(document);
    }

    @Override
    public void close() {
        subscription.close();
    }

    /** The public host name of {@code nodeId}: its override, else {@code edgeName}. */
    public String publicHostName(String nodeId, String edgeName) {
        return document.current().byNode().getOrDefault(nodeId, edgeName);
    }

    /** The override of a node, or null when it uses the edge's name. */
    public String override(String nodeId) {
        return document.current().byNode().get(nodeId);
    }

    /**
     * Sets a node's public host name; blank or null returns the node to the edge's name.
     *
     * @throws org.collabedge.config.ValidationException naming {@value #FIELD} when the name is neither a DNS name
     *                                                   nor an IP address
     */
    public void set(String nodeId, String name) {
        Objects.requireNonNull(nodeId, "nodeId");
        String value = name == null || name.isBlank() ? null : HostNames.normalise(name.trim());
        if (value != null && !HostNames.isDnsName(value) && !HostNames.isIpLiteral(value)) {
            throw new org.collabedge.config.ValidationException(new FieldError(FIELD, "error.address", name.trim()));
        }
        document.change(n -> {
            Map<String, String> map = new HashMap<>(n.byNode());
            if (value == null) {
                map.remove(nodeId);
            } else {
                map.put(nodeId, value);
            }
            return new Names(map);
        });
    }
}
