package org.collabedge.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 certificate fingerprints in the form admins compare with browsers and {@code openssl x509 -fingerprint}:
 * upper-case hex pairs joined by colons.
 */
public final class Fingerprints {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprints() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return COLON_HEX.formatHex(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint certificate", e);
        }
    }

    /** Accepts a fingerprint typed with or without colons/spaces, in any case, and returns the canonical form. */
    public static String normalize(String fingerprint) {
        if (fingerprint == null) {
            return "";
        }
        String hex = fingerprint.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
        if (hex.length() % 2 != 0 || !hex.matches("[0-9A-F]*")) {
            return fingerprint.trim();
        }
        return COLON_HEX.formatHex(HexFormat.of().parseHex(hex));
    }
}
