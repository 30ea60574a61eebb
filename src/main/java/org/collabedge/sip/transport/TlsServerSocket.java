package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.collabedge.protection.AccessGate;

/**
 * The gated TLS server socket of the secure WebSocket listener (client SIP over TLS runs on the NIO listener,
 * {@link EdgeNioTlsProcessor}). It accepts a plain connection (so banned sources are dropped before the handshake and the
 * connection is tracked as a flow), then layers TLS from the edge's server context over it. The context is read per
 * connection, so a new certificate applies to the next connection. Cipher suites and protocols are the context's
 * (TLS 1.3/1.2 only); the stack's older defaults are ignored on purpose.
 */
final class TlsServerSocket extends SSLServerSocket {

    private final FlowTable flows;
    private final AccessGate gate;
    private final java.util.function.Supplier<SSLContext> context;
    private final String transport;

    /** @param transport what the accepted connections' flows are recorded as: "TLS", or "WSS" for WebSocket */
    TlsServerSocket(int port, int backlog, InetAddress bind, FlowTable flows, AccessGate gate,
                    java.util.function.Supplier<SSLContext> context, String transport) throws IOException {
        super(port, backlog, bind);
        this.flows = flows;
        this.gate = gate;
        this.context = context;
        this.transport = transport;
    }

    void acceptInto(Socket socket) throws IOException {
        implAccept(socket);
    }

    @Override
    public Socket accept() throws IOException {
        TrackedSocket plain = GatedServerSocket.acceptAdmitted(this, flows, gate, transport);
        SSLSocketFactory factory = context.get().getSocketFactory();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, null, plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setSoTimeout(0);
        return tls;
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return context.get().getSupportedSSLParameters().getCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        // The edge's context decides.
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return context.get().getSupportedSSLParameters().getCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return context.get().getSupportedSSLParameters().getProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return context.get().getDefaultSSLParameters().getProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        // TLS 1.2+ from the edge's context, whatever the stack asks for.
    }

    @Override
    public void setNeedClientAuth(boolean need) {
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setUseClientMode(boolean mode) {
    }

    @Override
    public boolean getUseClientMode() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }
}
