package org.collabedge.auth;

import java.util.Optional;

/**
 * Checks a bearer edge token (HTTP {@code Authorization: Bearer}, SIP RFC 8898). The SIP edge and the HTTP proxy
 * ask this; the identity service implements it. Implementations never log the token.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** Refuses every token: what the services use while no identity service runs. */
    TokenVerifier REFUSE_ALL = (token, use) -> Optional.empty();

    /** The token's holder when the token is genuine, unrevoked and valid for this use now; otherwise empty. */
    Optional<VerifiedToken> verify(String token, TokenUse use);
}
