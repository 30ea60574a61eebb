package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Adding, listing, removing and persisting trusted CAs. */
class TrustedCaTest {

    private static final TestPki.Issued ROOT_A = TestPki.root("Trusted Root A");
    private static final TestPki.Issued ROOT_B = TestPki.root("Trusted Root B");
    private static final TestPki.Issued INTERMEDIATE = TestPki.intermediate(ROOT_A, "Trusted Intermediate");

    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();

    private CertificateService started() {
        CertificateService service =
                new CertificateService(configs, secrets, Clock.fixed(TestPki.NOW, ZoneOffset.UTC), false);
        service.start("edge.example.com");
        return service;
    }

    @Test
    void addsListsAndDescribesCertificates() {
        CertificateService service = started();

        List<TrustedCa> added = service.addTrustedPem(ROOT_A.pem());

        assertEquals(1, added.size());
        TrustedCa ca = added.get(0);
        assertEquals(Fingerprints.sha256(ROOT_A.certificate()), ca.fingerprint());
        assertTrue(ca.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), ca.fingerprint());
        assertEquals("O=Collaboration Edge Tests,CN=Trusted Root A", ca.subject());
        assertEquals(ca.subject(), ca.issuer());
        assertEquals(ROOT_A.certificate().getNotAfter().toInstant(), ca.notAfter());
        assertEquals(List.of(ca), service.trustedCas());
    }

    @Test
    void addsEveryCertificateOfABundleAndIgnoresDuplicates() {
        CertificateService service = started();
        service.addTrustedPem(ROOT_A.pem());

        List<TrustedCa> added = service.addTrustedPem(
                TestPki.pem(ROOT_A.certificate(), INTERMEDIATE.certificate(), ROOT_B.certificate(),
                        ROOT_B.certificate()));

        assertEquals(List.of(INTERMEDIATE.certificate(), ROOT_B.certificate()),
                added.stream().map(TrustedCa::certificate).toList());
        assertEquals(3, service.trustedCas().size());
        assertTrue(service.addTrustedPem(ROOT_B.pem()).isEmpty());
    }

    @Test
    void persistsAsAPemBundleAndSurvivesARestart() {
        CertificateService service = started();
        service.addTrustedPem(TestPki.pem(ROOT_A.certificate(), ROOT_B.certificate()));

        String document = configs.load("certificates.trusted").orElseThrow();
        assertEquals(List.of(ROOT_A.certificate(), ROOT_B.certificate()), Pem.parseCertificates(document));

        service.stop();
        assertEquals(service.trustedCas(), started().trustedCas());
    }

    @Test
    void removesByFingerprintInAnyNotation() {
        CertificateService service = started();
        service.addTrustedPem(TestPki.pem(ROOT_A.certificate(), ROOT_B.certificate()));
        String fingerprintA = Fingerprints.sha256(ROOT_A.certificate());

        assertTrue(service.removeTrusted(fingerprintA.replace(":", "").toLowerCase(Locale.ROOT)));
        assertFalse(service.removeTrusted(fingerprintA));
        assertFalse(service.removeTrusted("not a fingerprint"));

        assertEquals(List.of(ROOT_B.certificate()),
                service.trustedCas().stream().map(TrustedCa::certificate).toList());
        assertEquals(List.of(ROOT_B.certificate()),
                Pem.parseCertificates(configs.load("certificates.trusted").orElseThrow()));
        assertTrue(service.removeTrusted(Fingerprints.sha256(ROOT_B.certificate())));
        assertTrue(started().trustedCas().isEmpty());
    }

    @Test
    void refusesTextWithoutCertificates() {
        CertificateService service = started();

        CertificateProblem notPem = assertThrows(CertificateProblem.class, () -> service.addTrustedPem("hello"));
        CertificateProblem keyOnly = assertThrows(CertificateProblem.class,
                () -> service.addTrustedPem(TestPki.pkcs8(ROOT_A.keys().getPrivate())));
        CertificateProblem blank = assertThrows(CertificateProblem.class, () -> service.addTrustedPem(""));

        assertEquals(CertificateProblem.NOT_PEM, notPem.key());
        assertEquals(CertificateProblem.NO_CERTIFICATE, keyOnly.key());
        assertEquals(CertificateProblem.NO_CERTIFICATE, blank.key());
        assertTrue(service.trustedCas().isEmpty());
        assertFalse(configs.documents().containsKey("certificates.trusted"));
    }

    @Test
    void followsChangesMadeOnAnotherNode() {
        CertificateService nodeA = started();
        CertificateService nodeB = started();

        nodeA.addTrustedPem(ROOT_A.pem());
        nodeB.externalChange("certificates.trusted");

        assertEquals(nodeA.trustedCas(), nodeB.trustedCas());
    }

    @Test
    void normalizesFingerprints() {
        assertEquals("AB:CD:0F", Fingerprints.normalize(" ab cd:0f "));
        assertEquals("xyz", Fingerprints.normalize("xyz"));
        assertEquals("", Fingerprints.normalize(null));
    }
}
