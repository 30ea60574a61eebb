package org.collabedge.cert;

import java.util.Objects;

/**
 * Why a certificate, key or CA list was refused. Carries a machine key (for i18n lookups in the admin pages,
 * e.g. {@code cert.error.key_mismatch}) and an English message that says exactly what is wrong. Neither ever
 * contains key material, so both are safe to log and to show.
 */
public final class CertificateProblem extends RuntimeException {

    public static final String NOT_PEM = "cert.error.not_pem";
    public static final String NO_CERTIFICATE = "cert.error.no_certificate";
    public static final String NO_KEY = "cert.error.no_key";
    public static final String KEY_PASSWORD = "cert.error.key_password";
    public static final String KEY_MISMATCH = "cert.error.key_mismatch";
    public static final String WEAK_KEY = "cert.error.weak_key";
    public static final String NOT_SERVER_AUTH = "cert.error.not_server_auth";
    public static final String CHAIN_ORDER = "cert.error.chain_order";
    public static final String EXPIRED = "cert.error.expired";
    public static final String NOT_YET_VALID = "cert.error.not_yet_valid";

    private final String key;

    public CertificateProblem(String key, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The machine key, one of the constants of this class. */
    public String key() {
        return key;
    }
}
