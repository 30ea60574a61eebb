package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Key;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Start, restart, persistence and automatic regeneration of the edge identity. */
class CertificateServiceIdentityTest {

    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final Clock clock = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    private CertificateService newService() {
        return new CertificateService(configs, secrets, clock, false);
    }

    @Test
    void firstStartGeneratesAndStoresASelfSignedIdentity() {
        CertificateService service = newService();

        service.start("edge.example.com");

        EdgeIdentity identity = service.identity();
        assertTrue(identity.selfSigned());
        assertEquals(List.of("edge.example.com"), identity.sans());
        assertTrue(configs.documents().containsKey("certificates.identity"));
        assertTrue(secrets.contains("edge.tls.key"));
    }

    @Test
    void identitySurvivesARestart() {
        CertificateService first = newService();
        first.start("edge.example.com");
        EdgeIdentity before = first.identity();
        first.stop();

        CertificateService second = newService();
        second.start("edge.example.com");

        assertEquals(before.sha256Fingerprint(), second.identity().sha256Fingerprint());
        assertTrue(second.identity().selfSigned());
        assertTrue(TestPki.sameKey(before.key(), second.identity().key()));
    }

    @Test
    void privateKeyIsOnlyInTheSecretStore() {
        CertificateService service = newService();
        service.start("edge.example.com");
        TestPki.Issued root = TestPki.root("Key Leak Root");
        TestPki.Issued leaf = TestPki.leaf(root, "edge.example.com");
        service.addTrustedPem(root.pem());
        service.installPem(leaf.pem(), root.pem(), TestPki.pkcs8(leaf.keys().getPrivate()), null);

        String keyFragment = TestPki.keyFragment(leaf.keys().getPrivate());
        for (var document : configs.documents().entrySet()) {
            assertFalse(document.getValue().contains("PRIVATE KEY"), document.getKey());
            assertFalse(document.getValue().contains(keyFragment), document.getKey());
        }
        assertEquals(List.of("edge.tls.key"), List.copyOf(secrets.all().keySet()));
        assertArrayEquals(leaf.keys().getPrivate().getEncoded(), secrets.get("edge.tls.key").orElseThrow());
        assertFalse(service.identity().toString().contains(keyFragment));
    }

    @Test
    void identityIsUnavailableBeforeStart() {
        assertThrows(IllegalStateException.class, () -> newService().identity());
    }

    @Test
    void exportsAPkcs12KeyStoreWithAliasEdge() throws Exception {
        CertificateService service = newService();
        service.start("edge.example.com");
        char[] password = "changeit".toCharArray();

        KeyStore store = service.identity().toKeyStore(password);

        assertEquals("PKCS12", store.getType());
        assertEquals(List.of("edge"), java.util.Collections.list(store.aliases()));
        assertTrue(store.isKeyEntry("edge"));
        Key key = store.getKey("edge", password);
        assertArrayEquals(service.identity().key().getEncoded(), key.getEncoded());
        assertEquals(service.identity().certificate(), store.getCertificate("edge"));
    }

    @Test
    void hostNameChangeRegeneratesASelfSignedIdentity() {
        CertificateService service = newService();
        service.start("old.example.com");
        String before = service.identity().sha256Fingerprint();
        AtomicInteger changes = new AtomicInteger();
        service.onIdentityChanged(changes::incrementAndGet);

        service.publicHostNameChanged("OLD.example.com");
        assertEquals(before, service.identity().sha256Fingerprint(), "same name, other case: nothing to do");
        assertEquals(0, changes.get());

        service.publicHostNameChanged("new.example.com");
        assertEquals(List.of("new.example.com"), service.identity().sans());
        assertTrue(service.identity().selfSigned());
        assertEquals(1, changes.get());
        assertEquals(service.identity().sha256Fingerprint(), restartedFingerprint("new.example.com"));
    }

    @Test
    void hostNameChangeLeavesAnUploadedIdentityAlone() {
        CertificateService service = newService();
        service.start("edge.example.com");
        TestPki.Issued root = TestPki.root("Upload Root");
        TestPki.Issued leaf = TestPki.leaf(root, "edge.example.com");
        EdgeIdentity uploaded = service.installPem(leaf.pem(), root.pem(),
                TestPki.pkcs8(leaf.keys().getPrivate()), null);
        AtomicInteger changes = new AtomicInteger();
        service.onIdentityChanged(changes::incrementAndGet);

        service.publicHostNameChanged("other.example.com");

        assertEquals(uploaded.sha256Fingerprint(), service.identity().sha256Fingerprint());
        assertFalse(service.identity().selfSigned());
        assertEquals(0, changes.get());
        assertEquals(uploaded.sha256Fingerprint(), restartedFingerprint("other.example.com"),
                "an uploaded identity is kept at start even when the host name differs");
    }

    @Test
    void startRegeneratesAStoredSelfSignedIdentityForAnotherName() {
        CertificateService first = newService();
        first.start("old.example.com");
        String old = first.identity().sha256Fingerprint();

        CertificateService second = newService();
        second.start("new.example.com");

        assertNotEquals(old, second.identity().sha256Fingerprint());
        assertEquals(List.of("new.example.com"), second.identity().sans());
    }

    @Test
    void startRegeneratesAnExpiredSelfSignedIdentity() {
        CertificateService first = newService();
        first.start("edge.example.com");
        String old = first.identity().sha256Fingerprint();

        Clock later = Clock.offset(clock, Duration.ofDays(900));
        CertificateService second = new CertificateService(configs, secrets, later, false);
        second.start("edge.example.com");

        assertNotEquals(old, second.identity().sha256Fingerprint());
        assertTrue(second.identity().notAfter().isAfter(later.instant()));
    }

    @Test
    void regenerateSelfSignedReplacesEvenAnUploadedIdentity() {
        CertificateService service = newService();
        service.start("edge.example.com");
        TestPki.Issued leaf = TestPki.certificate("edge.example.com").san("edge.example.com").build();
        service.installPem(leaf.pem(), "", TestPki.pkcs8(leaf.keys().getPrivate()), null);
        AtomicInteger changes = new AtomicInteger();
        service.onIdentityChanged(changes::incrementAndGet);

        service.regenerateSelfSigned("edge.example.com");

        assertTrue(service.identity().selfSigned());
        assertNotEquals(leaf.certificate(), service.identity().certificate());
        assertEquals(1, changes.get());
    }

    @Test
    void aDamagedStoredKeyLeadsToANewIdentityRatherThanAFailedStart() {
        CertificateService first = newService();
        first.start("edge.example.com");
        String old = first.identity().sha256Fingerprint();
        secrets.put("edge.tls.key", TestPki.ec().getPrivate().getEncoded());

        CertificateService second = newService();
        second.start("edge.example.com");

        assertNotEquals(old, second.identity().sha256Fingerprint());
        assertTrue(TlsKeyPolicy.keyMatches(second.identity().key(), second.identity().certificate()));
    }

    @Test
    void startAndStopCanBeRepeated() {
        CertificateService service = newService();
        AtomicInteger changes = new AtomicInteger();
        service.onIdentityChanged(changes::incrementAndGet);

        service.start("edge.example.com");
        String fingerprint = service.identity().sha256Fingerprint();
        service.stop();
        service.start("edge.example.com");
        service.stop();
        service.start("edge.example.com");

        assertEquals(fingerprint, service.identity().sha256Fingerprint());
        assertEquals(1, changes.get(), "only the first start changed the identity");
        assertEquals(0, configs.listenerCount(), "the core owns the subscription; restarts add no listener");
    }

    @Test
    void followsAnIdentityInstalledOnAnotherNode() {
        CertificateService nodeA = newService();
        CertificateService nodeB = newService();
        nodeA.start("edge.example.com");
        nodeB.start("edge.example.com");
        AtomicInteger changesOnB = new AtomicInteger();
        nodeB.onIdentityChanged(changesOnB::incrementAndGet);
        TestPki.Issued leaf = TestPki.certificate("edge.example.com").san("edge.example.com").build();

        EdgeIdentity installed = nodeA.installPem(leaf.pem(), null, TestPki.pkcs8(leaf.keys().getPrivate()), null);
        nodeB.externalChange("certificates.identity");

        assertEquals(installed.sha256Fingerprint(), nodeB.identity().sha256Fingerprint());
        assertEquals(1, changesOnB.get());

        nodeB.stop();
        nodeA.regenerateSelfSigned("edge.example.com");
        nodeB.externalChange("certificates.identity");
        assertEquals(installed.sha256Fingerprint(), nodeB.identity().sha256Fingerprint(), "stopped: ignores");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        CertificateService service = newService();
        AtomicInteger changes = new AtomicInteger();
        service.onIdentityChanged(() -> {
            throw new IllegalStateException("listener bug");
        });
        service.onIdentityChanged(changes::incrementAndGet);

        service.start("edge.example.com");

        assertEquals(1, changes.get());
    }

    private String restartedFingerprint(String hostName) {
        CertificateService restarted = newService();
        restarted.start(hostName);
        return restarted.identity().sha256Fingerprint();
    }
}
