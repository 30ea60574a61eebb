package org.collabedge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.collabedge.cert.CertificateService;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.HostContext;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.collabedge.testing.TrustingTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core over a host's ports: one subscription to config changes, forwarded to whichever services run. */
class EdgeCoreTest {

    @TempDir
    Path data;

    /** A file store whose "other node" events the test raises by hand. */
    private static class ObservedStore implements ConfigStore {
        final FileConfigStore files;
        final List<Consumer<String>> listeners = new ArrayList<>();

        ObservedStore(Path dir) {
            files = new FileConfigStore(dir);
        }

        @Override
        public Optional<String> load(String document) {
            return files.load(document);
        }

        @Override
        public void save(String document, String content) {
            files.save(document, content);
        }

        @Override
        public void delete(String document) {
            files.delete(document);
        }

        @Override
        public void onExternalChange(Consumer<String> listener) {
            listeners.add(listener);
        }

        void otherNodeChanged(String document) {
            listeners.forEach(l -> l.accept(document));
        }
    }

    @Test
    void changesFromAnotherNodeReachTheRunningServicesAndRestartsAddNoSubscription() {
        ObservedStore store = new ObservedStore(data.resolve("config"));
        FileSecretStore secrets = new FileSecretStore(data);
        HostContext host = new HostContext("node-a", "test", new FileUserDirectory(data),
                new LocalSharedState(Clock.systemUTC()), store, secrets, new LoggingPresencePublisher(),
                Clock.systemUTC());
        EdgeCore core = new EdgeCore(host, "edge.example.com");
        for (int i = 0; i < 3; i++) {
            core.start();
            core.stop();
        }
        core.start();
        assertEquals(1, store.listeners.size(), "one subscription for the life of the core");

        // "Another node" regenerates the certificate and adds a domain through its own services.
        CertificateService otherCertificates = new CertificateService(store, secrets, Clock.systemUTC());
        otherCertificates.start("edge.example.com");
        otherCertificates.regenerateSelfSigned("edge.example.com");
        var otherConfig = new org.collabedge.config.ConfigService(store, secrets,
                new LocalSharedState(Clock.systemUTC()), "edge.example.com");
        otherConfig.load();
        otherConfig.saveDomain(null, new org.collabedge.config.Domain("example.com", true, false, false, false,
                "default"));

        store.otherNodeChanged("certificates.identity");
        store.otherNodeChanged("edge-config");

        assertEquals(otherCertificates.identity().sha256Fingerprint(),
                core.certificates().identity().sha256Fingerprint());
        assertTrue(core.config().current().domain("example.com").isPresent());
        core.stop();
        assertThrows(IllegalStateException.class, core::config, "a stopped core hands out no services");
    }

    @Test
    void theHttpsEdgeRunsWithTheCoreAndAsksAClientWithoutAnEdgeIdentityToAuthenticate() throws Exception {
        HostContext host = new HostContext("node-a", "test", new FileUserDirectory(data),
                new LocalSharedState(Clock.systemUTC()), new ObservedStore(data.resolve("config")),
                new FileSecretStore(data), new LoggingPresencePublisher(), Clock.systemUTC());
        EdgeCore core = new EdgeCore(host, "edge.example.com");
        core.start();
        try {
            // Another process on this machine may hold the default port 8443; the core then runs without it.
            org.junit.jupiter.api.Assumptions.assumeTrue(core.httpEdge().isRunning(), "HTTPS port taken");
            javax.net.ssl.SSLContext tls = TrustingTls.trusting(core.certificates().identity().certificate());
            try (java.net.Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", core.httpEdge().port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /Default%20deployment/http/127.0.0.1/80/x HTTP/1.1\r\nHost: edge\r\n"
                        + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            }
        } finally {
            core.stop();
        }
        assertThrows(IllegalStateException.class, core::httpEdge);
    }

    @Test
    void aServiceThatFailsToStartLeavesNoThreadsOfTheOthersAndTheCoreStartsOnceItIsFixed() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean rulesBroken = new java.util.concurrent.atomic.AtomicBoolean(true);
        ObservedStore store = new ObservedStore(data.resolve("config")) {
            @Override
            public Optional<String> load(String document) {
                if (rulesBroken.get() && document.equals(org.collabedge.http.rules.HttpRules.DOCUMENT)) {
                    throw new IllegalStateException("the rules document cannot be read");
                }
                return super.load(document);
            }
        };
        HostContext host = new HostContext("node-a", "test", new FileUserDirectory(data),
                new LocalSharedState(Clock.systemUTC()), store, new FileSecretStore(data),
                new LoggingPresencePublisher(), Clock.systemUTC());
        EdgeCore core = new EdgeCore(host, "edge.example.com");
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertThrows(IllegalStateException.class, core::start);
        assertTrue(!core.isRunning());
        List<String> left = List.of("not looked yet");
        for (int i = 0; i < 40 && !left.isEmpty(); i++) { // a stopped pool's worker may take a moment to unwind
            Thread.sleep(50);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("collabedge-"))
                    .map(Thread::getName).toList();
        }
        assertEquals(List.of(), left, "threads of the services started before the failing one");
        rulesBroken.set(false);
        core.start();
        try {
            assertTrue(core.isRunning());
        } finally {
            core.stop();
        }
    }
}
