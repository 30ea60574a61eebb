package org.collabedge.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms of RFC 8760 the edge offers: SHA-256 (preferred) and MD5 (for older phones). */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"), MD5("MD5", "MD5");

    private final String token;
    private final String jca;

    DigestAlgorithm(String token, String jca) {
        this.token = token;
        this.jca = jca;
    }

    /** The name in the algorithm parameter. */
    public String token() {
        return token;
    }

    /** Parses an algorithm parameter; an absent one means MD5 (RFC 3261). */
    public static Optional<DigestAlgorithm> parse(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the digest of the UTF-8 text. */
    public String hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(jca);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)))
                    .toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from this JVM", e);
        }
    }
}
