package org.collabedge.protection;

import java.net.InetAddress;
import java.nio.file.Path;

import org.collabedge.config.ConfigService;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.HostContext;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.collabedge.testing.MutableClock;

/**
 * The protection service as the standalone host runs it: its configuration in files under a data directory, its
 * shared state in this JVM's memory. A new instance on the same directory is what a process restart looks like.
 */
final class StandaloneProtectionNode implements AutoCloseable {

    final ConfigStore store;
    final ProtectionService service;

    StandaloneProtectionNode(Path data, MutableClock clock) {
        this(new FileConfigStore(data.resolve("config")), data, clock);
    }

    StandaloneProtectionNode(ConfigStore store, Path data, MutableClock clock) {
        this.store = store;
        LocalSharedState shared = new LocalSharedState(clock); // gone with the process
        HostContext host = new HostContext("node-a", "standalone", new FileUserDirectory(data), shared, store,
                new FileSecretStore(data), new LoggingPresencePublisher(), clock);
        RestartNotices notices = new RestartNotices();
        ConfigService config = new ConfigService(store, host.secrets(), shared, "edge.example.com", notices);
        config.load();
        service = new ProtectionService(host, config, new ExternalChanges(), new EdgeMetrics(), notices);
        service.start();
    }

    /** Reports failures as a listener would and waits until they are counted. */
    void fail(FailureCategory category, InetAddress source, int times) {
        for (int i = 0; i < times; i++) {
            service.protection().events().failure(category, source, "mallory");
        }
        service.flush();
    }

    boolean admits(InetAddress source) {
        return service.protection().gate().admits(source);
    }

    /** A clean stop (the process is told to end). A crash is simply dropping the node without calling this. */
    @Override
    public void close() {
        service.stop();
    }
}
