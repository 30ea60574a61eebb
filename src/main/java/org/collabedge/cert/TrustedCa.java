package org.collabedge.cert;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * One certificate the edge trusts when it connects out over TLS (to internal call control, web servers, IdPs),
 * with the fields the admin list shows.
 *
 * @param fingerprint SHA-256, colon-separated upper-case hex; the identity used to remove it
 */
public record TrustedCa(String fingerprint, String subject, String issuer, Instant notAfter,
                        X509Certificate certificate) {

    public TrustedCa {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(certificate, "certificate");
    }

    static TrustedCa of(X509Certificate certificate) {
        return new TrustedCa(Fingerprints.sha256(certificate), certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getNotAfter().toInstant(), certificate);
    }
}
