package org.collabedge.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real TLS over loopback between the edge's server and client contexts. */
class TlsHandshakeTest {

    private static final Set<String> MODERN = Set.of("TLSv1.3", "TLSv1.2");

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private CertificateService service;
    private SSLServerSocket server;
    private Future<Integer> served;

    @BeforeEach
    void startServer() throws IOException {
        service = new CertificateService(new InMemoryConfigStore(), new InMemorySecretStore(),
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), false);
        service.start("localhost");
        server = (SSLServerSocket) service.serverSslContext().getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        served = executor.submit(() -> {
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(10_000);
                int value = accepted.getInputStream().read();
                accepted.getOutputStream().write(value + 1);
                accepted.getOutputStream().flush();
                return value;
            }
        });
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        executor.shutdownNow();
        service.stop();
    }

    @Test
    void handshakeSucceedsWhenTheEdgeCertificateIsTrusted() throws Exception {
        service.addTrustedPem(Pem.encode(service.identity().certificate()));

        try (SSLSocket client = connect(service.clientSslContext(), "localhost")) {
            client.startHandshake();
            client.getOutputStream().write(41);
            client.getOutputStream().flush();

            assertEquals(42, client.getInputStream().read());
            assertTrue(MODERN.contains(client.getSession().getProtocol()), client.getSession().getProtocol());
            X509Certificate presented = (X509Certificate) client.getSession().getPeerCertificates()[0];
            assertEquals(service.identity().sha256Fingerprint(), Fingerprints.sha256(presented));
        }
        assertEquals(41, served.get(10, TimeUnit.SECONDS));
    }

    @Test
    void handshakeFailsWhenTheCertificateIsNotTrusted() throws Exception {
        try (SSLSocket client = connect(service.clientSslContext(), "localhost")) {
            assertThrows(SSLHandshakeException.class, client::startHandshake);
        }
    }

    @Test
    void handshakeFailsWhenTheHostNameDoesNotMatch() throws Exception {
        service.addTrustedPem(Pem.encode(service.identity().certificate()));

        try (SSLSocket client = connect(service.clientSslContext(), "sip.example.com")) {
            assertThrows(SSLHandshakeException.class, client::startHandshake);
        }
    }

    @Test
    void onlyTls12And13AreEnabled() throws Exception {
        SSLContext context = service.serverSslContext();
        SSLEngine engine = context.createSSLEngine();

        assertTrue(MODERN.containsAll(List.of(server.getEnabledProtocols())), List.of(server.getEnabledProtocols())
                .toString());
        assertTrue(MODERN.containsAll(List.of(engine.getEnabledProtocols())));
        assertTrue(MODERN.containsAll(List.of(context.getDefaultSSLParameters().getProtocols())));
        try (SSLSocket socket = (SSLSocket) service.clientSslContext().getSocketFactory().createSocket()) {
            assertTrue(MODERN.containsAll(List.of(socket.getEnabledProtocols())));
        }
    }

    /** Connects to the loopback server but names {@code hostName} for SNI and endpoint identification. */
    private SSLSocket connect(SSLContext context, String hostName) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 5_000);
        plain.setSoTimeout(10_000);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, hostName,
                server.getLocalPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }
}
