package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.protection.AccessGate;
import org.collabedge.sip.status.FlowState;

/**
 * The sockets of the node-to-node SIP path, for the stack's network layer: the peer listener (opened inside
 * {@link #opening}) and outbound connections to the addresses other nodes advertise, both over {@link ClusterTrust}
 * mutual TLS. Connections accepted by the peer listener are kept apart from client flows, so a request is known to
 * come from another node only when it arrived over one of them.
 */
public final class PeerTransport {

    /** Key under which the stack's network layer finds this object ({@link StackContexts}). */
    public static final String PROPERTY = "org.collabedge.sip.PEER_TRANSPORT";

    private static final ThreadLocal<PeerTransport> OPENING = new ThreadLocal<>();

    private final ClusterTrust trust;
    private final AccessGate gate;
    private final BiPredicate<InetAddress, Integer> peerEndpoint;
    private final FlowTable peerFlows = new FlowTable();

    /**
     * @param identity     the edge identity every node shares
     * @param peerEndpoint whether an address and port is another node's advertised peer listener
     */
    public PeerTransport(Supplier<EdgeIdentity> identity, AccessGate gate,
                         BiPredicate<InetAddress, Integer> peerEndpoint) {
        this.trust = new ClusterTrust(identity);
        this.gate = gate;
        this.peerEndpoint = peerEndpoint;
    }

    /** Runs {@code open} (which creates the stack's listening point) so that its TLS server socket is the peer one. */
    public <T> T opening(Callable<T> open) throws Exception {
        OPENING.set(this);
        try {
            return open.call();
        } finally {
            OPENING.remove();
        }
    }

    /** The peer transport whose listener is being opened on this thread, or null. */
    static PeerTransport openingNow() {
        return OPENING.get();
    }

    SSLServerSocket serverSocket(int port, int backlog, InetAddress bind) throws IOException {
        return new PeerTlsServerSocket(port, backlog, bind, peerFlows, gate, trust);
    }

    boolean isPeerEndpoint(InetAddress address, int port) {
        return peerEndpoint.test(address, port);
    }

    /** TLS over a connected socket to another node, presenting and expecting the cluster certificate. */
    SSLSocket connect(Socket plain, InetAddress address, int port) throws IOException {
        SSLSocket tls = (SSLSocket) trust.context().getSocketFactory()
                .createSocket(plain, address.getHostAddress(), port, true);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(ClusterTrust.PROTOCOLS);
        return tls;
    }

    /** Whether a flow is an open connection another node made to this node's peer listener. */
    public boolean fromPeer(Flow flow) {
        return flow.reliable() && peerFlows.state(flow) == FlowState.OPEN;
    }

    /** Closes every connection other nodes made to this one (on stop). */
    public void closeAll() {
        peerFlows.closeAll();
    }
}
