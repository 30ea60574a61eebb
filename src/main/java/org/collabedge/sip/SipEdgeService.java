package org.collabedge.sip;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.sip.SipProvider;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.config.ConfigListener;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.host.HostContext;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.sip.auth.EdgeAuthenticator;
import org.collabedge.sip.auth.NonceCounts;
import org.collabedge.sip.auth.NonceFactory;
import org.collabedge.sip.auth.SipSecretLookup;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.WebSocketOrigins;
import org.collabedge.sip.proxy.EdgeAddresses;
import org.collabedge.sip.proxy.EdgeProxy;
import org.collabedge.sip.proxy.InitialRequests;
import org.collabedge.sip.proxy.InternalCallControl;
import org.collabedge.sip.proxy.NextHops;
import org.collabedge.sip.proxy.FlowToken;
import org.collabedge.sip.proxy.RouteSeal;
import org.collabedge.sip.proxy.TopologyHiding;
import org.collabedge.sip.dns.SipDnsResolver;
import org.collabedge.sip.proxy.RequestForwarder;
import org.collabedge.sip.registrar.LocationStore;
import org.collabedge.sip.registrar.Registrar;
import org.collabedge.sip.registrar.RelayedRegistrations;
import org.collabedge.sip.status.CallLog;
import org.collabedge.sip.status.CallRecord;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.collabedge.sip.status.SipStatus;
import org.collabedge.sip.transport.FlowTable;
import org.collabedge.sip.transport.SipListeners;
import org.collabedge.sip.transport.StackContexts;
import org.collabedge.sip.transport.StackProperties;
import org.collabedge.sip.transport.TransportContext;
import org.collabedge.sip.validation.RequestValidator;
import org.collabedge.sip.validation.ValveContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP edge: registrar for edge-owned domains and authenticating proxy for remote clients, on the listeners
 * EdgeSettings opens. Built by the core after the certificate service; {@link #stop()} closes every listener,
 * connection and stack thread. Follows changes of the SIP listener settings by reopening its listeners.
 */
public final class SipEdgeService implements SipStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SipEdgeService.class);
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    /** Nonces whose counts one node remembers (about 150 bytes each); beyond it the oldest turn stale. */
    private static final int NONCE_MEMORY = 100_000;

    /** What the service is built from. */
    public record Dependencies(HostContext host, Supplier<EdgeConfig> config, Supplier<SipConfig> sipConfig,
                               Supplier<SSLContext> serverTls, Supplier<SSLContext> clientTls, Protection protection,
                               TokenVerifier tokens, SipSecretLookup secrets, EdgeMetrics metrics, SdpRewriter sdp) {
        public Dependencies {
            Objects.requireNonNull(host);
            Objects.requireNonNull(config);
            Objects.requireNonNull(sipConfig);
            Objects.requireNonNull(protection);
        }
    }

    private final Dependencies deps;
    private final FlowTable flows = new FlowTable();
    private final SipMessages sip = new SipMessages();
    private final LocationStore location;
    private final RelayedRegistrations relayed;
    private final CallLog calls;
    private final PresenceBridge presence;
    private final SipMetrics metrics;
    private volatile SipListeners listeners;
    private volatile EdgeAddresses addresses;
    private volatile org.collabedge.sip.cluster.SipCluster cluster;
    private String stackName;
    private EdgeProxy proxy;
    /** RFC 3263 lookups of next hops; the host's name servers unless a test points it elsewhere. */
    private volatile SipDnsResolver dns = SipDnsResolver.system();
    private RouteSeal routeSeal;
    private AutoCloseable banRegistration;
    private java.util.concurrent.ScheduledExecutorService sweeper;
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

    public SipEdgeService(Dependencies deps) {
        this.deps = deps;
        HostContext host = deps.host();
        this.location = new LocationStore(host.sharedState(), host.clock());
        this.relayed = new RelayedRegistrations(host.sharedState(), host.clock());
        this.calls = new CallLog(host.sharedState(), host.nodeId(), host.clock());
        this.presence = new PresenceBridge(host.users(), host.presence());
        this.metrics = new SipMetrics(deps.metrics(), () -> location.all().size(),
                () -> (int) calls.currentCalls().stream().filter(c -> c.nodeId().equals(host.nodeId())).count(),
                flows::openCount);
        flows.onClose(flow -> location.flowClosed(host.nodeId(), flow));
    }

    /**
     * Joins the cluster's node-to-node path (before {@link #start()}): requests for flows other nodes hold go to
     * them, and this node delivers what they hand over. Without it the service is a single node.
     */
    public void joinCluster(org.collabedge.sip.cluster.SipCluster sipCluster) {
        this.cluster = Objects.requireNonNull(sipCluster);
    }

    /** Reopens the node-to-node listener after its settings changed. */
    public synchronized void reopenPeerListener() {
        SipListeners l = listeners;
        org.collabedge.sip.cluster.SipCluster c = cluster;
        if (l != null && c != null) {
            c.open(l.stack(), stackName, deps.config().get().settings(), deps.protection().gate(), proxy);
        }
    }

    public synchronized void start() {
        banRegistration = deps.protection().gate().onBan(flows::closeAllFrom);
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collabedge-sip-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweepExpired, SWEEP_INTERVAL.toSeconds(), SWEEP_INTERVAL.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
        openListeners(deps.config().get().settings());
    }

    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            try {
                sweeper.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sweeper = null;
        }
        closeListeners();
        try {
            if (banRegistration != null) {
                banRegistration.close();
            }
        } catch (Exception e) {
            LOG.debug("Unregistering from bans failed", e);
        }
    }

    /** Announces "unavailable" for users whose last binding lapsed without an un-REGISTER (runs every 30 s). */
    public void sweepExpired() {
        try {
            presence.sweep(aor -> !location.lookup(aor).isEmpty());
        } catch (RuntimeException e) {
            LOG.debug("Presence sweep failed", e);
        }
    }

    /** Reopens the listeners when their settings change; returns a restart reason only if reopening failed. */
    public ConfigListener configListener() {
        return (before, after) -> {
            if (listenersChanged(before.settings(), after.settings())) {
                synchronized (this) {
                    if (!retunedWebSocketOnly(before.settings(), after.settings())) {
                        closeListeners();
                        openListeners(after.settings());
                    }
                    SipListeners l = listeners;
                    if (l != null && !l.problems().isEmpty()) {
                        return String.join("; ", l.problems());
                    }
                }
            }
            return null;
        };
    }

    /** Open listeners: transport ("TLS", "TCP", "UDP") to port. */
    public Map<String, Integer> ports() {
        SipListeners l = listeners;
        return l == null ? Map.of() : l.ports();
    }

    /** Listeners that could not be opened, with the reason. */
    public List<String> problems() {
        SipListeners l = listeners;
        List<String> out = new java.util.ArrayList<>(l == null ? List.of() : l.problems());
        org.collabedge.sip.cluster.SipCluster c = cluster;
        if (c != null && c.problem() != null) {
            out.add(c.problem());
        }
        return out;
    }

    private void openListeners(EdgeSettings settings) {
        EdgeAddresses edge = addressesFor(settings);
        addresses = edge;
        TransportContext transport = new TransportContext(flows, deps.protection().gate(), deps.serverTls(),
                deps.clientTls());
        RequestValidator validator = new RequestValidator(() -> addresses.sentBy());
        ValveContext valve = new ValveContext(validator, deps.protection().events(),
                refusal -> metrics.failure("protocol"));
        try {
            stackName = SipListeners.newStackName(deps.host().nodeId());
            proxy = proxy();
            listeners = SipListeners.start(settings.listenAddress(), SipListeners.wanted(settings),
                    StackProperties.of(stackName, transport, valve), proxy);
            // Read at every WebSocket handshake, so a change on the SIP settings page applies to the next one.
            StackContexts.add(stackName, WebSocketOrigins.PROPERTY, new WebSocketOrigins(
                    () -> deps.sipConfig().get().settings().allowedWebSocketOrigins()));
            if (cluster != null) {
                cluster.open(listeners.stack(), stackName, settings, deps.protection().gate(), proxy);
            }
            // Rewrite our names with the ports actually bound (port 0 in tests picks a free one).
            addresses = new EdgeAddresses(edge.publicHost(), edge.localHosts(), listeners.ports(), sip,
                    edge.tokens());
        } catch (Exception e) {
            LOG.warn("SIP edge could not start its stack: {}", e.toString());
            listeners = null;
        }
    }

    private void closeListeners() {
        SipListeners l = listeners;
        listeners = null;
        if (cluster != null) {
            cluster.close(); // its provider lives on the stack: gone before the stack stops
        }
        if (l != null) {
            l.stop();
        }
        flows.closeAll();
    }

    /** Uses another DNS resolver for next hops (tests: a loopback name server); takes effect at once. */
    public void useDns(SipDnsResolver resolver) {
        this.dns = java.util.Objects.requireNonNull(resolver);
    }

    private EdgeProxy proxy() {
        HostContext host = deps.host();
        Supplier<SipProvider> provider = () -> {
            SipListeners l = listeners;
            if (l == null || l.provider() == null) {
                throw new IllegalStateException("SIP edge is not listening");
            }
            return l.provider();
        };
        Supplier<EdgeAddresses> edge = () -> addresses;
        RequestForwarder forwarder = new RequestForwarder(provider, sip, edge, deps.sdp(), callEvents(), peers());
        EdgeAuthenticator auth = new EdgeAuthenticator(deps.secrets(), deps.tokens(), deps::protection,
                new NonceFactory(host.clock(), NONCE_LIFETIME),
                new NonceCounts(host.clock(), NONCE_LIFETIME, NONCE_MEMORY), () -> deps.sipConfig().get().settings());
        Registrar registrar = new Registrar(location, sip, () -> deps.sipConfig().get().settings(), host.clock(),
                host.nodeId(), presence);
        EdgeProxy.Flows flowState = flow -> flows.state(flow) == FlowState.CLOSED;
        InternalCallControl internal = new InternalCallControl(deps.config(),
                new NextHops(() -> dns, () -> edge.get().ports().keySet()));
        InitialRequests initial = new InitialRequests(sip, deps.config(), deps.sipConfig(), auth, registrar,
                location, forwarder, flowState, host::nodeId, calls, metrics, internal, relayed);
        EdgeProxy proxy = new EdgeProxy(provider, sip, edge, forwarder, initial, () -> flowState, metrics,
                deps.protection().events());
        // Outside clients see the edge, not the hops behind it; the sealing key is shared by all nodes.
        RouteSeal seal = routeSeal();
        proxy.hideTopology(new TopologyHiding(sip, () -> seal));
        return proxy;
    }

    /**
     * The key shared by all nodes through the secret store: seals hidden route entries and authenticates flow
     * tokens. Created on first use, since it may write a fresh key to the store.
     */
    private synchronized RouteSeal routeSeal() {
        if (routeSeal == null) {
            routeSeal = new RouteSeal(deps.host().secrets(), deps.host().sharedState());
        }
        return routeSeal;
    }

    private org.collabedge.sip.proxy.PeerLink peers() {
        org.collabedge.sip.proxy.PeerLink c = cluster;
        return c == null ? org.collabedge.sip.proxy.PeerLink.NONE : c;
    }

    private RequestForwarder.CallEvents callEvents() {
        return new RequestForwarder.CallEvents() {
            @Override
            public void answered(String callId, int status) {
                calls.answered(callId, status);
                partiesOf(callId).forEach(presence::callStarted);
            }

            @Override
            public void ended(String callId, int status, String reason) {
                List<String> parties = partiesOf(callId);
                calls.ended(callId, status, reason);
                parties.forEach(presence::callEnded);
            }

            @Override
            public void responded(int status) {
                metrics.response(status);
                if (status == 480) {
                    metrics.failure("unavailable");
                }
            }
        };
    }

    /** Users of edge-owned domains taking part in a call of this node. */
    private List<String> partiesOf(String callId) {
        EdgeConfig config = deps.config().get();
        return calls.currentCalls().stream().filter(c -> c.callId().equals(callId))
                .flatMap(c -> java.util.stream.Stream.of(c.from(), c.to()))
                .map(SipEdgeService::userAndDomain).filter(Objects::nonNull)
                .filter(ud -> config.domain(ud[1]).map(d -> d.sipOnEdge()).orElse(false))
                .map(ud -> ud[0]).toList();
    }

    private static String[] userAndDomain(String uri) {
        String u = uri.replaceFirst("^sips?:", "");
        int at = u.indexOf('@');
        if (at <= 0) {
            return null;
        }
        String domain = u.substring(at + 1).replaceAll("[:;>].*$", "");
        return new String[] {u.substring(0, at), domain};
    }

    private EdgeAddresses addressesFor(EdgeSettings s) {
        Set<String> local = new HashSet<>();
        String listen = s.listenAddress() == null ? "" : s.listenAddress().replace("[", "").replace("]", "");
        if (!listen.isBlank() && !listen.equals("0.0.0.0") && !listen.equals("::")) {
            local.add(listen);
        } else {
            local.add("127.0.0.1");
            try {
                local.add(InetAddress.getLocalHost().getHostAddress());
            } catch (java.net.UnknownHostException e) {
                LOG.debug("No local host address", e);
            }
        }
        return new EdgeAddresses(s.publicHostName(), local, SipListeners.wanted(s), sip,
                new FlowToken(routeSeal(), deps.host().clock()));
    }

    /** Applies a change of the WebSocket listener alone without reopening the others (and their connections). */
    private boolean retunedWebSocketOnly(EdgeSettings a, EdgeSettings b) {
        Map<String, Integer> before = new java.util.HashMap<>(SipListeners.wanted(a));
        Map<String, Integer> after = new java.util.HashMap<>(SipListeners.wanted(b));
        Integer wss = after.remove("WSS");
        before.remove("WSS");
        SipListeners l = listeners;
        if (l == null || !before.equals(after) || !Objects.equals(a.listenAddress(), b.listenAddress())
                || !Objects.equals(a.publicHostName(), b.publicHostName()) || !l.retuneWebSocket(wss)) {
            return false;
        }
        addresses = new EdgeAddresses(addresses.publicHost(), addresses.localHosts(), l.ports(), sip,
                addresses.tokens());
        return true;
    }

    private static boolean listenersChanged(EdgeSettings a, EdgeSettings b) {
        return !SipListeners.wanted(a).equals(SipListeners.wanted(b))
                || !Objects.equals(a.listenAddress(), b.listenAddress())
                || !Objects.equals(a.publicHostName(), b.publicHostName());
    }

    @Override
    public List<RegistrationView> registrations() {
        String node = deps.host().nodeId();
        org.collabedge.sip.proxy.PeerLink link = peers();
        Map<String, Boolean> running = new java.util.HashMap<>(); // one directory read per node, not per binding
        java.util.function.Predicate<String> live = id -> running.computeIfAbsent(id, link::running);
        List<RegistrationView> views = location.all().stream().flatMap(set -> set.bindings().stream().map(b ->
                new RegistrationView(
                set.addressOfRecord(), b.contact(), b.flow().transport(), b.flow().host() + ":" + b.flow().port(),
                Instant.ofEpochMilli(b.expiresAt()), b.nodeId(),
                b.flowClosed() || !live.test(b.nodeId()) ? FlowState.CLOSED : b.nodeId().equals(node) ? flows.state(b.flow())
                        : b.flow().reliable() ? FlowState.OPEN : FlowState.DATAGRAM,
                b.userAgent(), false))).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        for (RelayedRegistrations.Relayed r : relayed.all()) {
            views.add(new RegistrationView(r.addressOfRecord(), r.contact(), r.flow().transport(),
                    r.flow().host() + ":" + r.flow().port(), Instant.ofEpochMilli(r.expiresAt()), r.nodeId(),
                    r.nodeId().equals(node) ? flows.state(r.flow())
                            : r.flow().reliable() ? FlowState.OPEN : FlowState.DATAGRAM, r.userAgent(), true));
        }
        return views;
    }

    @Override
    public List<CallRecord> currentCalls() {
        return calls.currentCalls();
    }

    @Override
    public List<CallRecord> callHistory() {
        return calls.history();
    }
}
