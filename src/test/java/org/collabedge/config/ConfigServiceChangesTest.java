package org.collabedge.config;

import static org.collabedge.config.ConfigNodes.sipOnEdge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Who hears of a configuration change (listeners, with before and after; changes made on other nodes), and several
 * writers at once, on one node or on two, losing no edit.
 */
class ConfigServiceChangesTest {

    @AutoClose
    private final ConfigNodes nodes = new ConfigNodes();
    private final ConfigService service = nodes.newNode();

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
        ConfigService nodeB = nodes.newNode();
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

        EdgeConfig stored = nodes.newNode().current();
        assertEquals(2 * perNode, stored.domains().size(), "no edit was lost");
        for (int i = 0; i < perNode; i++) {
            assertTrue(stored.domain("a" + i + ".example.com").isPresent());
            assertTrue(stored.domain("b" + i + ".example.com").isPresent());
        }
    }

    @Test
    void externalChangeReloadsWhatAnotherWriterStored() {
        ConfigService other = nodes.newNode();
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
        ConfigService notLoaded = new ConfigService(nodes.store, nodes.secrets, nodes.shared, "edge.example.com");

        notLoaded.externalChange(ConfigService.DOCUMENT);

        assertThrows(IllegalStateException.class, notLoaded::current);
    }
}
