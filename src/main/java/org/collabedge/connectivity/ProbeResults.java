package org.collabedge.connectivity;

import java.util.Objects;
import java.util.Optional;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;

/**
 * The latest probe result of each internal server, by server id, in shared state so that every node's admin
 * pages show the same answer. Entries never expire; a server's entry goes when the server does.
 */
public final class ProbeResults {

    /** Name of the shared map that holds the results. */
    public static final String MAP_NAME = "probe-results";

    private final SharedMap<ProbeResult> results;

    public ProbeResults(SharedState state) {
        this.results = Objects.requireNonNull(state, "state").map(MAP_NAME);
    }

    /** Keeps {@code result} as the latest for the server, replacing any earlier one. */
    public void record(String serverId, ProbeResult result) {
        results.put(Objects.requireNonNull(serverId, "serverId"), Objects.requireNonNull(result, "result"),
                SharedMap.FOREVER);
    }

    /** The latest result for the server, if it was ever probed. */
    public Optional<ProbeResult> latest(String serverId) {
        return results.get(Objects.requireNonNull(serverId, "serverId"));
    }

    /** Drops the server's result, e.g. when the server is deleted. */
    public void forget(String serverId) {
        results.remove(Objects.requireNonNull(serverId, "serverId"));
    }
}
