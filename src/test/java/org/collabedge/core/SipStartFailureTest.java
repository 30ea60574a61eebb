package org.collabedge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.collabedge.host.HostContext;
import org.collabedge.host.SecretStore;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIP edge can fail half-way through its own start (its route key cannot be read or created: the cluster lock
 * timed out, the secret store failed). What it had started by then (its expiry sweeper, its ban subscription) must
 * be undone with the rest of the failed start, not left running beside the next attempt.
 */
class SipStartFailureTest {

    @TempDir
    Path data;

    @Test
    void aSipEdgeThatFailsInItsOwnStartLeavesNoThreadBehind() throws Exception {
        AtomicBoolean keyUnreadable = new AtomicBoolean(true);
        FileSecretStore files = new FileSecretStore(data);
        SecretStore secrets = new SecretStore() {
            @Override
            public void put(String id, byte[] secret) {
                files.put(id, secret);
            }

            @Override
            public Optional<byte[]> get(String id) {
                if (keyUnreadable.get() && id.equals("sip.topology-hiding.key")) {
                    throw new IllegalStateException("secret store unavailable");
                }
                return files.get(id);
            }

            @Override
            public void delete(String id) {
                files.delete(id);
            }

            @Override
            public boolean contains(String id) {
                return files.contains(id);
            }
        };
        HostContext host = new HostContext("node-a", "test", new FileUserDirectory(data),
                new LocalSharedState(Clock.systemUTC()), new FileConfigStore(data.resolve("config")), secrets,
                new LoggingPresencePublisher(), Clock.systemUTC());
        EdgeCore core = new EdgeCore(host, "edge.example.com");
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThrows(IllegalStateException.class, core::start);

        assertFalse(core.isRunning());
        List<String> left = List.of("not looked yet");
        for (int i = 0; i < 40 && !left.isEmpty(); i++) { // a stopped pool's worker may take a moment to unwind
            Thread.sleep(50);
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("collabedge-"))
                    .map(Thread::getName).toList();
        }
        assertEquals(List.of(), left, "threads left by the failed start");
        keyUnreadable.set(false);
        core.start();
        try {
            assertTrue(core.isRunning());
        } finally {
            core.stop();
        }
    }
}
