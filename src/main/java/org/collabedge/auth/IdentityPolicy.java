package org.collabedge.auth;

/** The identity settings the SAML service needs from the token service's settings. */
public interface IdentityPolicy {

    SsoMode ssoMode();

    /** The seed's "Check for internal SSO availability": ask internal call control before offering SSO. */
    boolean checkInternalSsoAvailability();
}
