package org.collabedge.http.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.collabedge.config.ConfigService;
import org.collabedge.config.Deployment;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.InternalServer;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.http.ProxyTarget;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.LocalSharedState;

/** A running allow list on a file store, with the configuration service it follows: one node of a test. */
final class RulesFixture implements AutoCloseable {

    final FileConfigStore store;
    final LocalSharedState shared;
    final ConfigService config;
    final ExternalChanges changes = new ExternalChanges();
    final AllowListService service;
    final org.collabedge.metrics.EdgeMetrics metrics = new org.collabedge.metrics.EdgeMetrics();

    RulesFixture(Path dir) {
        this(dir, new LocalSharedState(Clock.systemUTC()));
    }

    /** A node on the same store and shared state as another: a second cluster member. */
    RulesFixture(Path dir, LocalSharedState shared) {
        this.store = new FileConfigStore(dir.resolve("config"));
        this.shared = shared;
        RestartNotices notices = new RestartNotices();
        this.config = new ConfigService(store, new FileSecretStore(dir), shared, "edge.example.com", notices);
        config.load();
        this.service = new AllowListService(store, shared, notices, config, "node-" + System.identityHashCode(this),
                Clock.systemUTC(), metrics);
        service.start(changes);
    }

    /** A manual rule in the default deployment. */
    static AllowRule rule(String url, MatchType type, String... methods) {
        return new AllowRule(null, url, methods.length == 0, List.of(methods), type, Deployment.DEFAULT_ID, "",
                true, RuleOrigin.MANUAL);
    }

    AllowRule save(String url, MatchType type, String... methods) {
        return service.saveRule(rule(url, type, methods));
    }

    InternalServer server(ServerType type, String address, int port, Transport transport, String deploymentId) {
        return config.saveServer(new InternalServer(null, type, address, port, transport, false, null,
                deploymentId), null);
    }

    static ProxyTarget target(String scheme, String host, int port, String path) {
        return target(Deployment.DEFAULT_ID, scheme, host, port, path);
    }

    static ProxyTarget target(String deployment, String scheme, String host, int port, String path) {
        return new ProxyTarget(deployment, scheme, host, port, path, null);
    }

    boolean allows(String method, String scheme, String host, int port, String path) {
        return service.decide(target(scheme, host, port, path), method).allowed();
    }

    @Override
    public void close() {
        service.stop();
    }
}
