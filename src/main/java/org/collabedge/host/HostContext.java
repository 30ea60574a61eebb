package org.collabedge.host;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything a host hands the core: the ports above, a clock, and who this node is.
 *
 * @param nodeId   stable name of this node, shown next to per-node state (registrations, calls)
 * @param hostKind "openfire" or "standalone", for pages that differ slightly between the two
 */
public record HostContext(String nodeId, String hostKind, UserDirectory users, SharedState sharedState,
                          ConfigStore configStore, SecretStore secrets, PresencePublisher presence, Clock clock) {

    public HostContext {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(hostKind, "hostKind");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sharedState, "sharedState");
        Objects.requireNonNull(configStore, "configStore");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(clock, "clock");
    }
}
