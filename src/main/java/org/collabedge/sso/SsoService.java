package org.collabedge.sso;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import net.shibboleth.utilities.java.support.xml.ParserPool;
import org.collabedge.auth.IdentityPolicy;
import org.collabedge.auth.SsoDomains;
import org.collabedge.auth.IssuedTokens;
import org.collabedge.auth.SsoMode;
import org.collabedge.auth.TokenIssuer;
import org.collabedge.auth.TokenSource;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.config.ConfigService;
import org.collabedge.config.DocumentCodec;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.host.HostContext;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.metrics.EdgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's SAML 2.0 service provider: identity providers and their domains ({@link SsoSettingsEditor}), our
 * metadata ({@link SpAddresses}), SP-initiated sign-in, the assertion consumer service, and {@code /get_edge_sso}.
 * Built and started by the core; its servlets ({@link #endpoints()}) are mounted by the HTTPS edge listener.
 */
public final class SsoService {

    public static final String DOCUMENT = "sso-config";
    private static final Logger LOG = LoggerFactory.getLogger(SsoService.class);

    private final HostContext host;
    private final ConfigService config;
    private final ExternalChanges externalChanges;
    private final TokenIssuer tokens;
    private final IdentityPolicy policy;
    private final SharedDocument<SsoSettings> document;
    private final SsoStatistics statistics;
    private final OutstandingRequests outstanding;
    private final ReplayCache replay;
    private final Supplier<SSLContext> metadataTls;
    private final NodeDirectory nodes;
    private final InternalSsoCheck internalCheck;
    private final Map<IdentityProvider, IdpMetadata> parsed = new ConcurrentHashMap<>();
    private ParserPool parser;
    private ResponseValidator validator;
    private SsoSettingsEditor editor;
    private volatile SpCredentials sp;
    private ExternalChanges.Subscription subscription = ExternalChanges.Subscription.NONE;

    /**
     * @param metadataTls TLS for fetching IdP metadata by URL and asking internal call control whether SSO is
     *                    available (the edge's client context: trusted CAs, verified)
     * @param nodes       the node directory: this node's public name and HTTPS port, and the other nodes' for export
     */
    public SsoService(HostContext host, ConfigService config, ExternalChanges externalChanges,
                      RestartNotices restartNotices, EdgeMetrics metrics, TokenIssuer tokens, IdentityPolicy policy,
                      Supplier<SSLContext> metadataTls, NodeDirectory nodes) {
        this.host = Objects.requireNonNull(host);
        this.config = Objects.requireNonNull(config);
        this.externalChanges = Objects.requireNonNull(externalChanges);
        this.tokens = Objects.requireNonNull(tokens);
        this.policy = Objects.requireNonNull(policy);
        this.metadataTls = Objects.requireNonNull(metadataTls);
        this.nodes = Objects.requireNonNull(nodes);
        this.internalCheck = new InternalSsoCheck(metadataTls, host.clock());
        this.document = new SharedDocument<>(DOCUMENT, new DocumentCodec<>(SsoSettings.class, 1),
                SsoSettings::defaults, host.configStore(), host.sharedState(), restartNotices);
        this.statistics = new SsoStatistics(host.sharedState(), metrics);
        this.outstanding = new OutstandingRequests(host.sharedState());
        this.replay = new ReplayCache(host.sharedState());
    }

    public synchronized void start() {
        parser = OpenSaml.start();
        document.load();
        validator = new ResponseValidator(parser, outstanding, replay, host.users(), host.clock());
        editor = new SsoSettingsEditor(document, config, new IdpMetadataParser(parser),
                new MetadataFetcher(metadataTls));
        subscription = externalChanges.subscribe(document);
        sp = loadOrCreateCredentials();
        document.addListener(follower);
    }

    /** Drops parsed metadata of replaced IdPs, and follows a new SP key made on another node. */
    private final org.collabedge.config.DocumentListener<SsoSettings> follower = (before, after) -> {
        parsed.keySet().retainAll(after.identityProviders());
        forgetInternalAnswers(before, after);
        if (!Objects.equals(before.spCertificate(), after.spCertificate())) {
            sp = loadOrCreateCredentials();
        }
        return null;
    };

    /** Answers got with other settings no longer count. */
    private void forgetInternalAnswers(SsoSettings before, SsoSettings after) {
        if (!before.internalCheck().equals(after.internalCheck())) {
            internalCheck.clear();
        }
    }

    public synchronized void stop() {
        document.removeListener(follower);
        subscription.close();
    }

    /** Generated once for the whole cluster, under the document's lock, so every node signs with the same key. */
    private SpCredentials loadOrCreateCredentials() {
        Optional<SpCredentials> stored = SpCredentials.load(document.current().spCertificate(), host.secrets());
        if (stored.isPresent()) {
            return stored.get();
        }
        SsoSettings after = document.change(s -> {
            if (SpCredentials.load(s.spCertificate(), host.secrets()).isPresent()) {
                return s;
            }
            SpCredentials fresh = SpCredentials.generate(host.clock());
            fresh.storeKey(host.secrets());
            return s.withSpCertificate(fresh.certificatePem());
        });
        return SpCredentials.load(after.spCertificate(), host.secrets()).orElseThrow();
    }

    /**
     * Replaces the SP key, cluster-wide, with a fresh one of {@code type}. Every IdP must then import our metadata
     * again: until it does, it encrypts to the old key and checks our requests against it.
     */
    public SpCredentials replaceSpKey(SpKeyType type) {
        SsoSettings after = document.change(s -> {
            SpCredentials fresh = SpCredentials.generate(host.clock(), type);
            fresh.storeKey(host.secrets());
            return s.withSpCertificate(fresh.certificatePem());
        });
        sp = SpCredentials.load(after.spCertificate(), host.secrets()).orElseThrow();
        LOG.info("SAML service provider key replaced ({}); import the SP metadata at every IdP again", type);
        return sp;
    }

    public SsoSettings settings() {
        return document.current();
    }

    public SsoSettingsEditor editor() {
        return editor;
    }

    public IdentityPolicy policy() {
        return policy;
    }

    public SsoStatistics statistics() {
        return statistics;
    }

    public SpCredentials spCredentials() {
        return sp;
    }

    /** This node's addresses: its own public host name and HTTPS port, as the node directory has them. */
    public SpAddresses addresses() {
        return SpAddresses.of(nodes.self(), config.current());
    }

    public Optional<IdpMetadata> idpMetadata(String entityId) {
        return settings().identityProvider(entityId).map(i -> parsed.computeIfAbsent(i,
                k -> new IdpMetadataParser(parser).parse(k.metadata())));
    }

    /** This node's SP metadata for a deployment (null: the default deployment), as {@code /edge/sso/metadata} serves. */
    public String spMetadata(String deploymentId) {
        SpAddresses a = addresses();
        return SpMetadataWriter.write(a.entityId(deploymentId), a.acsUrl(), sp);
    }

    boolean deploymentMissing(String deploymentId) {
        return config.current().deployment(deploymentId).isEmpty();
    }

    /** Every running node's metadata per deployment, for the export page (each node under its own name). */
    public SpMetadataExport export() {
        return new SpMetadataExport(nodes.nodes(), config.current(), sp);
    }

    /** The servlets the HTTPS edge listener serves. */
    public List<EdgeEndpoint> endpoints() {
        return List.of(new EdgeEndpoint(SpAddresses.LOGIN_PATH, new SsoLoginServlet(this)),
                new EdgeEndpoint(SpAddresses.ACS_PATH, new AssertionConsumerServlet(this)),
                new EdgeEndpoint(SpAddresses.METADATA_PATH, new SpMetadataServlet(this)),
                new EdgeEndpoint(SpAddresses.EDGE_SSO_PATH, new EdgeSsoQueryServlet(this)));
    }

    /**
     * The seed's {@code /get_edge_sso}: may this identity sign in by SSO? Off: never. Otherwise, with "check for
     * internal SSO availability" off, always (the seed: the edge "always responds true"). With it on: never for a
     * domain without an IdP; for a domain whose SIP is on internal call control, what that deployment's call-control
     * servers answer ({@link InternalSsoCheck}; no answer counts as false, so the client falls back to its
     * credentials); for a domain the edge itself serves (no internal call control), whether the directory knows the
     * user.
     */
    public boolean edgeSsoAvailable(String identity) {
        statistics.edgeSsoQuery();
        if (policy.ssoMode() == SsoMode.OFF) {
            return false;
        }
        if (!policy.checkInternalSsoAvailability()) {
            return true;
        }
        Identity id = Identity.parse(identity);
        if (id == null || settings().forDomain(id.domain()).isEmpty()) {
            return false;
        }
        EdgeConfig edge = config.current();
        boolean internal = edge.domain(id.domain()).map(d -> d.sipOnInternal()).orElse(false);
        List<org.collabedge.config.InternalServer> servers = internal
                ? InternalSsoCheck.callControl(edge, id.domain()) : List.of();
        if (servers.isEmpty()) {
            return host.users().lookup(id.user()).isPresent() || host.users().lookup(id.full()).isPresent();
        }
        InternalSsoCheck.Outcome outcome = internalCheck.ask(id.user(), id.domain(), servers,
                settings().internalCheck());
        statistics.internalCheck(outcome);
        return outcome == InternalSsoCheck.Outcome.AVAILABLE;
    }

    /**
     * Tells the identity service which users are SSO users: those whose identity ({@code user@domain}) names a domain
     * associated with an identity provider. A bare user name names no domain.
     */
    public SsoDomains ssoDomains() {
        return user -> {
            Identity id = Identity.parse(user);
            return id != null && settings().forDomain(id.domain()).isPresent();
        };
    }

    /** Starts SP-initiated sign-in for {@code identity}: the IdP redirect, remembered as outstanding. */
    public AuthnRequestEncoder.Redirect startLogin(String identity, String returnTo) throws SsoRefused {
        Identity id = Identity.parse(identity);
        if (policy.ssoMode() == SsoMode.OFF || id == null) {
            throw new SsoRefused(SsoFailure.SSO_OFF);
        }
        IdentityProvider idp = settings().forDomain(id.domain()).orElseThrow(() -> new SsoRefused(SsoFailure.SSO_OFF));
        IdpMetadata meta = idpMetadata(idp.entityId()).orElseThrow(() -> new SsoRefused(SsoFailure.SSO_OFF));
        EdgeConfig edge = config.current();
        SpAddresses addresses = SpAddresses.of(nodes.self(), edge);
        String deployment = edge.domain(id.domain()).map(d -> d.deploymentId()).orElse(null);
        String spEntityId = addresses.entityId(deployment);
        String relayState = AuthnRequestEncoder.newId().substring(1, 33);
        AuthnRequestEncoder.Redirect redirect = AuthnRequestEncoder.encode(meta, idp.digest(), spEntityId,
                addresses.acsUrl(), relayState, sp, host.clock().instant());
        outstanding.remember(redirect.requestId(),
                new OutstandingRequests.Pending(idp.entityId(), spEntityId, relayState, returnTo));
        statistics.request();
        return redirect;
    }

    /** What a successful sign-in yields for the client. */
    public record SignedIn(String user, IssuedTokens tokens, String returnTo) {
    }

    /** Checks a posted response; on success issues edge tokens. Every outcome is counted and logged. */
    public SignedIn acceptResponse(String samlResponse, String relayState, String remoteAddress) throws SsoRefused {
        try {
            if (policy.ssoMode() == SsoMode.OFF) {
                throw new SsoRefused(SsoFailure.SSO_OFF);
            }
            ResponseValidator.Accepted ok = validator.validate(samlResponse, new ResponseValidator.Expectations(
                    addresses().acsUrl(), settings(), this::idpMetadata, sp));
            if (relayState != null && !relayState.equals(ok.request().relayState())) {
                LOG.info("SAML response for {} came back with another RelayState; using the request's", ok.user());
            }
            IssuedTokens issued = tokens.issue(ok.user(), TokenSource.IDP); // may throw: no token service
            statistics.success();
            LOG.info("SSO sign-in of {} at {} from {}", ok.user(), ok.idpEntityId(), remoteAddress);
            return new SignedIn(ok.user(), issued, ok.request().returnTo());
        } catch (SsoRefused e) {
            statistics.failure(e.failure());
            if (e.failure() == SsoFailure.NO_UID) {
                LOG.warn("Invalid SAML Response from {}: No uid Attribute in Assertion from IdP", remoteAddress);
            } else {
                LOG.warn("Invalid SAML Response from {}: {}", remoteAddress, e.failure().logText());
            }
            throw e;
        }
    }

    /** {@code user@domain}, split; null when it is not of that form. */
    record Identity(String user, String domain) {
        static Identity parse(String identity) {
            if (identity == null) {
                return null;
            }
            String s = identity.trim();
            int at = s.lastIndexOf('@');
            if (at <= 0 || at == s.length() - 1 || s.length() > 320) {
                return null;
            }
            return new Identity(s.substring(0, at), s.substring(at + 1).toLowerCase(Locale.ROOT));
        }

        String full() {
            return user + "@" + domain;
        }
    }

}
