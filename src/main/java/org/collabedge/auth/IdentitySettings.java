package org.collabedge.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/**
 * The edge's identity settings, as the seed's "Single Sign-on support" and "Advanced" credential caching fields.
 *
 * @param ssoMode                       Off, On or Exclusive (default Off)
 * @param credentialsRefreshMinutes     lifetime of an edge token and of a cached credential check (default 480)
 * @param credentialsCleanupMinutes     time between purges of expired tokens and cached checks (default 720)
 * @param sipTokenExtraTtlSeconds       how long SIP may still use a token after it expired (default 0)
 * @param checkInternalSsoAvailability  ask internal call control before answering /get_edge_sso (seed default: Yes)
 * @param credentialCaching             cache successful directory password checks (default on; never for SSO users)
 */
public record IdentitySettings(SsoMode ssoMode, int credentialsRefreshMinutes, int credentialsCleanupMinutes,
                               int sipTokenExtraTtlSeconds, boolean checkInternalSsoAvailability,
                               boolean credentialCaching) {

    public static final int MAX_MINUTES = 10_080; // one week
    public static final int MAX_SIP_EXTRA_SECONDS = 86_400; // one day

    public static IdentitySettings defaults() {
        return new IdentitySettings(SsoMode.OFF, 480, 720, 0, true, true);
    }

    public Duration tokenLifetime() {
        return Duration.ofMinutes(credentialsRefreshMinutes);
    }

    public Duration cleanupInterval() {
        return Duration.ofMinutes(credentialsCleanupMinutes);
    }

    public Duration sipExtra() {
        return Duration.ofSeconds(sipTokenExtraTtlSeconds);
    }

    /** Refuses the settings, naming every field that is out of range. */
    public IdentitySettings validated() {
        List<FieldError> errors = new ArrayList<>();
        if (ssoMode == null) {
            errors.add(new FieldError("identity.ssoMode", "error.required"));
        }
        range(errors, "identity.credentialsRefreshMinutes", credentialsRefreshMinutes, 1, MAX_MINUTES);
        range(errors, "identity.credentialsCleanupMinutes", credentialsCleanupMinutes, 1, MAX_MINUTES);
        range(errors, "identity.sipTokenExtraTtlSeconds", sipTokenExtraTtlSeconds, 0, MAX_SIP_EXTRA_SECONDS);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return this;
    }

    private static void range(List<FieldError> errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new FieldError(field, "error.identity_range", value, min, max));
        }
    }
}
