package org.collabedge.cert;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.List;

/**
 * Whether a key and certificate can serve TLS for the edge: RSA of at least 2048 bits or EC; the private key
 * belongs to the certificate; and the certificate, if it restricts its use, allows TLS server authentication.
 */
final class TlsKeyPolicy {

    static final int MIN_RSA_BITS = 2048;

    private static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String EKU_ANY = "2.5.29.37.0";

    private TlsKeyPolicy() {
    }

    /** @throws CertificateProblem {@code weak_key} for RSA below 2048 bits or any algorithm other than RSA/EC */
    static void requireStrongKey(Key key, String owner) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new CertificateProblem(CertificateProblem.WEAK_KEY, owner + " has an RSA key of " + bits
                        + " bits; at least " + MIN_RSA_BITS + " bits are required.");
            }
            return;
        }
        if (key instanceof ECKey) {
            return;
        }
        throw new CertificateProblem(CertificateProblem.WEAK_KEY, owner + " has a " + key.getAlgorithm()
                + " key; TLS on the edge needs an RSA (2048 bits or more) or EC key.");
    }

    /** True when {@code key} is the private half of {@code certificate}'s public key (sign, then verify). */
    static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** @throws CertificateProblem {@code not_server_auth} when extendedKeyUsage is present without serverAuth */
    static void requireServerAuth(X509Certificate certificate) {
        List<String> usages;
        try {
            usages = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            usages = List.of();
        }
        if (usages != null && !usages.contains(EKU_SERVER_AUTH) && !usages.contains(EKU_ANY)) {
            throw new CertificateProblem(CertificateProblem.NOT_SERVER_AUTH, "The certificate "
                    + certificate.getSubjectX500Principal().getName() + " is not valid for TLS servers: its"
                    + " extended key usage lacks serverAuth.");
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
    }
}
