package org.collabedge.cluster;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One running edge node as the others see it: its id, the public host name remote clients use for it, and what its
 * services advertise about themselves (for example {@code "sip.internal" -> "tcp:10.0.0.5:5062"} or
 * {@code "https.port" -> "8443"}). Advertisements are plain strings so services stay decoupled from each other.
 *
 * @param seenAtMillis when the node last refreshed its entry (epoch millis, its own clock)
 */
public record EdgeNode(String nodeId, String publicHostName, Map<String, String> endpoints, long seenAtMillis)
        implements Serializable {

    public EdgeNode {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(publicHostName, "publicHostName");
        // A TreeMap is serializable on every host and keeps pages in a stable order.
        endpoints = new TreeMap<>(endpoints);
    }

    /** What a service of this node advertised under {@code key}, if anything. */
    public Optional<String> endpoint(String key) {
        return Optional.ofNullable(endpoints.get(key));
    }

    @Override
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(endpoints);
    }
}
