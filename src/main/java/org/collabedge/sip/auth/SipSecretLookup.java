package org.collabedge.sip.auth;

import java.util.Optional;

/**
 * The per-user SIP secret that digest authentication at the edge checks against. Kept in the host's secret store;
 * the admin sets or regenerates it and sees it once.
 */
@FunctionalInterface
public interface SipSecretLookup {

    /** The user's SIP secret, or empty when none is set (then digest fails for that user). */
    Optional<char[]> secretOf(String user);
}
