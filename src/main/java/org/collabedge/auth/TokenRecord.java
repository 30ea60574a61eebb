package org.collabedge.auth;

import java.io.Serializable;

/**
 * What the shared token map holds under a token's hash: never the token itself.
 *
 * @param family           the sign-in this token belongs to; refreshing keeps the family, revoking ends it
 * @param refresh          true for a refresh token, false for an access token
 * @param expiresAtMillis  when the token stops being valid (SIP may add its extra time-to-live)
 */
public record TokenRecord(String user, String family, boolean refresh, TokenSource source, long issuedAtMillis,
                          long expiresAtMillis) implements Serializable {
}
