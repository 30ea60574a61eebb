package org.collabedge.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.config.InternalServer;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.HostContext;
import org.collabedge.host.PresencePublisher;
import org.collabedge.host.SecretStore;
import org.collabedge.host.UserDirectory;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.AuthorizationRateControl;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.collabedge.protection.SecurityEvents;
import org.collabedge.config.RestartNotices;
import org.collabedge.sip.auth.SipSecrets;
import org.collabedge.testing.MemoryStores;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.standalone.LocalSharedState;

/**
 * A running SIP edge on loopback with free ports: domain example.com owned by the edge, users alice/bob/carol with
 * SIP secrets, failures and presence recorded for assertions.
 */
final class EdgeUnderTest implements AutoCloseable {

    record Failure(FailureCategory category, InetAddress source, String user) {
    }

    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    final List<String> presence = Collections.synchronizedList(new ArrayList<>());
    /** The host's secret store, where the admin pages keep SIP secrets. */
    final SecretStore secrets;
    /** What the nodes of one test cluster share: the host's shared state, configuration and secret stores. */
    record Stores(LocalSharedState shared, ConfigStore configs, SecretStore secrets) {
        static Stores fresh() {
            return new Stores(new LocalSharedState(Clock.systemUTC()), MemoryStores.configs(),
                    MemoryStores.secrets());
        }
    }

    final String nodeId;
    final Stores stores;
    final HostContext host;
    final EdgeMetrics metrics = new EdgeMetrics();
    final CertificateService certificates;
    final SipEdgeService service;
    volatile AuthorizationRateControl rate = AuthorizationRateControl.UNLIMITED;
    /** The access gate every listener asks before a handshake; tests ban addresses on it. */
    final TestGate gate = new TestGate();
    /** The SIP settings and static routes the edge reads on each request; tests replace it. */
    volatile SipConfig sipConfig = SipConfig.defaults();
    /** Bearer edge tokens the identity service would accept; none by default. */
    volatile TokenVerifier tokens = TokenVerifier.REFUSE_ALL;
    final int udp;
    final int tcp;
    final int tls;
    /** The edge configuration the service reads; tests replace it and tell the service's listener. */
    volatile EdgeConfig config;

    EdgeUnderTest() throws IOException {
        this(List.of(), List.of());
    }

    /** With more domains (beside the edge-owned example.com) and internal servers. */
    EdgeUnderTest(List<Domain> moreDomains, List<InternalServer> servers) throws IOException {
        this("node-1", Stores.fresh(), moreDomains, servers, null);
    }

    EdgeUnderTest(String nodeId, Stores stores, List<Domain> moreDomains, List<InternalServer> servers,
                  java.util.function.Function<EdgeUnderTest, org.collabedge.sip.cluster.SipCluster> cluster)
            throws IOException {
        this(nodeId, stores, moreDomains, servers, cluster, null);
    }

    /**
     * One node of a test cluster: its own listeners on free ports, the stores of {@code stores}, and (when
     * {@code cluster} is given) the node-to-node path it builds for this node's host before the service starts.
     */
    EdgeUnderTest(String nodeId, Stores stores, List<Domain> moreDomains, List<InternalServer> servers,
                  java.util.function.Function<EdgeUnderTest, org.collabedge.sip.cluster.SipCluster> cluster,
                  java.util.function.Function<HostContext, Protection> realProtection) throws IOException {
        this.nodeId = nodeId;
        this.stores = stores;
        this.secrets = stores.secrets();
        udp = freePort();
        tcp = freePort();
        tls = freePort();
        secrets.put(SipSecrets.secretId("alice"), "alice-secret".getBytes(StandardCharsets.UTF_8));
        secrets.put(SipSecrets.secretId("bob"), "bob-secret".getBytes(StandardCharsets.UTF_8));
        secrets.put(SipSecrets.secretId("carol"), "carol-secret".getBytes(StandardCharsets.UTF_8));
        ConfigStore configs = stores.configs();
        UserDirectory users = new UserDirectory() {
            public boolean authenticate(String username, char[] password) {
                return false;
            }

            public Optional<DirectoryUser> lookup(String username) {
                return username.equals("alice") || username.equals("bob")
                        ? Optional.of(new DirectoryUser(username, username, username + "@example.com"))
                        : Optional.empty();
            }
        };
        PresencePublisher publisher = new PresencePublisher() {
            public void available(String username, String resource, Show show, String status) {
                presence.add(username + "/" + resource + " " + show + " " + status);
            }

            public void unavailable(String username, String resource) {
                presence.add(username + "/" + resource + " unavailable");
            }
        };
        Clock clock = Clock.systemUTC();
        LocalSharedState shared = stores.shared();
        host = new HostContext(nodeId, "standalone", users, shared, configs, secrets, publisher, clock);
        certificates = new CertificateService(configs, secrets, clock);
        certificates.start("localhost");
        EdgeSettings defaults = EdgeSettings.defaults("127.0.0.1");
        EdgeSettings settings = new EdgeSettings("127.0.0.1", "127.0.0.1", true, tls, true, tcp, true, udp,
                false, defaults.sipWssPort(), defaults.httpsPort(), defaults.mediaPortMin(), defaults.mediaPortMax(),
                false, defaults.turnPort());
        List<Domain> domains = new ArrayList<>(moreDomains);
        domains.add(new Domain("example.com", true, false, false, false, "default"));
        config = new EdgeConfig(List.of(new Deployment("default", "Default")), domains, servers, settings);
        SecurityEvents events = (category, source, user) -> failures.add(new Failure(category, source, user));
        Protection protection = realProtection != null ? realProtection.apply(host)
                : new Protection(events, gate, user -> rate.authorize(user));
        service = new SipEdgeService(new SipEdgeService.Dependencies(host, () -> this.config, () -> sipConfig,
                new org.collabedge.sip.transport.CachedSslContext(certificates::identity, certificates::serverSslContext),
                certificates::clientSslContext, protection, (token, use) -> tokens.verify(token, use),
                new SipSecrets(secrets, users, configs, shared, new RestartNotices(), clock), metrics, SdpRewriter.PASS_THROUGH));
        if (cluster != null) {
            service.joinCluster(cluster.apply(this));
        }
        service.start();
        if (service.ports().size() != 3) {
            throw new IllegalStateException("Listeners did not open: " + service.problems());
        }
    }

    SSLContext trustingClientContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A port free for both TCP and UDP right now. */
    static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("No free port");
    }

    @Override
    public void close() {
        service.stop();
        certificates.stop();
    }
}
