package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's life: defaults, edits, persistence, secrets, listeners and concurrent writers. */
class ConfigServiceTest {

    @TempDir
    Path dir;

    private LocalSharedState shared;
    private FileConfigStore store;
    private FileSecretStore secrets;
    private ConfigService service;

    @BeforeEach
    void start() {
        shared = new LocalSharedState(Clock.systemUTC());
        store = new FileConfigStore(dir.resolve("config"));
        secrets = new FileSecretStore(dir);
        service = newNode();
    }

    /** Another service over the same store, secrets and shared state: a second node, or the same one restarted. */
    private ConfigService newNode() {
        ConfigService s = new ConfigService(store, secrets, shared, "edge.example.com");
        s.load();
        return s;
    }

    // ---- defaults and loading

    @Test
    void startsFromTheSeedsDefaults() {
        EdgeConfig c = service.current();

        assertEquals(List.of(new Deployment(Deployment.DEFAULT_ID, Deployment.DEFAULT_NAME)), c.deployments());
        assertEquals(List.of(), c.domains());
        assertEquals(List.of(), c.servers());
        EdgeSettings s = c.settings();
        assertEquals("edge.example.com", s.publicHostName());
        assertEquals("0.0.0.0", s.listenAddress());
        assertTrue(s.sipTlsEnabled());
        assertEquals(5061, s.sipTlsPort());
        assertFalse(s.sipTcpEnabled());
        assertEquals(5060, s.sipTcpPort());
        assertFalse(s.sipUdpEnabled());
        assertEquals(5060, s.sipUdpPort());
        assertEquals(8443, s.httpsPort());
        assertEquals(36000, s.mediaPortMin());
        assertEquals(59999, s.mediaPortMax());
        assertEquals(3478, s.turnPort());
        assertFalse(Files.exists(configFile()), "nothing is written until something changes");
    }

    @Test
    void nothingIsReadableBeforeLoad() {
        ConfigService notLoaded = new ConfigService(store, secrets, shared, "edge.example.com");

        assertThrows(IllegalStateException.class, notLoaded::current);
    }

    @Test
    void theConfigurationSurvivesARestart() {
        Deployment lab = service.addDeployment("Lab");
        service.saveDomain(null, new Domain("example.com", true, true, false, true, lab.id()));
        InternalServer cucm = service.saveServer(callControl("cucm.example.com", lab.id()), null);
        service.saveSettings(withPublicName(service.current().settings(), "edge.example.org"));

        ConfigService restarted = new ConfigService(new FileConfigStore(dir.resolve("config")), new FileSecretStore(dir),
                new LocalSharedState(Clock.systemUTC()), "ignored.example.com");
        restarted.load();

        assertEquals(service.current(), restarted.current());
        assertEquals(cucm, restarted.current().server(cucm.id()).orElseThrow());
        assertEquals("edge.example.org", restarted.current().settings().publicHostName());
    }

    @Test
    void anUnreadableStoredDocumentIsReportedNotReplaced() throws IOException {
        Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), "{ this is not json");
        ConfigService broken = new ConfigService(store, secrets, shared, "edge.example.com");

        IllegalStateException e = assertThrows(IllegalStateException.class, broken::load);
        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> service.saveDomain(null, sipOnEdge("example.com")));
        assertEquals("{ this is not json", Files.readString(configFile()), "a change does not overwrite it");
    }

    // ---- domains

    @Test
    void domainNamesAreStoredInCanonicalForm() {
        service.saveDomain(null, sipOnEdge("Example.COM."));

        assertEquals(List.of("example.com"), service.current().domains().stream().map(Domain::name).toList());
        assertTrue(service.current().domain("EXAMPLE.com").isPresent());
    }

    @Test
    void aDomainCanBeRenamedEditedAndDeleted() {
        service.saveDomain(null, sipOnEdge("example.com"));

        service.saveDomain("example.com", new Domain("example.org", false, true, false, false,
                Deployment.DEFAULT_ID));
        assertTrue(service.current().domain("example.com").isEmpty());
        assertTrue(service.current().domain("example.org").orElseThrow().sipOnInternal());

        service.deleteDomain("EXAMPLE.org");
        assertEquals(List.of(), service.current().domains());
    }

    @Test
    void domainsAreKeptInNameOrder() {
        service.saveDomain(null, sipOnEdge("zeta.example"));
        service.saveDomain(null, sipOnEdge("alpha.example"));
        service.saveDomain(null, sipOnEdge("mid.example"));

        assertEquals(List.of("alpha.example", "mid.example", "zeta.example"),
                service.current().domains().stream().map(Domain::name).toList());
    }

    @Test
    void imAndPresenceImpliesInternalSip() {
        Domain imOnly = new Domain("example.com", false, false, true, false, Deployment.DEFAULT_ID);
        Domain nothing = new Domain("example.org", false, false, false, false, Deployment.DEFAULT_ID);
        Domain sipOnly = new Domain("example.net", false, true, false, false, Deployment.DEFAULT_ID);

        assertTrue(imOnly.effectiveSipOnInternal());
        assertFalse(nothing.effectiveSipOnInternal());
        assertTrue(sipOnly.effectiveSipOnInternal());

        service.saveDomain(null, imOnly);
        Domain stored = newNode().current().domain("example.com").orElseThrow();
        assertFalse(stored.sipOnInternal(), "the admin's own setting is kept");
        assertTrue(stored.effectiveSipOnInternal(), "and it behaves as on");
    }

    // ---- deployments

    @Test
    void aDeploymentIsAddedWithATrimmedNameAndANewId() {
        Deployment lab = service.addDeployment("  Lab  ");

        assertEquals("Lab", lab.name());
        assertNotNull(lab.id());
        assertFalse(lab.isDefault());
        assertEquals(lab, service.current().deployment(lab.id()).orElseThrow());
        assertEquals("Lab", service.current().deploymentName(lab.id()));
    }

    @Test
    void deletingADeploymentMovesItsDomainsAndServersToTheDefault() {
        Deployment lab = service.addDeployment("Lab");
        Deployment other = service.addDeployment("Other");
        service.saveDomain(null, new Domain("lab.example.com", true, false, false, false, lab.id()));
        service.saveDomain(null, new Domain("other.example.com", true, false, false, false, other.id()));
        InternalServer labServer = service.saveServer(callControl("cucm.lab.example.com", lab.id()), null);
        InternalServer otherServer = service.saveServer(callControl("cucm.other.example.com", other.id()), null);

        service.deleteDeployment(lab.id());

        EdgeConfig c = service.current();
        assertTrue(c.deployment(lab.id()).isEmpty());
        assertEquals(Deployment.DEFAULT_ID, c.domain("lab.example.com").orElseThrow().deploymentId());
        assertEquals(Deployment.DEFAULT_ID, c.server(labServer.id()).orElseThrow().deploymentId());
        assertEquals(other.id(), c.domain("other.example.com").orElseThrow().deploymentId(), "others stay");
        assertEquals(other.id(), c.server(otherServer.id()).orElseThrow().deploymentId());
    }

    @Test
    void theDefaultDeploymentCanBeRenamedButNotDeleted() {
        service.renameDeployment(Deployment.DEFAULT_ID, "Head office");

        Deployment renamed = service.current().deployment(Deployment.DEFAULT_ID).orElseThrow();
        assertEquals("Head office", renamed.name());
        assertTrue(renamed.isDefault());

        ValidationException e = assertThrows(ValidationException.class,
                () -> service.deleteDeployment(Deployment.DEFAULT_ID));
        assertEquals("error.default_deployment", e.errors().get(0).problemKey());
        assertTrue(service.current().deployment(Deployment.DEFAULT_ID).isPresent());
    }

    // ---- internal servers and their passwords

    @Test
    void aServerPasswordGoesToTheSecretStoreOnly() throws IOException {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "Pa55-w0rd!xyz".toCharArray());

        assertTrue(service.hasPassword(s));
        assertEquals("Pa55-w0rd!xyz", new String(secrets.get(s.secretId()).orElseThrow(), StandardCharsets.UTF_8));
        String json = Files.readString(configFile());
        assertTrue(json.contains("cucm.example.com"), "the server itself is in the document");
        assertFalse(json.contains("Pa55-w0rd!xyz"), "its password is not");
        assertFalse(json.toLowerCase().contains("password"), json);
        assertTrue(new FileSecretStore(dir).contains(s.secretId()), "and the secret store kept it on disk");
    }

    @Test
    void savingWithANullPasswordKeepsTheStoredOne() {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "first-secret".toCharArray());

        InternalServer edited = service.saveServer(new InternalServer(s.id(), s.type(), s.address(), 5062,
                s.transport(), s.tlsVerify(), "edge", s.deploymentId()), null);

        assertEquals(s.id(), edited.id());
        assertEquals(5062, service.current().server(s.id()).orElseThrow().port());
        assertEquals("first-secret", new String(secrets.get(s.secretId()).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void savingWithANewPasswordReplacesItAndAnEmptyOneRemovesIt() {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "first-secret".toCharArray());

        service.saveServer(s, "second-secret".toCharArray());
        assertEquals("second-secret", new String(secrets.get(s.secretId()).orElseThrow(), StandardCharsets.UTF_8));

        service.saveServer(s, new char[0]);
        assertFalse(service.hasPassword(s));
        assertTrue(secrets.get(s.secretId()).isEmpty());
    }

    @Test
    void deletingAServerRemovesItsPassword() {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "secret".toCharArray());

        service.deleteServer(s.id());

        assertTrue(service.current().server(s.id()).isEmpty());
        assertFalse(secrets.contains(s.secretId()));
        assertFalse(new FileSecretStore(dir).contains(s.secretId()));
    }

    @Test
    void aRefusedServerDoesNotStoreItsPassword() {
        InternalServer bad = new InternalServer("fixed-id-that-does-not-exist", ServerType.CALL_CONTROL,
                "cucm.example.com", 5061, Transport.TLS, true, null, Deployment.DEFAULT_ID);

        assertThrows(ValidationException.class, () -> service.saveServer(bad, "secret".toCharArray()));

        assertFalse(secrets.contains(bad.secretId()));
    }

    @Test
    void tlsVerifyIsForcedOffForTransportsWithoutTls() {
        for (Transport plain : List.of(Transport.TCP, Transport.UDP)) {
            InternalServer s = service.saveServer(new InternalServer(null, ServerType.CALL_CONTROL, "10.0.0.5",
                    plain == Transport.TCP ? 5060 : 5070, plain, true, null, Deployment.DEFAULT_ID), null);
            assertFalse(s.tlsVerify(), plain.name());
            assertFalse(service.current().server(s.id()).orElseThrow().tlsVerify(), plain.name());
        }
        InternalServer web = service.saveServer(new InternalServer(null, ServerType.WEB_SERVICE, "web.example.com",
                80, Transport.HTTP, true, null, Deployment.DEFAULT_ID), null);
        assertFalse(web.tlsVerify());

        InternalServer secure = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID), null);
        assertTrue(secure.tlsVerify(), "kept for TLS");
    }

    @Test
    void serverAddressesAreNormalised() {
        InternalServer named = service.saveServer(new InternalServer(null, ServerType.CALL_CONTROL,
                "  CUCM.Example.COM ", 5061, Transport.TLS, true, "  edge  ", Deployment.DEFAULT_ID), null);
        InternalServer v6 = service.saveServer(new InternalServer(null, ServerType.CALL_CONTROL, "[2001:db8::5]",
                5060, Transport.TCP, false, " ", Deployment.DEFAULT_ID), null);

        assertEquals("cucm.example.com", named.address());
        assertEquals("edge", named.username());
        assertEquals("2001:db8::5", v6.address());
        assertEquals("[2001:db8::5]:5060", v6.authority());
        assertEquals(null, v6.username(), "a blank username is no username");
    }

    // ---- settings

    @Test
    void settingsAreStoredWithACanonicalPublicName() {
        service.saveSettings(withPublicName(service.current().settings(), " Edge.Example.ORG. "));

        assertEquals("edge.example.org", service.current().settings().publicHostName());
        assertEquals("edge.example.org", newNode().current().settings().publicHostName());
    }

    // ---- listeners

    @Test
    void listenersHearOfEachChangeWithBeforeAndAfter() {
        List<EdgeConfig[]> heard = new ArrayList<>();
        service.addListener((before, after) -> {
            heard.add(new EdgeConfig[] {before, after});
            return null;
        });

        service.saveDomain(null, sipOnEdge("example.com"));

        assertEquals(1, heard.size());
        assertEquals(List.of(), heard.get(0)[0].domains());
        assertEquals(List.of("example.com"), heard.get(0)[1].domains().stream().map(Domain::name).toList());
        assertEquals(Set.of(), service.pendingRestart(), "applied live");
    }

    @Test
    void aListenerThatNeedsARestartSaysSoInPendingRestart() {
        service.addListener((before, after) -> before.settings().equals(after.settings()) ? null
                : "SIP listeners restart to use new ports");

        service.saveDomain(null, sipOnEdge("example.com"));
        assertEquals(Set.of(), service.pendingRestart());

        EdgeSettings s = service.current().settings();
        service.saveSettings(new EdgeSettings(s.publicHostName(), s.listenAddress(), true, 5071, s.sipTcpEnabled(),
                s.sipTcpPort(), s.sipUdpEnabled(), s.sipUdpPort(), s.sipWssEnabled(), s.sipWssPort(), s.httpsPort(),
                s.mediaPortMin(), s.mediaPortMax(), s.turnEnabled(), s.turnPort()));
        assertEquals(Set.of("SIP listeners restart to use new ports"), service.pendingRestart());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthersAndIsReported() {
        List<String> called = new CopyOnWriteArrayList<>();
        service.addListener((before, after) -> {
            called.add("failing");
            throw new IllegalStateException("media relay is stuck");
        });
        service.addListener((before, after) -> {
            called.add("healthy");
            return null;
        });

        service.saveDomain(null, sipOnEdge("example.com"));

        assertEquals(List.of("failing", "healthy"), called);
        assertEquals(Set.of("a service could not apply the change: media relay is stuck"), service.pendingRestart());
        assertTrue(service.current().domain("example.com").isPresent(), "the change itself is in effect");
    }

    @Test
    void listenersAreNotToldOfRefusedChangesNorAfterRemoval() {
        List<String> called = new CopyOnWriteArrayList<>();
        ConfigListener listener = (before, after) -> {
            called.add("x");
            return null;
        };
        service.addListener(listener);

        assertThrows(ValidationException.class, () -> service.saveDomain(null, sipOnEdge("localhost")));
        assertEquals(List.of(), called);

        service.removeListener(listener);
        service.saveDomain(null, sipOnEdge("example.com"));
        assertEquals(List.of(), called);
    }

    // ---- several writers

    @Test
    void twoNodesChangingDifferentDomainsAtOnceKeepBothChanges() throws Exception {
        ConfigService nodeA = service;
        ConfigService nodeB = newNode();
        int perNode = 25;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> {
                go.await();
                for (int i = 0; i < perNode; i++) {
                    nodeA.saveDomain(null, sipOnEdge("a" + i + ".example.com"));
                }
                return null;
            });
            Future<?> b = pool.submit(() -> {
                go.await();
                for (int i = 0; i < perNode; i++) {
                    nodeB.saveDomain(null, sipOnEdge("b" + i + ".example.com"));
                }
                return null;
            });
            go.countDown();
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        EdgeConfig stored = newNode().current();
        assertEquals(2 * perNode, stored.domains().size(), "no edit was lost");
        for (int i = 0; i < perNode; i++) {
            assertTrue(stored.domain("a" + i + ".example.com").isPresent());
            assertTrue(stored.domain("b" + i + ".example.com").isPresent());
        }
    }

    @Test
    void externalChangeReloadsWhatAnotherWriterStored() {
        ConfigService other = newNode();
        List<EdgeConfig> heard = new ArrayList<>();
        service.addListener((before, after) -> {
            heard.add(after);
            return null;
        });

        other.saveDomain(null, sipOnEdge("example.com"));
        assertTrue(service.current().domain("example.com").isEmpty(), "not seen until told");

        service.externalChange("some-other-document");
        assertTrue(service.current().domain("example.com").isEmpty(), "other documents are not ours");

        service.externalChange(ConfigService.DOCUMENT);
        assertTrue(service.current().domain("example.com").isPresent());
        assertEquals(1, heard.size());
        assertEquals(service.current(), heard.get(0));

        service.externalChange(ConfigService.DOCUMENT);
        assertEquals(1, heard.size(), "no news, no notification");
    }

    @Test
    void anExternalChangeBeforeLoadIsIgnored() {
        ConfigService notLoaded = new ConfigService(store, secrets, shared, "edge.example.com");

        notLoaded.externalChange(ConfigService.DOCUMENT);

        assertThrows(IllegalStateException.class, notLoaded::current);
    }

    // ---- helpers

    private Path configFile() {
        return dir.resolve("config").resolve(ConfigService.DOCUMENT + ".json");
    }

    private static Domain sipOnEdge(String name) {
        return new Domain(name, true, false, false, false, Deployment.DEFAULT_ID);
    }

    private static InternalServer callControl(String address, String deploymentId) {
        return new InternalServer(null, ServerType.CALL_CONTROL, address, 5061, Transport.TLS, true, null,
                deploymentId);
    }

    private static EdgeSettings withPublicName(EdgeSettings s, String name) {
        return new EdgeSettings(name, s.listenAddress(), s.sipTlsEnabled(), s.sipTlsPort(), s.sipTcpEnabled(),
                s.sipTcpPort(), s.sipUdpEnabled(), s.sipUdpPort(), s.sipWssEnabled(), s.sipWssPort(), s.httpsPort(),
                s.mediaPortMin(), s.mediaPortMax(), s.turnEnabled(), s.turnPort());
    }
}
