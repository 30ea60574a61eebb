package org.collabedge.protection;

/**
 * Counts every sign-in or authorization of a user (password, token refresh, SIP digest) in a cluster-wide sliding
 * window and says when the user is over "Maximum authorizations per period". HTTP answers a refusal with 429 and
 * Retry-After; SIP with 503 and Retry-After.
 */
@FunctionalInterface
public interface AuthorizationRateControl {

    /** Never refuses: what services use while no protection service runs. */
    AuthorizationRateControl UNLIMITED = user -> RateDecision.ALLOWED;

    /** Counts one authorization attempt of {@code user} and says whether it may proceed. */
    RateDecision authorize(String user);
}
