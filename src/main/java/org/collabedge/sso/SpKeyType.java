package org.collabedge.sso;

import java.security.interfaces.RSAKey;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The kinds of SP key the admin may choose. Both are RSA because IdPs (Keycloak, AD FS, Shibboleth) encrypt the
 * assertion's content key to the SP by RSA key transport (RSA-OAEP); EC keys would need ECDH-ES key agreement,
 * which those IdPs and OpenSAML 4.0 do not offer. The trade-off: an encrypted assertion costs one private-key
 * operation on the edge, about 3-4 times cheaper with 2048 bits; 3072 bits keeps a long-lived key strong beyond 2030
 * (NIST SP 800-57: 2048-bit RSA for protection until 2030). Signed-only assertions cost the same with either.
 */
public enum SpKeyType {
    RSA_2048(2048), RSA_3072(3072);

    public static final SpKeyType DEFAULT = RSA_3072;

    private final int bits;

    SpKeyType(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** Lower-case, dashed: the form value and i18n key part. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<SpKeyType> parse(String value) {
        for (SpKeyType t : values()) {
            if (t.key().equals(value) || t.name().equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of an existing key, when it is one of ours. */
    public static Optional<SpKeyType> of(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            int size = rsa.getModulus().bitLength();
            for (SpKeyType t : values()) {
                if (t.bits == size) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }
}
