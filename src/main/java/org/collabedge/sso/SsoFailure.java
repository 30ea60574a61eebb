package org.collabedge.sso;

/**
 * Why a SAML response was refused. The log says "Invalid SAML Response" with the reason, as the seed's
 * troubleshooting table expects; a missing user attribute logs "No uid Attribute in Assertion from IdP".
 * {@link #label()} is the metrics and statistics label, and {@code sso.reason.<label>} its i18n key.
 */
public enum SsoFailure {
    MALFORMED("malformed", "the message is not a well-formed SAML response (or carries a DTD)"),
    UNKNOWN_ISSUER("unknown_issuer", "the issuer is not an imported identity provider"),
    IDP_STATUS("idp_status", "the identity provider reported a failure status"),
    UNSIGNED("unsigned", "neither the response nor the assertion is signed"),
    BAD_SIGNATURE("bad_signature", "the signature does not verify with the identity provider's metadata key"),
    WRONG_DESTINATION("wrong_destination", "the response's Destination is not our assertion consumer service"),
    WRONG_ISSUER("wrong_issuer", "the assertion's issuer is not the identity provider the request went to"),
    WRONG_AUDIENCE("wrong_audience", "the assertion is not addressed to our entity ID"),
    WRONG_RECIPIENT("wrong_recipient", "the bearer confirmation's Recipient is not our assertion consumer service"),
    EXPIRED("expired", "the assertion is no longer valid"),
    NOT_YET_VALID("not_yet_valid", "the assertion is not valid yet"),
    UNKNOWN_REQUEST("unknown_request", "InResponseTo names no outstanding request (unknown, expired or used)"),
    REPLAYED("replayed", "the assertion was already used"),
    DECRYPTION_FAILED("decryption_failed", "the encrypted assertion cannot be decrypted with our key"),
    NO_UID("no_uid", "No uid Attribute in Assertion from IdP"),
    UNKNOWN_USER("unknown_user", "the user named by the assertion is not in the directory"),
    SSO_OFF("sso_off", "single sign-on is off, or the domain has no identity provider");

    private final String label;
    private final String logText;

    SsoFailure(String label, String logText) {
        this.label = label;
        this.logText = logText;
    }

    public String label() {
        return label;
    }

    /** What the log says after "Invalid SAML Response: ". */
    public String logText() {
        return logText;
    }
}
