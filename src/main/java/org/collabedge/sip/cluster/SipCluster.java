package org.collabedge.sip.cluster;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;

import gov.nist.javax.sip.SipStackImpl;
import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cluster.EdgeNode;
import org.collabedge.cluster.NodeDirectory;
import org.collabedge.config.EdgeSettings;
import org.collabedge.protection.AccessGate;
import org.collabedge.sip.proxy.PeerLink;
import org.collabedge.sip.transport.Flow;
import org.collabedge.sip.transport.PeerTransport;
import org.collabedge.sip.transport.StackContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP edge's node-to-node path. Each node opens one TLS listener on its internal address (the
 * {@link PeerSettings}) on the SIP stack it already runs, and advertises it in the node directory as
 * {@value #ADVERTISED} = {@code tls:<host>:<port>}. A request for a flow another node holds goes there; that node
 * sends it over the flow. Both ends of a peer connection present the edge certificate the nodes share and accept only
 * that certificate, so no outside party can speak on this path.
 */
public final class SipCluster implements PeerLink {

    public static final String ADVERTISED = "sip.peer";
    private static final Logger LOG = LoggerFactory.getLogger(SipCluster.class);

    private final NodeDirectory directory;
    private final Supplier<EdgeIdentity> identity;
    private final Supplier<PeerSettings> settings;
    private volatile PeerTransport transport;
    private volatile SipProvider provider;
    private volatile ListeningPoint point;
    private volatile SipStackImpl stack;
    private volatile String problem;

    /**
     * @param identity the edge identity every node presents to the others
     * @param settings where this node's peer listener listens (read at each open)
     */
    public SipCluster(NodeDirectory directory, Supplier<EdgeIdentity> identity, Supplier<PeerSettings> settings) {
        this.directory = Objects.requireNonNull(directory);
        this.identity = Objects.requireNonNull(identity);
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * Opens the peer listener on a running stack and advertises it. A listener that cannot open leaves this node
     * without the peer path (requests for other nodes' flows then fail with 480) and is named in {@link #problem()}.
     */
    public synchronized void open(SipStackImpl stack, String stackName, EdgeSettings edge, AccessGate gate,
                                  SipListener listener) {
        close();
        PeerSettings s = settings.get();
        String bind = bindAddress(s, edge);
        PeerTransport t = new PeerTransport(identity, gate, this::isPeerEndpoint);
        StackContexts.add(stackName, PeerTransport.PROPERTY, t);
        try {
            int port = s.port() > 0 ? s.port() : freePort(bind);
            ListeningPoint lp = t.opening(() -> stack.createListeningPoint(bind, port, "TLS"));
            SipProvider p = stack.createSipProvider(lp);
            p.addSipListener(listener);
            this.stack = stack;
            this.point = lp;
            this.transport = t;
            this.provider = p;
            this.problem = null;
            String host = advertisedHost(bind);
            directory.advertise(ADVERTISED, "tls:" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + lp.getPort());
            LOG.info("SIP node-to-node listener on {}:{} (TLS, cluster certificate required)", bind, lp.getPort());
        } catch (Exception e) {
            problem = "SIP node-to-node listener on " + bind + ":" + s.port() + " could not be opened: "
                    + e.getMessage();
            LOG.warn(problem);
        }
    }

    /** Withdraws the advertisement and closes the listener and its connections (before the stack stops). */
    public synchronized void close() {
        directory.withdraw(ADVERTISED);
        SipProvider p = provider;
        provider = null;
        PeerTransport t = transport;
        transport = null;
        if (p != null) {
            try {
                p.removeSipListener(((gov.nist.javax.sip.SipProviderImpl) p).getSipListener());
                p.removeListeningPoint(point);
                stack.deleteSipProvider(p);
                stack.deleteListeningPoint(point);
            } catch (Exception e) {
                LOG.debug("Closing the SIP node-to-node listener failed", e);
            }
        }
        if (t != null) {
            t.closeAll();
        }
        point = null;
        stack = null;
    }

    /** Why the peer listener is not open, or null. */
    public String problem() {
        return problem;
    }

    /** The port the peer listener is bound to, 0 when closed. */
    @Override
    public int ownPeerPort() {
        ListeningPoint lp = point;
        return lp == null ? 0 : lp.getPort();
    }

    @Override
    public String nodeId() {
        return directory.nodeId();
    }

    @Override
    public boolean running(String nodeId) {
        return directory.node(nodeId).isPresent();
    }

    @Override
    public Optional<Flow> peerHop(String nodeId) {
        if (nodeId.equals(directory.nodeId())) {
            return Optional.empty();
        }
        return directory.node(nodeId).flatMap(n -> n.endpoint(ADVERTISED)).flatMap(PeerAddress::parse);
    }

    @Override
    public boolean isPeerHop(Flow hop) {
        return otherNodes().stream().map(n -> n.endpoint(ADVERTISED).flatMap(PeerAddress::parse))
                .anyMatch(a -> a.isPresent() && PeerAddress.same(a.get(), hop));
    }

    @Override
    public SipProvider provider() {
        return provider;
    }

    @Override
    public boolean fromPeer(Flow from) {
        PeerTransport t = transport;
        return t != null && t.fromPeer(from);
    }

    private boolean isPeerEndpoint(InetAddress address, int port) {
        return isPeerHop(new Flow("TLS", address.getHostAddress(), port));
    }

    private List<EdgeNode> otherNodes() {
        return directory.nodes().stream().filter(n -> !n.nodeId().equals(directory.nodeId())).toList();
    }

    /** The configured address, else the edge's listen address when it names one, else this host's address. */
    static String bindAddress(PeerSettings s, EdgeSettings edge) {
        if (!s.address().isEmpty()) {
            return unbracket(s.address());
        }
        String listen = edge.listenAddress() == null ? "" : unbracket(edge.listenAddress().trim());
        if (!listen.isEmpty() && !isWildcard(listen)) {
            return listen;
        }
        return hostAddress();
    }

    private static String advertisedHost(String bind) {
        return isWildcard(bind) ? hostAddress() : bind;
    }

    private static String hostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    private static String unbracket(String a) {
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    /** JAIN-SIP refuses port 0: a free port is picked here and bound at once by the stack. */
    private static int freePort(String bind) throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        }
    }
}
