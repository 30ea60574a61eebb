package org.collabedge.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.collabedge.auth.IdentityService;
import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeHostNames;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.config.ConfigListener;
import org.collabedge.config.ConfigService;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.connectivity.ProbeResults;
import org.collabedge.connectivity.ServerProbe;
import org.collabedge.host.HostContext;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.http.HttpEdge;
import org.collabedge.http.ProxySettingsService;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.metrics.CoreMetrics;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.sip.auth.SipSecrets;
import org.collabedge.sip.config.SipConfigService;
import org.collabedge.sip.status.EmptySipStatus;
import org.collabedge.sip.status.SipStatus;
import org.collabedge.protection.ProtectionService;
import org.collabedge.sso.SsoService;
import org.collabedge.sip.SdpRewriter;
import org.collabedge.sip.SipEdgeService;
import org.collabedge.sip.transport.CachedSslContext;
import org.collabedge.sip.cluster.PeerSettingsService;
import org.collabedge.sip.cluster.SipCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-agnostic heart of the product: builds every edge service on the ports a host provides, starts them in
 * order and stops them in reverse. A host creates one, calls {@link #start()}, and {@link #stop()} on shutdown or
 * plugin unload; the pair may be repeated, and each start builds its services afresh.
 */
public final class EdgeCore {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeCore.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final HostContext host;
    private final String defaultPublicHostName;
    private volatile Services services;
    private volatile SipAdmin sip;
    private volatile SipStatus sipStatus = EmptySipStatus.INSTANCE;
    private volatile PeerSettingsService sipPeer;
    private volatile NodeHostNames nodeHostNames;

    /** The SIP edge's settings document and per-user secrets, built on each start. */
    private record SipAdmin(SipConfigService config, SipSecrets secrets) {
    }

    /** What one start builds; replaced as a whole on the next start. */
    private record Services(ConfigService config, CertificateService certificates, EdgeMetrics metrics,
                            CoreMetrics coreMetrics, ServerProbe probe, ProbeResults probeResults,
                            ConfigListener hostNameFollower, RestartNotices restartNotices,
                            ExternalChanges externalChanges, Protection protection, TokenVerifier tokenVerifier,
                            PasswordCheck passwordCheck, IdentityService identity,
                            ProtectionService protectionService, HttpEdge httpEdge, SsoService sso,
                            AllowListService allowList, SipEdgeService sipEdge, NodeDirectory nodes,
                            Deque<Runnable> teardown) {
    }

    /**
     * @param defaultPublicHostName the name used until the admin sets one (Openfire: its XMPP domain; standalone:
     *                              its configured or local host name)
     */
    public EdgeCore(HostContext host, String defaultPublicHostName) {
        this.host = Objects.requireNonNull(host);
        this.defaultPublicHostName = Objects.requireNonNull(defaultPublicHostName);
        // Registered once per core (the port has no unregister); forwards to whichever services are running.
        host.configStore().onExternalChange(document -> {
            Services s = services;
            if (s != null) {
                s.config().externalChange(document);
                s.certificates().externalChange(document);
                s.externalChanges().publish(document);
            }
        });
    }

    public HostContext host() {
        return host;
    }

    public synchronized void start() {
        if (services != null) {
            return;
        }
        // A service that fails to start must not leave the ones before it running: their threads and listeners
        // would outlive the failed start, and stop() cannot reach them (services stays null).
        Deque<Runnable> started = new ArrayDeque<>();
        try {
            startServices(started);
        } catch (RuntimeException | Error e) {
            for (Runnable undo : started) { // most recently started first
                try {
                    undo.run();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Builds and starts every service; {@code started} receives how to undo each step, newest first. */
    private void startServices(Deque<Runnable> started) {
        RestartNotices restartNotices = new RestartNotices();
        ExternalChanges externalChanges = new ExternalChanges();
        ConfigService config = new ConfigService(host.configStore(), host.secrets(), host.sharedState(),
                defaultPublicHostName, restartNotices);
        config.load();
        CertificateService certificates = new CertificateService(host.configStore(), host.secrets(), host.clock());
        certificates.start(config.current().settings().publicHostName());
        started.push(certificates::stop);
        // A self-signed identity follows the public host name; an uploaded one is the admin's to replace. A new
        // HTTPS listener address or port waits for a restart (the reason is shown on the status page).
        ConfigListener follower = (before, after) -> {
            if (!before.settings().publicHostName().equals(after.settings().publicHostName())) {
                certificates.publicHostNameChanged(after.settings().publicHostName());
            }
            return HttpEdge.restartReason(before, after);
        };
        config.addListener(follower);
        started.push(() -> config.removeListener(follower));
        // Each node's own public name (the "Cluster nodes" page); the edge's name for nodes without one.
        NodeHostNames names = new NodeHostNames(host.configStore(), host.sharedState(), restartNotices);
        names.load(externalChanges);
        nodeHostNames = names;
        started.push(() -> {
            nodeHostNames = null;
            names.close();
        });
        // Before the services that advertise their addresses in it (the SIP edge's internal listener, HTTPS).
        NodeDirectory nodes = new NodeDirectory(host.sharedState().<EdgeNode>map("edge-nodes"), host.nodeId(),
                () -> names.publicHostName(host.nodeId(), config.current().settings().publicHostName()),
                host.clock());
        nodes.start();
        started.push(nodes::close);
        EdgeMetrics metrics = new EdgeMetrics();
        CoreMetrics coreMetrics = new CoreMetrics(metrics, config, certificates, host.clock());
        ServerProbe probe = new ServerProbe(certificates::clientSslContext, host.clock(), PROBE_TIMEOUT);
        // Before the services that report failures to it and ask its gate.
        ProtectionService protectionService = new ProtectionService(host, config, externalChanges, metrics,
                restartNotices);
        protectionService.start();
        started.push(protectionService::stop);
        Protection protection = protectionService.protection();
        IdentityService identity = new IdentityService(host, restartNotices, externalChanges, protection,
                metrics);
        identity.start();
        started.push(identity::stop);
        TokenVerifier tokenVerifier = identity.tokens();
        PasswordCheck passwordCheck = identity.passwordCheck();
        SipConfigService sipConfig = new SipConfigService(host.configStore(), host.sharedState(), restartNotices,
                config::current);
        sipConfig.load(externalChanges);
        started.push(sipConfig::close);
        SipSecrets sipSecrets = new SipSecrets(host.secrets(), host.users(), host.configStore(), host.sharedState(),
                restartNotices, host.clock());
        sipSecrets.load(externalChanges);
        started.push(() -> closeQuietly(sipSecrets));
        sip = new SipAdmin(sipConfig, sipSecrets);
        started.push(() -> sip = null);
        // The SIP edge reads its settings and routes live on every request; its listeners follow the edge settings.
        SipEdgeService sipEdge = new SipEdgeService(new SipEdgeService.Dependencies(host, config::current,
                sipConfig::current,
                // One TLS context per certificate, not one per SIP connection (see CachedSslContext).
                new CachedSslContext(certificates::identity, certificates::serverSslContext),
                new CachedSslContext(certificates::identity, certificates::clientSslContext), protection,
                tokenVerifier, sipSecrets, metrics, SdpRewriter.PASS_THROUGH));
        // The node-to-node SIP path: requests for flows another node holds go to that node.
        PeerSettingsService peerSettings = new PeerSettingsService(host.configStore(), host.sharedState(),
                restartNotices, config::current);
        peerSettings.load(externalChanges);
        started.push(() -> closeQuietly(peerSettings));
        SipCluster sipCluster = new SipCluster(nodes, certificates::identity, peerSettings::current);
        sipEdge.joinCluster(sipCluster);
        org.collabedge.config.DocumentListener<org.collabedge.sip.cluster.PeerSettings> peerFollower = (b, a) -> {
            sipEdge.reopenPeerListener();
            return sipCluster.problem();
        };
        peerSettings.addListener(peerFollower);
        sipPeer = peerSettings;
        started.push(() -> {
            peerSettings.removeListener(peerFollower);
            sipPeer = null;
        });
        sipEdge.start();
        sipEdge.problems().forEach(restartNotices::add);
        ConfigListener sipListenerFollower = sipEdge.configListener();
        config.addListener(sipListenerFollower);
        sipStatus = sipEdge;
        started.push(() -> {
            config.removeListener(sipListenerFollower);
            sipEdge.stop();
            sipStatus = EmptySipStatus.INSTANCE;
        });
        SsoService sso = new SsoService(host, config, externalChanges, restartNotices, metrics, identity.tokens(),
                identity.settings(), certificates::clientSslContext, nodes);
        sso.start();
        started.push(sso::stop);
        identity.useSsoDomains(sso.ssoDomains());
        List<EdgeEndpoint> endpoints = new ArrayList<>(identity.endpoints());
        endpoints.addAll(sso.endpoints());
        AllowListService allowList = new AllowListService(host.configStore(), host.sharedState(), restartNotices,
                config, host.nodeId(), host.clock(), metrics);
        allowList.start(externalChanges);
        started.push(allowList::stop);
        ProxySettingsService proxySettings = new ProxySettingsService(host.configStore(), host.sharedState(),
                restartNotices);
        proxySettings.start(externalChanges);
        started.push(proxySettings::stop);
        HttpEdge httpEdge = new HttpEdge(config::current, allowList, endpoints, certificates,
                protection, tokenVerifier, passwordCheck, metrics);
        httpEdge.follow(proxySettings);
        startHttpEdge(httpEdge);
        started.push(httpEdge::stop);
        advertiseHttpsPort(httpEdge, nodes);
        services = new Services(config, certificates, metrics, coreMetrics, probe,
                new ProbeResults(host.sharedState()), follower, restartNotices, externalChanges, protection,
                tokenVerifier, passwordCheck, identity, protectionService,
                httpEdge, sso, allowList, sipEdge, nodes, started);
        LOG.info("Collaboration Edge core started on node {} ({} host)", host.nodeId(), host.hostKind());
    }

    public synchronized void stop() {
        Services s = services;
        if (s == null) {
            return;
        }
        services = null;
        // The reverse of start: listeners first, then what they used.
        for (Runnable undo : s.teardown()) {
            try {
                undo.run();
            } catch (RuntimeException e) {
                LOG.error("A service did not stop cleanly", e);
            }
        }
        LOG.info("Collaboration Edge core stopped on node {}", host.nodeId());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Could not close {}", c.getClass().getSimpleName(), e);
        }
    }

    /** A listener that cannot bind (port taken) must not take the other services down: it is logged instead. */
    private static void startHttpEdge(HttpEdge httpEdge) {
        try {
            httpEdge.start();
        } catch (Exception e) {
            LOG.error("HTTPS edge could not start (is the HTTPS port free?): {}", e.toString());
        }
    }

    /** Other nodes build this node's SP metadata (ACS, entity ID) from the port the HTTPS edge really bound. */
    private static void advertiseHttpsPort(HttpEdge httpEdge, NodeDirectory nodes) {
        try {
            nodes.advertise(org.collabedge.sso.SpAddresses.HTTPS_PORT_ENDPOINT, Integer.toString(httpEdge.port()));
        } catch (IllegalStateException notRunning) {
            // Not bound: the others fall back to the configured port.
        }
    }

    public boolean isRunning() {
        return services != null;
    }

    public ConfigService config() {
        return running().config();
    }

    public CertificateService certificates() {
        return running().certificates();
    }

    public EdgeMetrics metrics() {
        return running().metrics();
    }

    public CoreMetrics coreMetrics() {
        return running().coreMetrics();
    }

    public ServerProbe probe() {
        return running().probe();
    }

    public ProbeResults probeResults() {
        return running().probeResults();
    }

    /** Where every service's configuration document leaves its restart reasons. */
    public RestartNotices restartNotices() {
        return running().restartNotices();
    }

    /** Services subscribe their configuration documents here to hear of changes made on other nodes. */
    public ExternalChanges externalChanges() {
        return running().externalChanges();
    }

    /** Failure counting, bans and authorization rate control for the listeners. */
    public Protection protection() {
        return running().protection();
    }

    /** Intrusion protection and rate control: settings, bans, exemptions and counters for the pages. */
    public ProtectionService protectionService() {
        return running().protectionService();
    }

    /** Checks bearer edge tokens for the SIP edge and the HTTP proxy. */
    public TokenVerifier tokenVerifier() {
        return running().tokenVerifier();
    }

    /** Checks directory passwords for edge services (HTTP Basic, password sign-in). */
    public PasswordCheck passwordCheck() {
        return running().passwordCheck();
    }

    /** Edge identity: settings (also the SAML service's IdentityPolicy), tokens, sign-in endpoints. */
    public IdentityService identity() {
        return running().identity();
    }

    /** The SIP edge's settings and static routes. */
    public SipConfigService sipConfig() {
        return sipRunning().config();
    }

    /** Per-user SIP secrets; the SIP service's digest check reads them as a {@code SipSecretLookup}. */
    public SipSecrets sipSecrets() {
        return sipRunning().secrets();
    }

    /** Where the SIP edge's node-to-node listener listens (the SIP settings page edits it). */
    public PeerSettingsService sipPeerSettings() {
        running();
        PeerSettingsService p = sipPeer;
        if (p == null) {
            throw new IllegalStateException("Collaboration Edge core is not running");
        }
        return p;
    }

    /** Registrations and calls as the SIP service reports them; empty until a SIP service is set. */
    public SipStatus sipStatus() {
        running();
        return sipStatus;
    }

    /** Points the pages at the running SIP service's status (and tests at a fake one). */
    public void useSipStatus(SipStatus status) {
        this.sipStatus = Objects.requireNonNull(status);
    }

    private SipAdmin sipRunning() {
        running();
        SipAdmin s = sip;
        if (s == null) {
            throw new IllegalStateException("Collaboration Edge core is not running");
        }
        return s;
    }

    /** The HTTPS edge listener and allow-list proxy. */
    public HttpEdge httpEdge() {
        return running().httpEdge();
    }

    /** The SAML service provider: IdPs, SP metadata, and the servlets for the HTTPS edge listener. */
    public SsoService sso() {
        return running().sso();
    }

    /** The HTTP proxy's allow list (rules, automatic rules, counters, blocked log); the proxy asks it per request. */
    public AllowListService allowList() {
        return running().allowList();
    }

    /** The SIP edge: listeners, registrar, proxy; its {@link org.collabedge.sip.status.SipStatus} feeds the pages. */
    public SipEdgeService sipEdge() {
        return running().sipEdge();
    }

    /** The running edge nodes of this cluster and what each advertises (one entry when not clustered). */
    public NodeDirectory nodes() {
        return running().nodes();
    }

    /** Each node's own public host name, where the admin set one (the "Cluster nodes" page). */
    public NodeHostNames nodeHostNames() {
        running();
        NodeHostNames n = nodeHostNames;
        if (n == null) {
            throw new IllegalStateException("Collaboration Edge core is not running");
        }
        return n;
    }

    private Services running() {
        Services s = services;
        if (s == null) {
            throw new IllegalStateException("Collaboration Edge core is not running");
        }
        return s;
    }
}
