package org.collabedge.sso;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.collabedge.cert.Pem;
import org.collabedge.host.SecretStore;
import org.opensaml.security.x509.BasicX509Credential;

/**
 * The service provider's own key pair and self-signed certificate: signs our AuthnRequests and decrypts assertions
 * encrypted to us. RSA, because IdPs encrypt to SP keys by RSA key transport. The private key lives only in the
 * secret store; the certificate is public and goes in the SSO document and our metadata.
 */
public record SpCredentials(X509Certificate certificate, PrivateKey key) {

    /** Secret store id of the PKCS#8 private key. */
    public static final String SECRET_ID = "sso.sp.key";
    static final Duration VALIDITY = Duration.ofDays(3650);

    /** A fresh key of the default type ({@link SpKeyType#DEFAULT}) and a ten-year self-signed certificate. */
    public static SpCredentials generate(Clock clock) {
        return generate(clock, SpKeyType.DEFAULT);
    }

    /** A fresh key of {@code type} and a ten-year self-signed certificate (IdPs pin it from our metadata). */
    public static SpCredentials generate(Clock clock, SpKeyType type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(type.bits(), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            X500Name name = new X500Name("CN=Collaboration Edge SAML SP");
            Instant from = clock.instant().minus(Duration.ofHours(1));
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()).abs(),
                    Date.from(from), Date.from(from.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new SpCredentials(cert, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate the SAML service provider key", e);
        }
    }

    /** Reads the stored pair; empty when either half is missing. */
    public static java.util.Optional<SpCredentials> load(String certificatePem, SecretStore secrets) {
        if (certificatePem == null) {
            return java.util.Optional.empty();
        }
        return secrets.get(SECRET_ID).map(der -> {
            try {
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                List<X509Certificate> certs = Pem.parseCertificates(certificatePem);
                return new SpCredentials(certs.get(0), key);
            } catch (Exception e) {
                throw new IllegalStateException("The stored SAML service provider key cannot be read", e);
            }
        });
    }

    public void storeKey(SecretStore secrets) {
        secrets.put(SECRET_ID, key.getEncoded());
    }

    /** The key's type; RSA-3072 for a key of another size imported by hand (never made here). */
    public SpKeyType keyType() {
        return SpKeyType.of(certificate.getPublicKey()).orElse(SpKeyType.DEFAULT);
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** As an OpenSAML credential, for signing and decryption. */
    public BasicX509Credential credential() {
        return new BasicX509Credential(certificate, key);
    }

    @Override
    public String toString() {
        return "SpCredentials[" + certificate.getSubjectX500Principal() + "]";
    }
}
