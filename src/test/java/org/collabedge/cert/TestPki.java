package org.collabedge.cert;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Test certificates and keys: CAs, intermediates and leaves with chosen keys, names, usages and validity, and the
 * PEM forms admins paste (PKCS#8, PKCS#1/SEC1, encrypted PKCS#8, OpenSSL-encrypted).
 */
final class TestPki {

    static final Provider BC = new BouncyCastleProvider();
    /** Real now: the JDK's PKIX checks use the system clock, so test certificates are valid around it. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static KeyPair cachedRsa2048;

    /** A certificate with the key pair it was made for. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        String pem() {
            return Pem.encode(certificate);
        }
    }

    private TestPki() {
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One RSA-2048 pair shared by tests that only need "an RSA key", since generating them is slow. */
    static synchronized KeyPair rsa2048() {
        if (cachedRsa2048 == null) {
            cachedRsa2048 = rsa(2048);
        }
        return cachedRsa2048;
    }

    static Builder certificate(String subjectCn) {
        return new Builder(subjectCn);
    }

    static Issued root(String cn) {
        return certificate(cn).ca().build();
    }

    static Issued intermediate(Issued issuer, String cn) {
        return certificate(cn).ca().issuedBy(issuer).build();
    }

    static Issued leaf(Issued issuer, String dnsName) {
        return certificate(dnsName).san(dnsName).issuedBy(issuer).build();
    }

    /** Fluent builder; defaults: fresh EC key, self-signed, valid from a day ago for a year, serverAuth leaf. */
    static final class Builder {
        private final String cn;
        private KeyPair keys;
        private Issued issuer;
        private boolean ca;
        private Instant notBefore = NOW.minus(Duration.ofDays(1));
        private Instant notAfter = NOW.plus(Duration.ofDays(365));
        private final List<String> sans = new ArrayList<>();
        private KeyPurposeId[] usages = {KeyPurposeId.id_kp_serverAuth};

        private Builder(String cn) {
            this.cn = cn;
        }

        Builder keys(KeyPair value) {
            keys = value;
            return this;
        }

        Builder issuedBy(Issued value) {
            issuer = value;
            return this;
        }

        Builder ca() {
            ca = true;
            return this;
        }

        Builder san(String dnsName) {
            sans.add(dnsName);
            return this;
        }

        Builder validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        Builder usages(KeyPurposeId... value) {
            usages = value;
            return this;
        }

        Issued build() {
            try {
                KeyPair own = keys != null ? keys : ec();
                X500Name subject = new X500Name("CN=" + cn + ",O=Collaboration Edge Tests");
                X500Name issuerName = issuer == null ? subject
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                KeyPair signing = issuer == null ? own : issuer.keys();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                        new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                        subject, own.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                if (ca) {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    if (usages.length > 0) {
                        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
                    }
                }
                if (!sans.isEmpty()) {
                    GeneralName[] names = sans.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                            .toArray(GeneralName[]::new);
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                String algorithm = signing.getPrivate().getAlgorithm().equals("RSA")
                        ? "SHA256withRSA" : "SHA256withECDSA";
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                        new JcaContentSignerBuilder(algorithm).setProvider(BC).build(signing.getPrivate())));
                return new Issued(certificate, own);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String pem(X509Certificate... certificates) {
        return Pem.encodeAll(List.of(certificates));
    }

    /** {@code -----BEGIN PRIVATE KEY-----}. */
    static String pkcs8(PrivateKey key) {
        return write(() -> new JcaPKCS8Generator(key, null));
    }

    /**
     * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). EC keys go through BC's key classes first
     * so that, as with OpenSSL, the SEC1 structure names its curve.
     */
    static String traditional(KeyPair keys) {
        return write(() -> new JcaMiscPEMGenerator(withNamedCurve(keys)));
    }

    /** SEC1 without the curve inside, as older tools wrote it next to an {@code EC PARAMETERS} block. */
    static String sec1WithoutCurve(KeyPair keys) {
        return write(() -> new JcaMiscPEMGenerator(keys));
    }

    private static KeyPair withNamedCurve(KeyPair keys) throws Exception {
        if (!keys.getPrivate().getAlgorithm().equals("EC")) {
            return keys;
        }
        KeyFactory factory = KeyFactory.getInstance("EC", BC);
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded())),
                factory.generatePrivate(new PKCS8EncodedKeySpec(keys.getPrivate().getEncoded())));
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, AES-256-CBC with PBKDF2. */
    static String encryptedPkcs8(PrivateKey key, char[] password) {
        return write(() -> new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(password).build()));
    }

    /** OpenSSL's legacy encryption: {@code Proc-Type: 4,ENCRYPTED} on a PKCS#1/SEC1 key. */
    static String opensslEncrypted(KeyPair keys, char[] password) {
        return write(() -> new JcaMiscPEMGenerator(withNamedCurve(keys),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(password)));
    }

    private interface GeneratorSource {
        PemObjectGenerator get() throws Exception;
    }

    private static String write(GeneratorSource source) {
        try {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(source.get());
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when both are the same private key, whatever encoding they went through. */
    static boolean sameKey(PrivateKey a, PrivateKey b) {
        if (a instanceof RSAPrivateKey ra && b instanceof RSAPrivateKey rb) {
            return ra.getPrivateExponent().equals(rb.getPrivateExponent()) && ra.getModulus().equals(rb.getModulus());
        }
        if (a instanceof ECPrivateKey ea && b instanceof ECPrivateKey eb) {
            return ea.getS().equals(eb.getS());
        }
        return false;
    }

    /** A 32-character run from the middle of the key's base64, to look for leaks in text. */
    static String keyFragment(PrivateKey key) {
        String base64 = java.util.Base64.getEncoder().encodeToString(key.getEncoded());
        return base64.substring(base64.length() / 2 - 16, base64.length() / 2 + 16);
    }
}
