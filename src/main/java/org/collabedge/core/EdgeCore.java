package org.collabedge.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import org.collabedge.auth.IdentityService;
import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.cluster.NodeHostNames;
import org.collabedge.config.ConfigService;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.connectivity.ProbeResults;
import org.collabedge.connectivity.ServerProbe;
import org.collabedge.host.HostContext;
import org.collabedge.http.HttpEdge;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.metrics.CoreMetrics;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.protection.ProtectionService;
import org.collabedge.sip.SipEdgeService;
import org.collabedge.sip.auth.SipSecrets;
import org.collabedge.sip.cluster.PeerSettingsService;
import org.collabedge.sip.config.SipConfigService;
import org.collabedge.sip.status.EmptySipStatus;
import org.collabedge.sip.status.SipStatus;
import org.collabedge.sso.SsoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-agnostic heart of the product: builds every edge service on the ports a host provides, starts them in
 * order and stops them in reverse. A host creates one, calls {@link #start()}, and {@link #stop()} on shutdown or
 * plugin unload; the pair may be repeated, and each start builds its services afresh. How each service area is
 * built lives in its own wiring class ({@link Foundation}, {@link ClusterWiring}, {@link SecurityWiring},
 * {@link SipWiring}, {@link SsoWiring}, {@link HttpWiring}).
 */
public final class EdgeCore {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeCore.class);

    private final HostContext host;
    private final String defaultPublicHostName;
    private volatile Services services;
    private volatile SipStatus sipStatus = EmptySipStatus.INSTANCE;

    /** What one start builds; replaced as a whole on the next start. */
    private record Services(Foundation base, ClusterWiring cluster, SecurityWiring security, SipWiring sip,
                            SsoWiring sso, HttpWiring http, Deque<Runnable> teardown) {
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
                s.base().externalChange(document);
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
            services = startServices(started);
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
        LOG.info("Collaboration Edge core started on node {} ({} host)", host.nodeId(), host.hostKind());
    }

    /**
     * Builds and starts every service in dependency order; {@code started} receives how to undo each step, newest
     * first. Protection starts before everything that reports failures to it; the cluster before the services that
     * advertise their addresses in it; the HTTPS edge last, with the identity and SSO endpoints mounted.
     */
    private Services startServices(Deque<Runnable> started) {
        Foundation base = Foundation.start(host, defaultPublicHostName, started);
        ClusterWiring cluster = ClusterWiring.start(host, base, started);
        SecurityWiring security = SecurityWiring.start(host, base, started);
        SipWiring sip = SipWiring.start(host, base, cluster, security, started);
        sipStatus = sip.edge();
        started.push(() -> sipStatus = EmptySipStatus.INSTANCE);
        SsoWiring sso = SsoWiring.start(host, base, cluster, security, started);
        HttpWiring http = HttpWiring.start(host, base, cluster, security, sso.endpoints(), started);
        return new Services(base, cluster, security, sip, sso, http, started);
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

    public boolean isRunning() {
        return services != null;
    }

    public ConfigService config() {
        return running().base().config();
    }

    public CertificateService certificates() {
        return running().base().certificates();
    }

    public EdgeMetrics metrics() {
        return running().base().metrics();
    }

    public CoreMetrics coreMetrics() {
        return running().base().coreMetrics();
    }

    public ServerProbe probe() {
        return running().base().probe();
    }

    public ProbeResults probeResults() {
        return running().base().probeResults();
    }

    /** Where every service's configuration document leaves its restart reasons. */
    public RestartNotices restartNotices() {
        return running().base().restartNotices();
    }

    /** Services subscribe their configuration documents here to hear of changes made on other nodes. */
    public ExternalChanges externalChanges() {
        return running().base().externalChanges();
    }

    /** Failure counting, bans and authorization rate control for the listeners. */
    public Protection protection() {
        return running().security().protection();
    }

    /** Intrusion protection and rate control: settings, bans, exemptions and counters for the pages. */
    public ProtectionService protectionService() {
        return running().security().protectionService();
    }

    /** Checks bearer edge tokens for the SIP edge and the HTTP proxy. */
    public TokenVerifier tokenVerifier() {
        return running().security().tokenVerifier();
    }

    /** Checks directory passwords for edge services (HTTP Basic, password sign-in). */
    public PasswordCheck passwordCheck() {
        return running().security().passwordCheck();
    }

    /** Edge identity: settings (also the SAML service's IdentityPolicy), tokens, sign-in endpoints. */
    public IdentityService identity() {
        return running().security().identity();
    }

    /** The SIP edge's settings and static routes. */
    public SipConfigService sipConfig() {
        return running().sip().config();
    }

    /** Per-user SIP secrets; the SIP service's digest check reads them as a {@code SipSecretLookup}. */
    public SipSecrets sipSecrets() {
        return running().sip().secrets();
    }

    /** Where the SIP edge's node-to-node listener listens (the SIP settings page edits it). */
    public PeerSettingsService sipPeerSettings() {
        return running().sip().peerSettings();
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

    /** The HTTPS edge listener and allow-list proxy. */
    public HttpEdge httpEdge() {
        return running().http().httpEdge();
    }

    /** The SAML service provider: IdPs, SP metadata, and the servlets for the HTTPS edge listener. */
    public SsoService sso() {
        return running().sso().sso();
    }

    /** The HTTP proxy's allow list (rules, automatic rules, counters, blocked log); the proxy asks it per request. */
    public AllowListService allowList() {
        return running().http().allowList();
    }

    /** The SIP edge: listeners, registrar, proxy; its {@link org.collabedge.sip.status.SipStatus} feeds the pages. */
    public SipEdgeService sipEdge() {
        return running().sip().edge();
    }

    /** The running edge nodes of this cluster and what each advertises (one entry when not clustered). */
    public NodeDirectory nodes() {
        return running().cluster().nodes();
    }

    /** Each node's own public host name, where the admin set one (the "Cluster nodes" page). */
    public NodeHostNames nodeHostNames() {
        return running().cluster().nodeHostNames();
    }

    private Services running() {
        Services s = services;
        if (s == null) {
            throw new IllegalStateException("Collaboration Edge core is not running");
        }
        return s;
    }
}
