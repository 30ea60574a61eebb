package org.collabedge.auth;

/**
 * What the SAML service knows of users: whether a user's domain is associated with an identity provider, and whether
 * such a user may still sign in with a password while SSO is On. The identity service asks it; the SAML service
 * supplies it ({@code IdentityService.useSsoDomains}). Until then nobody is an SSO user.
 */
public interface SsoDomains {

    /** No domain is associated with an identity provider. */
    SsoDomains NONE = user -> false;

    /** True when the user's domain is associated with an identity provider. */
    boolean hasIdentityProvider(String user);

    /**
     * With SSO On, may this SSO user fall back to password sign-in at the edge? The seed's clients in SSO mode try
     * the IdP first, then the edge, so the default is yes.
     */
    default boolean passwordFallbackAllowed(String user) {
        return true;
    }
}
