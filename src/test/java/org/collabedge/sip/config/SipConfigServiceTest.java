package org.collabedge.sip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.ConfigService;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.Transport;
import org.collabedge.config.ValidationException;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIP settings document: stored as JSON, changed only when valid, listeners told, other nodes followed. */
class SipConfigServiceTest {

    @TempDir
    Path dir;

    private FileConfigStore store;
    private LocalSharedState shared;
    private ConfigService foundation;
    private final ExternalChanges externalChanges = new ExternalChanges();
    private final RestartNotices notices = new RestartNotices();

    @BeforeEach
    void setUp() {
        store = new FileConfigStore(dir.resolve("config"));
        shared = new LocalSharedState(Clock.systemUTC());
        foundation = new ConfigService(store, new FileSecretStore(dir), shared, "edge.example.com");
        foundation.load();
        foundation.saveDomain(null, new Domain("example.com", true, false, false, false, Deployment.DEFAULT_ID));
    }

    private SipConfigService node() {
        SipConfigService s = new SipConfigService(store, shared, notices, foundation::current);
        s.load(externalChanges);
        return s;
    }

    private static StaticRoute route(String id, String pattern) {
        return new StaticRoute(id, pattern, "pbx.example.com", 5061, Transport.TLS, true, "to the PBX");
    }

    @Test
    void startsFromTheDefaultsAndStoresValidSettings() throws Exception {
        SipConfigService sip = node();
        assertEquals(SipConfig.defaults(), sip.current());
        SipSettings path = new SipSettings(RegistrationMode.PATH, true, List.of("SHA-256"), false, 120, 7200, 600,
                60);
        sip.saveSettings(path);
        assertEquals(path, node().current().settings(), "a restarted node reads the stored document");
        assertTrue(Files.readString(dir.resolve("config").resolve(SipConfig.DOCUMENT + ".json")).contains("PATH"));
    }

    @Test
    void aRefusedChangeStoresNothingAndTellsNoOne() {
        SipConfigService sip = node();
        List<SipConfig> heard = new ArrayList<>();
        sip.addListener((before, after) -> {
            heard.add(after);
            return null;
        });
        ValidationException e = assertThrows(ValidationException.class, () -> sip.saveSettings(
                new SipSettings(RegistrationMode.PATH, false, List.of(), true, 60, 3600, 3600, 30)));
        assertTrue(e.hasErrorFor("sip.digestAlgorithms"));
        assertEquals(SipConfig.defaults(), node().current());
        assertEquals(List.of(), heard);
    }

    @Test
    void routesAreAddedNormalisedEditedAndDeleted() {
        SipConfigService sip = node();
        SipConfigService.SavedRoute user = sip.saveRoute(route(null, "bob@Example.COM"));
        assertEquals("bob@example.com", user.route().pattern());
        assertEquals(List.of(), user.warnings(), "example.com is a configured domain");
        SipConfigService.SavedRoute wildcard = sip.saveRoute(new StaticRoute(null, " *@example.com ", "10.0.0.9",
                5060, Transport.TCP, true, " "));
        assertEquals(false, wildcard.route().tlsVerify(), "verify is off for a plain transport");
        assertEquals(null, wildcard.route().description());
        assertEquals(List.of("bob@example.com", "*@example.com"),
                sip.current().routes().stream().map(StaticRoute::pattern).toList(), "user route first");

        sip.saveRoute(new StaticRoute(user.route().id(), "bob@example.com", "PBX2.Example.com", 5061, Transport.TLS,
                true, null));
        assertEquals("pbx2.example.com", sip.current().routes().get(0).nextHopHost());
        assertThrows(ValidationException.class, () -> sip.saveRoute(route("no-such-id", "eve@example.com")));

        sip.deleteRoutes(List.of(user.route().id(), wildcard.route().id()));
        assertEquals(List.of(), sip.current().routes());
        assertThrows(ValidationException.class, () -> sip.deleteRoute(user.route().id()));
    }

    @Test
    void aRouteToAnUnknownDomainIsSavedWithAWarning() {
        SipConfigService.SavedRoute saved = node().saveRoute(route(null, "*@contoso.com"));
        assertEquals(1, saved.warnings().size());
        assertEquals("warning.sip.route_domain", saved.warnings().get(0).problemKey());
        assertEquals(1, node().current().routes().size(), "saved all the same");
    }

    @Test
    void anotherNodesChangeArrivesThroughTheExternalChanges() {
        SipConfigService a = node();
        SipConfigService b = node();
        List<String> restart = new ArrayList<>();
        b.addListener((before, after) -> {
            restart.add(after.routes().get(0).pattern());
            return "listener ports changed";
        });
        a.saveRoute(route(null, "*@example.com"));
        externalChanges.publish(SipConfig.DOCUMENT); // what the host's store event does on the other node
        assertEquals(1, b.current().routes().size());
        assertEquals(List.of("*@example.com"), restart);
        assertTrue(notices.all().contains("listener ports changed"));
        b.close();
        a.saveRoute(route(null, "*@example.net"));
        externalChanges.publish(SipConfig.DOCUMENT);
        assertEquals(1, b.current().routes().size(), "a closed service no longer follows");
    }
}
