package org.collabedge.auth;

import java.time.Instant;

/** What a successful sign-in returns to the client. Never logged. */
public record IssuedTokens(String accessToken, String refreshToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedTokens[expiresAt=" + expiresAt + "]";
    }
}
