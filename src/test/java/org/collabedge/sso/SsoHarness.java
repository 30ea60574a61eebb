package org.collabedge.sso;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.collabedge.auth.IdentityPolicy;
import org.collabedge.auth.IssuedTokens;
import org.collabedge.auth.SsoMode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.config.ConfigService;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeSettings;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.host.HostContext;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An SSO service on file-backed host ports, with its endpoints served by a Jetty on 127.0.0.1 (as the HTTPS edge
 * listener would mount them), a directory user "alice", the domain example.test, and a settable policy.
 */
final class SsoHarness implements AutoCloseable {

    final HostContext host;
    final ConfigService config;
    final SsoService sso;
    final EdgeMetrics metrics = new EdgeMetrics();
    volatile SsoMode mode = SsoMode.ON;
    volatile boolean checkInternal = true;
    final NodeDirectory nodes;
    private Server jetty;

    SsoHarness(Path dir) {
        FileUserDirectory users = new FileUserDirectory(dir);
        users.put("alice", "secret".toCharArray(), "Alice", "alice@example.test");
        host = new HostContext("node-1", "test", users, new LocalSharedState(Clock.systemUTC()),
                new FileConfigStore(dir.resolve("config")), new FileSecretStore(dir), new LoggingPresencePublisher(),
                Clock.systemUTC());
        config = new ConfigService(host.configStore(), host.secrets(), host.sharedState(), "edge.example.test");
        config.load();
        config.saveSettings(EdgeSettings.defaults("edge.example.test"));
        config.saveDomain(null, new Domain("example.test", true, false, false, false, "default"));
        config.saveDomain(null, new Domain("other.test", true, false, false, false, "default"));
        IdentityPolicy policy = new IdentityPolicy() {
            @Override
            public SsoMode ssoMode() {
                return mode;
            }

            @Override
            public boolean checkInternalSsoAvailability() {
                return checkInternal;
            }
        };
        nodes = new NodeDirectory(host.sharedState().map("edge-nodes"), host.nodeId(),
                () -> config.current().settings().publicHostName(), host.clock());
        sso = new SsoService(host, config, new ExternalChanges(), new RestartNotices(), metrics,
                (user, source) -> new IssuedTokens("access-" + user, "refresh-" + user,
                        Instant.parse("2030-01-01T00:00:00Z")), policy, () -> {
                    throw new IllegalStateException("no TLS in this test");
                }, nodes);
        sso.start();
    }

    String acsUrl() {
        return sso.addresses().acsUrl();
    }

    String entityId() {
        return sso.addresses().entityId(null);
    }

    /** Serves the endpoints; returns the base URL. */
    String serve() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        for (EdgeEndpoint e : sso.endpoints()) {
            context.addServlet(new ServletHolder(e.servlet()), e.path());
            context.addServlet(new ServletHolder(e.servlet()), e.path() + "/*");
        }
        jetty.setHandler(context);
        jetty.start();
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    List<String> domainsOf(String entityId) {
        return sso.settings().domainsOf(entityId);
    }

    @Override
    public void close() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        sso.stop();
    }
}
