package org.collabedge.protection;

import java.util.Objects;

/** The three faces of edge protection that the SIP, HTTP and identity services are handed. */
public record Protection(SecurityEvents events, AccessGate gate, AuthorizationRateControl rateControl) {

    public Protection {
        Objects.requireNonNull(events);
        Objects.requireNonNull(gate);
        Objects.requireNonNull(rateControl);
    }

    /** No counting, no bans, no rate limit. */
    public static Protection none() {
        return new Protection(SecurityEvents.IGNORE, AccessGate.OPEN, AuthorizationRateControl.UNLIMITED);
    }
}
