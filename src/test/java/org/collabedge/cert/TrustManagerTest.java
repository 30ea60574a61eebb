package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

/** The outbound trust manager trusts exactly the trusted-CA list, follows it live, and never trusts all. */
class TrustManagerTest {

    private static final String AUTH = "ECDHE_ECDSA";
    private static final TestPki.Issued ROOT = TestPki.root("Internal Root CA");
    private static final TestPki.Issued INTERMEDIATE = TestPki.intermediate(ROOT, "Internal Issuing CA");
    private static final TestPki.Issued SERVER = TestPki.leaf(INTERMEDIATE, "cucm.internal.example");
    private static final TestPki.Issued OTHER_ROOT = TestPki.root("Somebody Else");
    private static final TestPki.Issued OTHER_SERVER = TestPki.leaf(OTHER_ROOT, "cucm.internal.example");

    private static CertificateService service(boolean includeSystemCas) {
        CertificateService service = new CertificateService(new InMemoryConfigStore(), new InMemorySecretStore(),
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), includeSystemCas);
        service.start("edge.example.com");
        return service;
    }

    private static X509Certificate[] serverChain() {
        return new X509Certificate[] {SERVER.certificate(), INTERMEDIATE.certificate()};
    }

    @Test
    void anEmptyListTrustsNothing() {
        X509TrustManager trust = service(false).trustManager();

        assertEquals(0, trust.getAcceptedIssuers().length);
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(serverChain(), AUTH));
        assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {ROOT.certificate()}, AUTH));
    }

    @Test
    void acceptsAServerChainIssuedByATrustedCaAndRejectsOthers() {
        CertificateService service = service(false);
        service.addTrustedPem(ROOT.pem());
        X509TrustManager trust = service.trustManager();

        assertDoesNotThrow(() -> trust.checkServerTrusted(serverChain(), AUTH));
        assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {OTHER_SERVER.certificate()}, AUTH));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(
                new X509Certificate[] {SERVER.certificate()}, AUTH), "the intermediate is missing");
        assertEquals(List.of(ROOT.certificate()), List.of(trust.getAcceptedIssuers()));
    }

    @Test
    void aManagerTakenEarlierFollowsAddsAndRemoves() {
        CertificateService service = service(false);
        X509TrustManager trust = service.trustManager();

        service.addTrustedPem(ROOT.pem());
        assertDoesNotThrow(() -> trust.checkServerTrusted(serverChain(), AUTH));

        service.removeTrusted(Fingerprints.sha256(ROOT.certificate()));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(serverChain(), AUTH));
    }

    @Test
    void systemCasCanBeTrustedAsWellButAreNotListed() {
        CertificateService service = service(true);
        service.addTrustedPem(ROOT.pem());
        List<X509Certificate> accepted = List.of(service.trustManager().getAcceptedIssuers());

        assertTrue(accepted.contains(ROOT.certificate()));
        assertTrue(accepted.size() > 1, "the JVM's CAs are trusted too");
        assertEquals(1, service.trustedCas().size());
        assertThrows(CertificateException.class,
                () -> service.trustManager().checkServerTrusted(new X509Certificate[] {OTHER_SERVER.certificate()},
                        AUTH));
    }
}
