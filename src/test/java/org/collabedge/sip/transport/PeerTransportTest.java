package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.collabedge.cert.CertificateService;
import org.collabedge.cert.EdgeIdentity;
import org.collabedge.protection.AccessGate;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Node-to-node TLS: both ends must present the cluster's own edge certificate, nothing else gets through. */
class PeerTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final EdgeIdentity cluster = identity();
    private final EdgeIdentity stranger = identity();
    private final PeerTransport node = new PeerTransport(() -> cluster, AccessGate.OPEN, (a, p) -> true);
    private ServerSocket listener;
    private volatile String serverProblem;
    private final java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    /** Own threads: a refused handshake may keep its reader busy past the test, and must not delay the next. */
    private final java.util.concurrent.ExecutorService acceptor = java.util.concurrent.Executors.newCachedThreadPool();

    private static EdgeIdentity identity() {
        CertificateService c = new CertificateService(MemoryStores.configs(), MemoryStores.secrets(),
                Clock.systemUTC());
        c.start("edge.example.com");
        return c.identity();
    }

    @AfterEach
    void close() throws IOException {
        hold.countDown();
        acceptor.shutdownNow();
        if (listener != null) {
            listener.close();
        }
    }

    /** Accepts one connection and yields the first byte it reads (-1 when the handshake fails), keeping it open. */
    private CompletableFuture<Integer> acceptOne() throws IOException {
        listener = node.serverSocket(0, 5, LOOPBACK);
        CompletableFuture<Integer> read = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(15000);
                int first = s.getInputStream().read();
                read.complete(first);
                hold.await(20, TimeUnit.SECONDS); // the connection stays open until the test lets go
                return first;
            } catch (InterruptedException e) {
                return -1;
            } catch (IOException e) {
                serverProblem = e.toString();
                read.complete(-1);
                return -1;
            }
        }, acceptor);
        return read;
    }

    private SSLSocket connect(PeerTransport as) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()), 3000);
        return as.connect(plain, LOOPBACK, listener.getLocalPort());
    }

    @Test
    void aNodeWithTheClusterCertificateIsAccepted() throws Exception {
        CompletableFuture<Integer> read = acceptOne();
        try (SSLSocket client = connect(new PeerTransport(() -> cluster, AccessGate.OPEN, (a, p) -> true))) {
            client.getOutputStream().write('S');
            client.getOutputStream().flush();
            assertEquals('S', read.get(20, TimeUnit.SECONDS), () -> "server: " + serverProblem);
            assertEquals(cluster.certificate(), client.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void aClientWithAnotherCertificateIsRefused() throws Exception {
        CompletableFuture<Integer> read = acceptOne();
        try (SSLSocket client = connect(new PeerTransport(() -> stranger, AccessGate.OPEN, (a, p) -> true))) {
            assertThrows(IOException.class, () -> {
                client.startHandshake(); // the stranger refuses our server certificate, or we refuse its client one
                client.getOutputStream().write('S');
                client.getOutputStream().flush();
                client.setSoTimeout(3000);
                client.getInputStream().read();
            });
        }
        assertEquals(-1, read.get(20, TimeUnit.SECONDS), "nothing was read from the stranger");
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        CompletableFuture<Integer> read = acceptOne();
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (SSLSocket client = (SSLSocket) trustAll.getSocketFactory().createSocket(LOOPBACK,
                listener.getLocalPort())) {
            client.setSoTimeout(3000);
            boolean refused;
            try {
                client.startHandshake();
                client.getOutputStream().write('S');
                client.getOutputStream().flush();
                refused = client.getInputStream().read() < 0;
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused);
        }
        assertEquals(-1, read.get(20, TimeUnit.SECONDS));
    }

    @Test
    void onlyConnectionsToThePeerListenerCountAsFromAPeer() throws Exception {
        CompletableFuture<Integer> read = acceptOne();
        try (SSLSocket client = connect(new PeerTransport(() -> cluster, AccessGate.OPEN, (a, p) -> true))) {
            client.getOutputStream().write('S');
            client.getOutputStream().flush();
            assertEquals('S', read.get(20, TimeUnit.SECONDS), () -> "server: " + serverProblem);
            assertTrue(node.fromPeer(new Flow("TLS", "127.0.0.1", client.getLocalPort())));
            assertFalse(node.fromPeer(new Flow("TCP", "127.0.0.1", client.getLocalPort())));
            assertFalse(node.fromPeer(new Flow("TLS", "127.0.0.1", client.getLocalPort() + 1)));
        }
    }
}
