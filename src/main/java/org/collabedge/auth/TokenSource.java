package org.collabedge.auth;

/** How the holder of a token signed in: with a directory password, or at an identity provider (SAML). */
public enum TokenSource {
    PASSWORD, IDP
}
