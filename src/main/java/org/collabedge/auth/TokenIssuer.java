package org.collabedge.auth;

/** Issues edge tokens to a user who has signed in, by password or at an identity provider. */
@FunctionalInterface
public interface TokenIssuer {

    IssuedTokens issue(String user, TokenSource source);
}
