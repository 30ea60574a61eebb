package org.collabedge.sso;

import java.time.Duration;
import java.util.Optional;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;

/**
 * AuthnRequests we sent and have not yet seen answered, in shared state so any node can receive the response.
 * Each can be consumed once; an entry expires after {@link #TTL}.
 */
public final class OutstandingRequests {

    public static final Duration TTL = Duration.ofMinutes(10);

    /** What we remember of a request: the IdP it went to, our entity ID in it, the RelayState, where to return. */
    public record Pending(String idpEntityId, String spEntityId, String relayState, String returnTo)
            implements java.io.Serializable {
    }

    private final SharedMap<Pending> map;

    public OutstandingRequests(SharedState shared) {
        this.map = shared.map("sso.requests");
    }

    public void remember(String requestId, Pending pending) {
        map.put(requestId, pending, TTL);
    }

    /** The request, removed so a second response to it finds nothing. */
    public Optional<Pending> consume(String requestId) {
        if (requestId == null) {
            return Optional.empty();
        }
        Optional<Pending> p = map.get(requestId);
        return p.isPresent() && map.remove(requestId) ? p : Optional.empty();
    }

    public int size() {
        return map.size();
    }
}
