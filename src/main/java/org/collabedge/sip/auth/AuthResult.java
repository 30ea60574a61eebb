package org.collabedge.sip.auth;

import java.time.Duration;

/** What the edge's authentication made of a request. */
public sealed interface AuthResult {

    /** The credentials are good: the request acts for {@code user}. */
    record Authenticated(String user) implements AuthResult {
    }

    /** No usable credentials: answer 401/407 with fresh challenges ({@code stale} when only the nonce expired). */
    record Challenge(boolean stale) implements AuthResult {
    }

    /** Refused outright, e.g. 503 with Retry-After when the user is over the authorization rate. */
    record Refused(int status, String reason, Duration retryAfter) implements AuthResult {
    }
}
