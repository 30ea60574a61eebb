package org.collabedge.auth;

import java.time.Instant;
import java.util.Objects;

/** What a valid edge token says: whose it is, until when, and how its holder signed in. */
public record VerifiedToken(String user, Instant expiresAt, TokenSource source) {

    public VerifiedToken {
        Objects.requireNonNull(user);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(source);
    }
}
