package org.collabedge.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.config.ConfigListener;
import org.collabedge.config.ConfigService;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.connectivity.ProbeResults;
import org.collabedge.connectivity.ServerProbe;
import org.collabedge.host.HostContext;
import org.collabedge.metrics.CoreMetrics;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.sip.SdpRewriter;
import org.collabedge.sip.SipEdgeService;
import org.collabedge.sip.auth.SecretStoreSipSecrets;
import org.collabedge.sip.config.SipConfig;
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

    /** What one start builds; replaced as a whole on the next start. */
    private record Services(ConfigService config, CertificateService certificates, EdgeMetrics metrics,
                            CoreMetrics coreMetrics, ServerProbe probe, ProbeResults probeResults,
                            ConfigListener hostNameFollower, RestartNotices restartNotices,
                            ExternalChanges externalChanges, Protection protection, TokenVerifier tokenVerifier,
                            PasswordCheck passwordCheck, SipEdgeService sipEdge, ConfigListener sipListenerFollower) {
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
        RestartNotices restartNotices = new RestartNotices();
        ExternalChanges externalChanges = new ExternalChanges();
        ConfigService config = new ConfigService(host.configStore(), host.secrets(), host.sharedState(),
                defaultPublicHostName, restartNotices);
        config.load();
        CertificateService certificates = new CertificateService(host.configStore(), host.secrets(), host.clock());
        certificates.start(config.current().settings().publicHostName());
        // A self-signed identity follows the public host name; an uploaded one is the admin's to replace.
        ConfigListener follower = (before, after) -> {
            if (!before.settings().publicHostName().equals(after.settings().publicHostName())) {
                certificates.publicHostNameChanged(after.settings().publicHostName());
            }
            return null;
        };
        config.addListener(follower);
        EdgeMetrics metrics = new EdgeMetrics();
        CoreMetrics coreMetrics = new CoreMetrics(metrics, config, certificates, host.clock());
        ServerProbe probe = new ServerProbe(certificates::clientSslContext, host.clock(), PROBE_TIMEOUT);
        Protection protection = Protection.none();
        TokenVerifier tokenVerifier = TokenVerifier.REFUSE_ALL;
        PasswordCheck passwordCheck = PasswordCheck.direct(host.users());
        // SIP edge after certificates and protection: its TLS listener takes the edge's server context.
        // The integrator replaces SipConfig::defaults with the SIP configuration service's current().
        Supplier<SipConfig> sipConfig = SipConfig::defaults;
        SipEdgeService sipEdge = new SipEdgeService(new SipEdgeService.Dependencies(host, config::current, sipConfig,
                certificates::serverSslContext, certificates::clientSslContext, protection, tokenVerifier,
                new SecretStoreSipSecrets(host.secrets()), metrics, SdpRewriter.PASS_THROUGH));
        sipEdge.start();
        sipEdge.problems().forEach(restartNotices::add);
        ConfigListener sipListenerFollower = sipEdge.configListener();
        config.addListener(sipListenerFollower);
        services = new Services(config, certificates, metrics, coreMetrics, probe,
                new ProbeResults(host.sharedState()), follower, restartNotices, externalChanges, protection,
                tokenVerifier, passwordCheck, sipEdge, sipListenerFollower);
        LOG.info("Collaboration Edge core started on node {} ({} host)", host.nodeId(), host.hostKind());
    }

    public synchronized void stop() {
        Services s = services;
        if (s == null) {
            return;
        }
        services = null;
        s.config().removeListener(s.hostNameFollower());
        s.config().removeListener(s.sipListenerFollower());
        s.sipEdge().stop();
        s.certificates().stop();
        LOG.info("Collaboration Edge core stopped on node {}", host.nodeId());
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

    /** Checks bearer edge tokens for the SIP edge and the HTTP proxy. */
    public TokenVerifier tokenVerifier() {
        return running().tokenVerifier();
    }

    /** Checks directory passwords for edge services (HTTP Basic, password sign-in). */
    public PasswordCheck passwordCheck() {
        return running().passwordCheck();
    }

    /** The SIP edge: listeners, registrar, proxy; its {@link org.collabedge.sip.status.SipStatus} feeds the pages. */
    public SipEdgeService sipEdge() {
        return running().sipEdge();
    }

    private Services running() {
        Services s = services;
        if (s == null) {
            throw new IllegalStateException("Collaboration Edge core is not running");
        }
        return s;
    }
}
