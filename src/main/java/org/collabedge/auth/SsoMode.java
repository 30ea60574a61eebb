package org.collabedge.auth;

/**
 * The seed's "Single Sign-on support": Off (password sign-in only), On (SSO for users of domains associated with an
 * identity provider, password sign-in for the others), Exclusive (SSO only; password sign-in refused).
 */
public enum SsoMode {
    OFF, ON, EXCLUSIVE
}
