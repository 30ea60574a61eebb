package org.collabedge.config;

import static org.collabedge.config.ConfigNodes.callControl;
import static org.collabedge.config.ConfigNodes.sipOnEdge;
import static org.collabedge.config.ConfigNodes.withPublicName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The configuration's life: the seed's defaults, loading, surviving a restart, an unreadable stored document, and
 * settings stored in canonical form. Domains and deployments: {@link ConfigServiceDomainsTest}; internal servers:
 * {@link ConfigServiceServersTest}; listeners and several writers: {@link ConfigServiceChangesTest}.
 */
class ConfigServiceTest {

    @AutoClose
    private final ConfigNodes nodes = new ConfigNodes();
    private final ConfigService service = nodes.newNode();

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
        assertFalse(Files.exists(nodes.configFile()), "nothing is written until something changes");
    }

    @Test
    void nothingIsReadableBeforeLoad() {
        ConfigService notLoaded = new ConfigService(nodes.store, nodes.secrets, nodes.shared, "edge.example.com");

        assertThrows(IllegalStateException.class, notLoaded::current);
    }

    @Test
    void theConfigurationSurvivesARestart() {
        Deployment lab = service.addDeployment("Lab");
        service.saveDomain(null, new Domain("example.com", true, true, false, true, lab.id()));
        InternalServer cucm = service.saveServer(callControl("cucm.example.com", lab.id()), null);
        service.saveSettings(withPublicName(service.current().settings(), "edge.example.org"));

        ConfigService restarted = new ConfigService(new FileConfigStore(nodes.dir.resolve("config")),
                new FileSecretStore(nodes.dir), new LocalSharedState(Clock.systemUTC()), "ignored.example.com");
        restarted.load();

        assertEquals(service.current(), restarted.current());
        assertEquals(cucm, restarted.current().server(cucm.id()).orElseThrow());
        assertEquals("edge.example.org", restarted.current().settings().publicHostName());
    }

    @Test
    void anUnreadableStoredDocumentIsReportedNotReplaced() throws IOException {
        Files.createDirectories(nodes.configFile().getParent());
        Files.writeString(nodes.configFile(), "{ this is not json");
        ConfigService broken = new ConfigService(nodes.store, nodes.secrets, nodes.shared, "edge.example.com");

        IllegalStateException e = assertThrows(IllegalStateException.class, broken::load);
        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> service.saveDomain(null, sipOnEdge("example.com")));
        assertEquals("{ this is not json", Files.readString(nodes.configFile()), "a change does not overwrite it");
    }

    @Test
    void settingsAreStoredWithACanonicalPublicName() {
        service.saveSettings(withPublicName(service.current().settings(), " Edge.Example.ORG. "));

        assertEquals("edge.example.org", service.current().settings().publicHostName());
        assertEquals("edge.example.org", nodes.newNode().current().settings().publicHostName());
    }
}
