package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Installing an uploaded certificate, key and chain, and every reason to refuse one. */
class CertificateServiceUploadTest {

    private static final Instant NOW = TestPki.NOW;
    private static final char[] PASSWORD = "key password".toCharArray();
    private static final TestPki.Issued ROOT = TestPki.root("Upload Test Root CA");
    private static final TestPki.Issued INTERMEDIATE = TestPki.intermediate(ROOT, "Upload Test Issuing CA");
    private static final TestPki.Issued LEAF = TestPki.certificate("edge.example.com").san("edge.example.com")
            .keys(TestPki.rsa2048()).issuedBy(INTERMEDIATE).build();

    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final CertificateService service =
            new CertificateService(configs, secrets, Clock.fixed(NOW, ZoneOffset.UTC), false);
    private EdgeIdentity generated;
    private Map<String, String> documentsBefore;

    @BeforeEach
    void start() {
        service.start("edge.example.com");
        generated = service.identity();
        documentsBefore = configs.documents();
    }

    @Test
    void installsAChainGivenInTheWrongOrder() {
        AtomicInteger changes = new AtomicInteger();
        service.onIdentityChanged(changes::incrementAndGet);

        EdgeIdentity installed = service.installPem(LEAF.pem(), TestPki.pem(ROOT.certificate(),
                INTERMEDIATE.certificate()), TestPki.pkcs8(LEAF.keys().getPrivate()), null);

        assertEquals(LEAF.certificate(), installed.certificate());
        assertEquals(List.of(INTERMEDIATE.certificate(), ROOT.certificate()), installed.chain());
        assertFalse(installed.selfSigned());
        assertEquals(installed, service.identity());
        assertEquals(1, changes.get());

        CertificateService restarted = new CertificateService(configs, secrets, Clock.fixed(NOW, ZoneOffset.UTC),
                false);
        restarted.start("edge.example.com");
        assertEquals(installed.sha256Fingerprint(), restarted.identity().sha256Fingerprint());
        assertEquals(installed.chain(), restarted.identity().chain());
        assertFalse(restarted.identity().selfSigned());
    }

    @Test
    void acceptsAFullChainInTheCertificateFieldAndAnEncryptedKey() {
        String fullChain = TestPki.pem(INTERMEDIATE.certificate(), LEAF.certificate());

        EdgeIdentity installed = service.installPem(fullChain, " ",
                TestPki.opensslEncrypted(LEAF.keys(), PASSWORD), PASSWORD);

        assertEquals(LEAF.certificate(), installed.certificate());
        assertEquals(List.of(INTERMEDIATE.certificate()), installed.chain());
    }

    @Test
    void acceptsAnEcLeafWithEncryptedPkcs8Key() {
        TestPki.Issued ecLeaf = TestPki.leaf(INTERMEDIATE, "edge.example.com");

        EdgeIdentity installed = service.installPem(ecLeaf.pem(), INTERMEDIATE.pem(),
                TestPki.encryptedPkcs8(ecLeaf.keys().getPrivate(), PASSWORD), PASSWORD);

        assertEquals("EC", installed.key().getAlgorithm());
        assertEquals(List.of("edge.example.com"), installed.sans());
    }

    @Test
    void refusesTextThatIsNotPem() {
        assertRefused(CertificateProblem.NOT_PEM, "MIIDdzCCAl+gAwIBAgIE", "", pkcs8(LEAF), null);
        assertRefused(CertificateProblem.NOT_PEM, LEAF.pem(), "not a chain", pkcs8(LEAF), null);
        assertRefused(CertificateProblem.NOT_PEM, LEAF.pem(), "", "not a key", null);
    }

    @Test
    void refusesWhenThereIsNoCertificate() {
        assertRefused(CertificateProblem.NO_CERTIFICATE, pkcs8(LEAF), "", pkcs8(LEAF), null);
        assertRefused(CertificateProblem.NO_CERTIFICATE, "", "", pkcs8(LEAF), null);
    }

    @Test
    void refusesWhenThereIsNoKey() {
        assertRefused(CertificateProblem.NO_KEY, LEAF.pem(), INTERMEDIATE.pem(), "", null);
        assertRefused(CertificateProblem.NO_KEY, LEAF.pem(), INTERMEDIATE.pem(), LEAF.pem(), null);
    }

    @Test
    void refusesAnEncryptedKeyWithoutOrWithTheWrongPassword() {
        String encrypted = TestPki.encryptedPkcs8(LEAF.keys().getPrivate(), PASSWORD);

        assertRefused(CertificateProblem.KEY_PASSWORD, LEAF.pem(), INTERMEDIATE.pem(), encrypted, null);
        assertRefused(CertificateProblem.KEY_PASSWORD, LEAF.pem(), INTERMEDIATE.pem(), encrypted,
                "guess".toCharArray());
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() {
        KeyPair other = TestPki.rsa(2048);

        CertificateProblem problem = assertRefused(CertificateProblem.KEY_MISMATCH, LEAF.pem(), INTERMEDIATE.pem(),
                TestPki.pkcs8(other.getPrivate()), null);
        assertTrue(problem.getMessage().contains("CN=edge.example.com"), problem.getMessage());
        assertFalse(problem.getMessage().contains(TestPki.keyFragment(other.getPrivate())));
        assertRefused(CertificateProblem.KEY_MISMATCH, LEAF.pem(), INTERMEDIATE.pem(),
                TestPki.pkcs8(TestPki.ec().getPrivate()), null);
    }

    @Test
    void refusesAWeakKey() {
        TestPki.Issued weak = TestPki.certificate("edge.example.com").keys(TestPki.rsa(1024))
                .issuedBy(INTERMEDIATE).build();

        CertificateProblem problem = assertRefused(CertificateProblem.WEAK_KEY, weak.pem(), INTERMEDIATE.pem(),
                pkcs8(weak), null);
        assertTrue(problem.getMessage().contains("1024"), problem.getMessage());
    }

    @Test
    void refusesACertificateNotMeantForTlsServers() {
        TestPki.Issued clientOnly = TestPki.certificate("edge.example.com").usages(KeyPurposeId.id_kp_clientAuth)
                .issuedBy(INTERMEDIATE).build();

        assertRefused(CertificateProblem.NOT_SERVER_AUTH, clientOnly.pem(), INTERMEDIATE.pem(), pkcs8(clientOnly),
                null);
    }

    @Test
    void refusesAChainThatDoesNotLinkUp() {
        TestPki.Issued stranger = TestPki.root("Unrelated CA");

        CertificateProblem problem = assertRefused(CertificateProblem.CHAIN_ORDER, LEAF.pem(),
                TestPki.pem(INTERMEDIATE.certificate(), stranger.certificate()), pkcs8(LEAF), null);
        assertTrue(problem.getMessage().contains("Unrelated CA"), problem.getMessage());
        assertRefused(CertificateProblem.CHAIN_ORDER, LEAF.pem(), ROOT.pem(), pkcs8(LEAF), null);
    }

    @Test
    void refusesAnIssuerWithTheRightNameButTheWrongKey() {
        TestPki.Issued impostor = TestPki.certificate("Upload Test Issuing CA").ca().issuedBy(ROOT).build();

        assertRefused(CertificateProblem.CHAIN_ORDER, LEAF.pem(), impostor.pem(), pkcs8(LEAF), null);
    }

    @Test
    void refusesExpiredCertificates() {
        TestPki.Issued expiredLeaf = TestPki.certificate("edge.example.com").issuedBy(INTERMEDIATE)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))).build();
        TestPki.Issued expiredCa = TestPki.certificate("Expired Issuing CA").ca().issuedBy(ROOT)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofSeconds(1))).build();
        TestPki.Issued leafOfExpiredCa = TestPki.leaf(expiredCa, "edge.example.com");

        CertificateProblem problem = assertRefused(CertificateProblem.EXPIRED, expiredLeaf.pem(),
                INTERMEDIATE.pem(), pkcs8(expiredLeaf), null);
        assertTrue(problem.getMessage().contains("expired on"), problem.getMessage());
        CertificateProblem inChain = assertRefused(CertificateProblem.EXPIRED, leafOfExpiredCa.pem(),
                expiredCa.pem(), pkcs8(leafOfExpiredCa), null);
        assertTrue(inChain.getMessage().contains("Expired Issuing CA"), inChain.getMessage());
    }

    @Test
    void refusesCertificatesThatAreNotValidYet() {
        TestPki.Issued future = TestPki.certificate("edge.example.com").issuedBy(INTERMEDIATE)
                .validity(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(400))).build();

        assertRefused(CertificateProblem.NOT_YET_VALID, future.pem(), INTERMEDIATE.pem(), pkcs8(future), null);
    }

    private static String pkcs8(TestPki.Issued issued) {
        return TestPki.pkcs8(issued.keys().getPrivate());
    }

    /** Asserts the refusal key, a secret-free message, and that nothing changed. */
    private CertificateProblem assertRefused(String key, String certificatePem, String chainPem, String keyPem,
                                             char[] password) {
        CertificateProblem problem = assertThrows(CertificateProblem.class,
                () -> service.installPem(certificatePem, chainPem, keyPem, password));
        assertEquals(key, problem.key(), problem.getMessage());
        assertFalse(problem.getMessage().isBlank());
        assertFalse(problem.getMessage().matches("(?s).*[A-Za-z0-9+/]{40,}.*"), "no base64 in the message");
        assertFalse(problem.getMessage().contains(TestPki.keyFragment(LEAF.keys().getPrivate())));
        assertEquals(generated, service.identity());
        assertEquals(documentsBefore, configs.documents());
        return problem;
    }
}
