package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class SelfSignedCertificateFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private final SelfSignedCertificateFactory factory =
            new SelfSignedCertificateFactory(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void namesTheHostAsCommonNameAndDnsSan() throws Exception {
        EdgeIdentity identity = factory.create("Edge.Example.COM");

        assertEquals(List.of("edge.example.com"), identity.sans());
        assertEquals("CN=edge.example.com", identity.subject());
        assertEquals(List.of(List.of(2, "edge.example.com")),
                List.copyOf(identity.certificate().getSubjectAlternativeNames()));
        assertTrue(identity.selfSigned());
        assertTrue(identity.chain().isEmpty());
    }

    @Test
    void ipLiteralsGetAnIpAddressSan() throws Exception {
        X509Certificate v4 = factory.create("192.0.2.10").certificate();
        X509Certificate v6 = factory.create("[2001:db8::1]").certificate();

        assertEquals(List.of(List.of(7, "192.0.2.10")), List.copyOf(v4.getSubjectAlternativeNames()));
        assertEquals(7, v6.getSubjectAlternativeNames().iterator().next().get(0));
        assertTrue(factory.create("192.0.2.10").coversHost("192.0.2.10"));
        assertTrue(factory.create("2001:db8::1").coversHost("[2001:0db8:0:0:0:0:0:1]"));
    }

    @Test
    void isAnEndEntityForTlsServerAndClient() throws Exception {
        X509Certificate certificate = factory.create("edge.example.com").certificate();

        assertEquals(-1, certificate.getBasicConstraints(), "CA=false");
        boolean[] keyUsage = certificate.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        assertFalse(keyUsage[2], "no keyEncipherment for an EC key");
        assertFalse(keyUsage[5], "no keyCertSign");
        assertTrue(certificate.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.15", "2.5.29.19")));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage());
        assertNotNull(certificate.getExtensionValue("2.5.29.14"), "subjectKeyIdentifier");
    }

    @Test
    void isValidFor825DaysFromTheClockWithAnHourOfSlack() {
        X509Certificate certificate = factory.create("edge.example.com").certificate();

        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        assertEquals(NOW.minus(Duration.ofHours(1)), notBefore);
        assertEquals(Duration.ofDays(825), Duration.between(notBefore, notAfter));
    }

    @Test
    void usesAnEcP256KeyAndSignsItself() throws Exception {
        EdgeIdentity identity = factory.create("edge.example.com");
        X509Certificate certificate = identity.certificate();

        assertEquals("EC", identity.key().getAlgorithm());
        assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        certificate.verify(certificate.getPublicKey());
        assertTrue(TlsKeyPolicy.keyMatches(identity.key(), certificate));
    }

    @Test
    void serialsAreRandomPositiveAndUpTo128Bits() {
        X509Certificate first = factory.create("edge.example.com").certificate();
        X509Certificate second = factory.create("edge.example.com").certificate();

        assertTrue(first.getSerialNumber().signum() > 0);
        assertTrue(first.getSerialNumber().bitLength() <= 128);
        assertTrue(first.getSerialNumber().bitLength() > 64, "random 128-bit serial is very unlikely this short");
        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
    }

    @Test
    void refusesNamesThatAreNeitherDnsNorIp() {
        assertThrows(IllegalArgumentException.class, () -> factory.create(" "));
        assertThrows(IllegalArgumentException.class, () -> factory.create("bad name!"));
        assertThrows(IllegalArgumentException.class, () -> factory.create(null));
    }
}
