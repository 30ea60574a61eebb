package org.collabedge.sip.registrar;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Response;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.collabedge.sip.transport.Flow;

/**
 * Registrations the edge relays to internal call control, remembered (in shared state, for their granted expiry)
 * only so the Registrations page can show them beside the edge's own bindings; internal call control holds them.
 */
public final class RelayedRegistrations {

    /** One relayed binding. */
    public record Relayed(String addressOfRecord, String contact, Flow flow, String nodeId, String userAgent,
                          long expiresAt) implements Serializable {
    }

    private final SharedMap<Relayed> map;
    private final Clock clock;

    public RelayedRegistrations(SharedState shared, Clock clock) {
        this.map = shared.map("sip.location.relayed");
        this.clock = clock;
    }

    /** Records what a 2xx from internal call control granted (contacts restored to the client's own). */
    public void granted(String aor, Flow flow, String nodeId, String userAgent, Response ok) {
        ExpiresHeader header = ok.getExpires();
        Iterator<?> it = ok.getHeaders(ContactHeader.NAME);
        long now = clock.millis();
        while (it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            int expires = c.getExpires() >= 0 ? c.getExpires() : header != null ? header.getExpires() : 0;
            String contact = c.getAddress().getURI().toString();
            String key = aor + "|" + contact;
            if (expires <= 0) {
                map.remove(key);
            } else {
                map.put(key, new Relayed(aor, contact, flow, nodeId, userAgent, now + expires * 1000L),
                        Duration.ofSeconds(expires));
            }
        }
    }

    public List<Relayed> all() {
        return List.copyOf(map.snapshot().values());
    }
}
