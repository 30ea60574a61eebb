package org.collabedge.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the certificate an edge uses until an admin uploads a CA-issued one, so that TLS works from the first
 * start. EC P-256 was chosen over RSA 2048: every current TLS stack and SIP client supports it, it is as strong as
 * RSA 3072, and keys and handshakes are smaller and faster.
 *
 * <p>The certificate names the public host name as CN and as subjectAltName (dNSName, or iPAddress for an IP
 * literal), is an end-entity certificate (CA=false) for serverAuth and clientAuth, and is valid for 825 days
 * (the most Apple clients accept) starting one hour before the clock's now, to tolerate clients whose clock is
 * slightly behind.
 */
public final class SelfSignedCertificateFactory {

    /** Total validity, notBefore to notAfter. */
    public static final Duration VALIDITY = Duration.ofDays(825);
    /** How far notBefore lies before the clock's now. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9])?");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SelfSignedCertificateFactory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new key pair and self-signed certificate for {@code hostName}.
     *
     * @throws IllegalArgumentException when the name is neither a DNS name nor an IP literal
     */
    public EdgeIdentity create(String hostName) {
        String name = normalizeHostName(hostName);
        boolean ip = IPAddress.isValid(name);
        if (!ip && !DNS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a DNS name or IP address: " + hostName);
        }
        try {
            KeyPair keyPair = newKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
            Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
            Instant notAfter = notBefore.plus(VALIDITY);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name)));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(BcProvider.get()).build(keyPair.getPrivate());
            return new EdgeIdentity(Pem.toX509(builder.build(signer).getEncoded()), List.of(),
                    keyPair.getPrivate(), true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate a self-signed certificate for " + name, e);
        }
    }

    /** Lower case, trimmed, IPv6 brackets removed: the form compared with SAN entries. */
    static String normalizeHostName(String hostName) {
        if (hostName == null || hostName.isBlank()) {
            throw new IllegalArgumentException("The public host name is empty");
        }
        String name = hostName.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name;
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    /** 128 random bits, positive and non-zero as RFC 5280 requires. */
    private BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }
}
