package org.collabedge.protection;

import java.time.Duration;

/** Whether an authorization may go ahead, and if not, when the client may try again. */
public record RateDecision(boolean allowed, Duration retryAfter) {

    public static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    public static RateDecision refused(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }
}
