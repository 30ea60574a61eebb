package org.collabedge.auth;

import java.io.Serializable;
import java.time.Instant;

/**
 * One sign-in and its refreshes: what the token holders page lists and what revocation ends. Holds only the hashes
 * of the current access and refresh token.
 *
 * @param signedInMillis  when the user signed in (a refresh keeps it)
 * @param issuedAtMillis  when the current tokens were issued
 */
public record TokenFamily(String id, String user, TokenSource source, long signedInMillis, long issuedAtMillis,
                          long expiresAtMillis, String accessHash, String refreshHash) implements Serializable {

    public Instant signedIn() {
        return Instant.ofEpochMilli(signedInMillis);
    }

    public Instant issuedAt() {
        return Instant.ofEpochMilli(issuedAtMillis);
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }
}
