package org.collabedge.connectivity;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.collabedge.config.InternalServer;

/**
 * The TLS handshake of a probe. With {@code tlsVerify} on it uses the edge's client context and requires the
 * certificate to name the configured address (endpoint identification "HTTPS"); with it off it trusts whatever
 * the server presents, for this probe only.
 */
final class TlsHandshake {

    private final Supplier<SSLContext> clientTls;

    TlsHandshake(Supplier<SSLContext> clientTls) {
        this.clientTls = clientTls;
    }

    /** Layers TLS over the connected {@code plain} socket and completes the handshake within the deadline. */
    SSLSocket secure(Socket plain, InternalServer server, Deadline deadline) throws IOException {
        SSLContext context = server.tlsVerify() ? clientContext() : trustAllContext();
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, server.address(), server.port(), true);
        if (server.tlsVerify()) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.setUseClientMode(true);
        tls.setSoTimeout(deadline.timeoutMillis());
        tls.startHandshake();
        return tls;
    }

    /**
     * Connects once more, trusting anything, only to read the certificate the server presents: a refused
     * certificate is then named in the result. Empty when that fails too or time is up.
     */
    Optional<X509Certificate> peek(InternalServer server, Deadline deadline) {
        if (deadline.expired()) {
            return Optional.empty();
        }
        try (Socket plain = TcpConnector.connect(server.address(), server.port(), deadline);
             Deadline.Watch watch = deadline.closeOnExpiry(plain);
             SSLSocket tls = (SSLSocket) trustAllContext().getSocketFactory()
                     .createSocket(plain, server.address(), server.port(), true)) {
            tls.setSoTimeout(deadline.timeoutMillis());
            tls.startHandshake();
            return PeerCertificates.leaf(tls.getSession());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private SSLContext clientContext() throws SSLException {
        SSLContext context;
        try {
            context = clientTls.get();
        } catch (RuntimeException e) {
            throw new SSLException("the edge's client TLS context is unusable: " + e.getMessage(), e);
        }
        if (context == null) {
            throw new SSLException("the edge has no client TLS context");
        }
        return context;
    }

    private static SSLContext trustAllContext() throws SSLException {
        try {
            return TrustAllManager.context();
        } catch (GeneralSecurityException e) {
            throw new SSLException("cannot create a TLS context: " + e.getMessage(), e);
        }
    }
}
