package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The sockets of the stack's blocking processors: the UDP listener, the node-to-node TLS listener, the WSS listener's
 * gated TLS server socket, and every outbound connection (TLS verifying the next hop's host name), also those the
 * NIO client listeners hand to {@link OutboundConnections}. The NIO client TCP/TLS listeners open their own server
 * channels and apply the gate and flow tracking in {@link NioAdmission} and their channels.
 */
public final class EdgeNetworkLayer implements NetworkLayer {

    private static final int CONNECT_TIMEOUT_MS = 5000;

    private volatile SipStackImpl stack;
    private volatile TransportContext context;

    /** Called while the stack is being built, before its properties are in place: the context is read later. */
    @Override
    public void setSipStack(SipStackImpl stack) {
        this.stack = stack;
    }

    private TransportContext context() {
        TransportContext c = context;
        if (c == null) {
            context = c = StackContexts.get(stack.getStackName(), TransportContext.PROPERTY, TransportContext.class);
        }
        return c;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bind) throws IOException {
        return new GatedServerSocket(port, backlog, bind, context().flows(), context().gate());
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bind) throws IOException {
        PeerTransport peer = PeerTransport.openingNow();
        if (peer != null) {
            return peer.serverSocket(port, backlog, bind);
        }
        return new TlsServerSocket(port, backlog, bind, context().flows(), context().gate(), context().serverTls(),
                "TLS");
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return createSocket(address, port, myAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        if (myAddress != null) {
            s.bind(new InetSocketAddress(myAddress, myPort));
        }
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return s;
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    /** Outbound TLS (static routes, internal servers): the peer's certificate must name the host we asked for. */
    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        Socket plain = createSocket(address, port, myAddress, 0);
        java.util.Optional<PeerTransport> peer = StackContexts.find(stack.getStackName(), PeerTransport.PROPERTY,
                PeerTransport.class);
        if (peer.isPresent() && peer.get().isPeerEndpoint(address, port)) {
            return peer.get().connect(plain, address, port); // another node of this cluster: mutual TLS
        }
        // A hop found through DNS SRV is checked against the resolved domain (RFC 5922), others by their host name.
        String host = TlsPeerNames.expected(address, port).orElseGet(address::getHostName);
        SSLSocket tls = (SSLSocket) context().clientTls().get().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.setUseClientMode(true);
        return tls;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bind) throws SocketException {
        return new GatedDatagramSocket(port, bind, context().gate());
    }
}
