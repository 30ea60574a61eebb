package org.collabedge.cert;

import java.io.StringReader;
import java.security.PrivateKey;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the private key an admin pastes next to an uploaded certificate, in whichever PEM form their tools wrote:
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}), SEC1 EC ({@code EC PRIVATE KEY}, with or
 * without a leading {@code EC PARAMETERS} block), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}) and
 * OpenSSL-encrypted PKCS#1/SEC1 ({@code Proc-Type: 4,ENCRYPTED}). Messages never contain key material.
 */
final class PemPrivateKeyReader {

    private static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY");
    private static final String EC_PARAMETERS = "EC PARAMETERS";

    private PemPrivateKeyReader() {
    }

    /**
     * The first private key in the text, converted to a JDK key object.
     *
     * @param password for encrypted keys; may be null or empty for plain keys
     * @throws CertificateProblem {@code no_key}, {@code not_pem} or {@code key_password}
     */
    static PrivateKey read(String pem, char[] password) {
        if (pem == null || pem.isBlank()) {
            throw new CertificateProblem(CertificateProblem.NO_KEY, "No private key was given: paste the key that"
                    + " belongs to the certificate, in PEM form (-----BEGIN PRIVATE KEY-----).");
        }
        if (!Pem.containsPem(pem)) {
            throw new CertificateProblem(CertificateProblem.NOT_PEM, "The private key is not in PEM form: expected"
                    + " text starting with -----BEGIN PRIVATE KEY----- (or RSA/EC/ENCRYPTED PRIVATE KEY).");
        }
        ASN1ObjectIdentifier curve = null;
        for (Pem.Block block : Pem.blocks(pem)) {
            if (EC_PARAMETERS.equals(block.type())) {
                curve = namedCurve(block);
            } else if (KEY_TYPES.contains(block.type())) {
                return toJdkKey(withCurve(decode(block, password), curve), block.type());
            }
            if (block.type().endsWith("PRIVATE KEY")) {
                throw new CertificateProblem(CertificateProblem.NOT_PEM, "The private key is a " + block.type()
                        + ", which is not supported: convert it to PKCS#8 PEM (openssl pkcs8 -topk8).");
            }
        }
        throw new CertificateProblem(CertificateProblem.NO_KEY, "The key text contains no private key"
                + " (expected -----BEGIN PRIVATE KEY----- or RSA/EC/ENCRYPTED PRIVATE KEY).");
    }

    private static PrivateKeyInfo decode(Pem.Block block, char[] password) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            object = parser.readObject();
        } catch (Exception e) {
            throw damaged(block);
        }
        if (object instanceof PrivateKeyInfo info) {
            return info;
        }
        if (object instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            requirePassword(password);
            try {
                return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(BcProvider.get()).build(password));
            } catch (Exception e) {
                throw wrongPassword();
            }
        }
        if (object instanceof PEMEncryptedKeyPair encrypted) {
            requirePassword(password);
            try {
                return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(BcProvider.get()).build(password)).getPrivateKeyInfo();
            } catch (Exception e) {
                throw wrongPassword();
            }
        }
        throw damaged(block);
    }

    /** The curve of an {@code EC PARAMETERS} block, when it names one. */
    private static ASN1ObjectIdentifier namedCurve(Pem.Block block) {
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            return parser.readObject() instanceof ASN1ObjectIdentifier oid ? oid : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * A SEC1 key may leave its curve to a preceding {@code EC PARAMETERS} block; the JDK needs it in the key's
     * algorithm identifier.
     */
    private static PrivateKeyInfo withCurve(PrivateKeyInfo info, ASN1ObjectIdentifier curve) {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (curve == null || !X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || algorithm.getParameters() != null) {
            return info;
        }
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                    info.parsePrivateKey());
        } catch (Exception e) {
            return info;
        }
    }

    private static PrivateKey toJdkKey(PrivateKeyInfo info, String type) {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (Exception e) {
            throw new CertificateProblem(CertificateProblem.NOT_PEM, "The private key (" + type + ") cannot be"
                    + " loaded: its algorithm is not supported or, for an EC key, its curve is not named.");
        }
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new CertificateProblem(CertificateProblem.KEY_PASSWORD,
                    "The private key is encrypted: enter its password.");
        }
    }

    private static CertificateProblem wrongPassword() {
        return new CertificateProblem(CertificateProblem.KEY_PASSWORD,
                "The password does not decrypt the private key: check the key password.");
    }

    private static CertificateProblem damaged(Pem.Block block) {
        return new CertificateProblem(CertificateProblem.NOT_PEM, "The private key block (" + block.type()
                + ") is damaged and cannot be read.");
    }
}
