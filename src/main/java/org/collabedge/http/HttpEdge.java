package org.collabedge.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.http.proxy.BackendLeg;
import org.collabedge.http.proxy.EdgeAuthenticator;
import org.collabedge.http.proxy.ProxyHandler;
import org.collabedge.http.proxy.ProxyMetrics;
import org.collabedge.http.rules.AllowList;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS edge listener: TLS with the edge identity (live reload), HTTP/1.1 and h2, intrusion protection at
 * accept time, identity endpoints under {@code /edge/} and {@code /get_edge_sso}, and the allow-list proxy for
 * everything else. Built by the core after the certificates and stopped before them.
 */
public final class HttpEdge {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

    private final Supplier<EdgeConfig> config;
    private final AllowList allowList;
    private final List<EdgeEndpoint> endpoints;
    private final CertificateService certificates;
    private final Protection protection;
    private final TokenVerifier tokens;
    private final PasswordCheck passwords;
    private final EdgeMetrics metrics;

    private volatile ProxyLimits limits = ProxyLimits.DEFAULTS;
    private volatile ProxySettingsService settings;
    private Server server;
    private ServerConnector connector;
    private HttpConfiguration httpConfiguration;
    private BackendLeg backends;
    private AutoCloseable banSubscription;
    private ProxyMetrics proxyMetrics;
    private volatile EdgeSslContextFactory tls;
    private volatile SSLContext clientTls;
    private boolean followingIdentity;

    public HttpEdge(Supplier<EdgeConfig> config, AllowList allowList, List<EdgeEndpoint> endpoints,
                    CertificateService certificates, Protection protection, TokenVerifier tokens,
                    PasswordCheck passwords, EdgeMetrics metrics) {
        this.config = Objects.requireNonNull(config);
        this.allowList = Objects.requireNonNull(allowList);
        this.endpoints = List.copyOf(endpoints);
        this.certificates = Objects.requireNonNull(certificates);
        this.protection = Objects.requireNonNull(protection);
        this.tokens = Objects.requireNonNull(tokens);
        this.passwords = Objects.requireNonNull(passwords);
        this.metrics = Objects.requireNonNull(metrics);
    }

    /** Binds {@code listenAddress:httpsPort} from the current configuration (changes apply at the next start). */
    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        EdgeSettings settings = config.get().settings();
        clientTls = certificates.clientSslContext();
        backends = new BackendLeg(() -> clientTls, () -> limits);
        tls = new EdgeSslContextFactory(certificates::serverSslContext);
        if (proxyMetrics == null) {
            proxyMetrics = new ProxyMetrics(metrics.registry());
        }

        QueuedThreadPool pool = new QueuedThreadPool(200, 8);
        pool.setName("collabedge-https");
        Server jetty = new Server(pool);
        jetty.setStopAtShutdown(false);
        HttpConfiguration http = httpConfiguration(limits);
        List<ConnectionFactory> factories = new ArrayList<>();
        ConnectionFactory[] upgrades = Http2Support.available() ? Http2Support.factories(http)
                : new ConnectionFactory[0];
        factories.add(new SslConnectionFactory(tls, upgrades.length > 0 ? upgrades[0].getProtocol() : "http/1.1"));
        factories.addAll(List.of(upgrades));
        factories.add(new HttpConnectionFactory(http));
        ServerConnector sc = new ServerConnector(jetty, 1, -1, factories.toArray(ConnectionFactory[]::new));
        sc.setHost(settings.listenAddress());
        sc.setPort(settings.httpsPort());
        sc.setIdleTimeout(limits.clientIdleTimeout().toMillis());
        ConnectionGate gate = new ConnectionGate(protection.gate());
        sc.getSelectorManager().addEventListener(gate);
        sc.addEventListener(gate);
        jetty.addConnector(sc);

        ProxyHandler proxy = new ProxyHandler(config, allowList,
                new EdgeAuthenticator(passwords, tokens, protection.rateControl()), protection.events(), backends,
                proxyMetrics, sc::getLocalPort);
        jetty.setHandler(new Handler.Sequence(new ReservedPaths(endpoints), proxy));
        jetty.setErrorHandler(new ProtocolErrorHandler(protection.events()));
        banSubscription = protection.gate().onBan(gate::closeAllFrom);
        if (!followingIdentity) {
            // CertificateService has no unsubscribe: subscribe once per HttpEdge; a stopped edge ignores the call.
            certificates.onIdentityChanged(this::identityChanged);
            followingIdentity = true;
        }
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            closeQuietly(banSubscription);
            backends.close();
            throw e;
        }
        server = jetty;
        connector = sc;
        httpConfiguration = http;
        LOG.info("HTTPS edge listening on {}:{} ({})", settings.listenAddress(), sc.getLocalPort(),
                upgrades.length > 0 ? "HTTP/2 and HTTP/1.1" : "HTTP/1.1");
    }

    private static HttpConfiguration httpConfiguration(ProxyLimits limits) {
        HttpConfiguration http = new HttpConfiguration();
        // Jetty must neither reject nor rewrite ambiguous targets before the proxy's own parser decides on the raw
        // form; the framing rules (CL+TE, duplicate CL, bad chunking) stay strict.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setHttpCompliance(HttpCompliance.RFC7230);
        http.setRequestHeaderSize(limits.requestHeaderBytes());
        http.setResponseHeaderSize(ProxyLimits.RESPONSE_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(false);
        // Clients may name the edge by address or by a name the certificate does not carry (before the admin
        // uploads one); the host name is not an access decision here, so Jetty's SNI/Host check stays off.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        secure.setSniRequired(false);
        http.addCustomizer(secure);
        return http;
    }

    private void identityChanged() {
        EdgeSslContextFactory current = tls;
        if (current != null) {
            clientTls = certificates.clientSslContext();
            current.refresh();
        }
    }

    public synchronized void stop() {
        Server jetty = server;
        if (jetty == null) {
            return;
        }
        server = null;
        connector = null;
        httpConfiguration = null;
        closeQuietly(banSubscription);
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("HTTPS edge did not stop cleanly", e);
        }
        backends.close();
        tls = null;
        LOG.info("HTTPS edge stopped");
    }

    /**
     * Applies new limits without a restart: body size and the backend time-outs and connection bound from the next
     * request on, the client idle time-out and the request header size from the next client connection on (Jetty
     * reads both when it sets a connection up).
     */
    public synchronized void limits(ProxyLimits newLimits) {
        limits = Objects.requireNonNull(newLimits);
        if (connector != null) {
            connector.setIdleTimeout(newLimits.clientIdleTimeout().toMillis());
            httpConfiguration.setRequestHeaderSize(newLimits.requestHeaderBytes());
        }
    }

    public ProxyLimits limits() {
        return limits;
    }

    /** Takes the limits from the operator's settings, now and after every change (live). */
    public void follow(ProxySettingsService proxySettings) {
        settings = Objects.requireNonNull(proxySettings);
        proxySettings.follow(s -> limits(s.limits()));
    }

    /** The operator's HTTP proxy settings (null until {@link #follow} was called, as in tests). */
    public ProxySettingsService settings() {
        return settings;
    }

    /**
     * Why a configuration change waits for a restart of the HTTPS edge (its address or port changed), or null.
     * The listener binds at start; everything else it reads per request.
     */
    public static String restartReason(EdgeConfig before, EdgeConfig after) {
        EdgeSettings b = before.settings();
        EdgeSettings a = after.settings();
        if (b.httpsPort() != a.httpsPort() || !b.listenAddress().equals(a.listenAddress())) {
            return "HTTPS edge listener: new address or port " + a.listenAddress() + ":" + a.httpsPort();
        }
        return null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The bound port (differs from the configured one when that was 0). */
    public synchronized int port() {
        if (connector == null) {
            throw new IllegalStateException("HTTPS edge is not running");
        }
        return connector.getLocalPort();
    }

    /** Whether Jetty may run the handlers on the thread that parsed a request (NON_BLOCKING) or hands each over. */
    synchronized org.eclipse.jetty.util.thread.Invocable.InvocationType invocationType() {
        if (server == null) {
            throw new IllegalStateException("HTTPS edge is not running");
        }
        return server.getInvocationType();
    }

    public ProxyMetrics proxyMetrics() {
        return proxyMetrics;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribe failed", e);
            }
        }
    }
}
