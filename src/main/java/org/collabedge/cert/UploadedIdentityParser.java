package org.collabedge.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what an admin uploads (certificate, optional chain, key, optional key password) into an
 * {@link EdgeIdentity}, or says precisely why it cannot serve TLS. The certificate text may itself be a full chain
 * ("fullchain.pem"): the certificate that matches the key is the leaf and the rest join the chain.
 */
final class UploadedIdentityParser {

    private UploadedIdentityParser() {
    }

    /**
     * @throws CertificateProblem naming the first problem found, checked in this order: PEM syntax, key password,
     *                            key strength, key/certificate match, serverAuth usage, chain order, validity dates
     */
    static EdgeIdentity parse(String certificatePem, String chainPem, String keyPem, char[] keyPassword,
                              Instant now) {
        List<X509Certificate> certificates = Pem.parseCertificates(certificatePem, "The certificate");
        List<X509Certificate> extra = chainPem == null || chainPem.isBlank()
                ? List.of() : Pem.parseCertificates(chainPem, "The chain");
        PrivateKey key = PemPrivateKeyReader.read(keyPem, keyPassword);
        TlsKeyPolicy.requireStrongKey(key, "The private key");

        X509Certificate leaf = certificates.stream()
                .filter(certificate -> TlsKeyPolicy.keyMatches(key, certificate))
                .findFirst()
                .orElseThrow(() -> new CertificateProblem(CertificateProblem.KEY_MISMATCH, "The private key does"
                        + " not belong to the certificate " + subject(certificates.get(0)) + ": upload the key"
                        + " that was generated with this certificate's signing request."));
        TlsKeyPolicy.requireServerAuth(leaf);

        List<X509Certificate> others = new ArrayList<>(certificates);
        others.addAll(extra);
        List<X509Certificate> chain = ChainBuilder.order(leaf, others);

        requireValid(leaf, now);
        for (X509Certificate issuer : chain) {
            requireValid(issuer, now);
        }
        return new EdgeIdentity(leaf, chain, key, false);
    }

    /** @throws CertificateProblem {@code expired} or {@code not_yet_valid} at {@code now} */
    static void requireValid(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new CertificateProblem(CertificateProblem.NOT_YET_VALID, "The certificate "
                    + subject(certificate) + " is not valid yet: its validity starts " + notBefore + ".");
        }
        if (now.isAfter(notAfter)) {
            throw new CertificateProblem(CertificateProblem.EXPIRED, "The certificate " + subject(certificate)
                    + " expired on " + notAfter + ".");
        }
    }

    private static String subject(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }
}
