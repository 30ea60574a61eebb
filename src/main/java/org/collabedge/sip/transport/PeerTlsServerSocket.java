package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.collabedge.protection.AccessGate;

/**
 * The node-to-node listener: accepts a plain connection, tracks it among the peer flows, then layers TLS that
 * requires the cluster's own certificate from the client ({@link ClusterTrust}). A connection without it fails the
 * handshake before the stack reads a single SIP byte.
 */
final class PeerTlsServerSocket extends SSLServerSocket {

    private final FlowTable peers;
    private final AccessGate gate;
    private final ClusterTrust trust;

    PeerTlsServerSocket(int port, int backlog, InetAddress bind, FlowTable peers, AccessGate gate,
                        ClusterTrust trust) throws IOException {
        super(port, backlog, bind);
        this.peers = peers;
        this.gate = gate;
        this.trust = trust;
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            TrackedSocket plain = new TrackedSocket(peers, "TLS");
            implAccept(plain);
            if (!gate.admits(plain.getInetAddress())) {
                plain.close();
                continue;
            }
            plain.register();
            SSLSocket tls = (SSLSocket) trust.context().getSocketFactory()
                    .createSocket(plain, null, plain.getPort(), true);
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            tls.setEnabledProtocols(ClusterTrust.PROTOCOLS);
            tls.setSoTimeout(0);
            return tls;
        }
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return trust.context().getDefaultSSLParameters().getCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        // The cluster context decides.
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return trust.context().getSupportedSSLParameters().getCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return ClusterTrust.PROTOCOLS.clone();
    }

    @Override
    public String[] getEnabledProtocols() {
        return ClusterTrust.PROTOCOLS.clone();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        // TLS 1.2+ whatever the stack asks for.
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // Always required here; the stack's "Disabled" setting is for client listeners.
    }

    @Override
    public boolean getNeedClientAuth() {
        return true;
    }

    @Override
    public void setWantClientAuth(boolean want) {
    }

    @Override
    public boolean getWantClientAuth() {
        return true;
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
