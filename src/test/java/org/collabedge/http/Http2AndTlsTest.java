package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.junit.jupiter.api.Test;

/** The listener itself: h2 through ALPN, live certificate reload, and intrusion protection at the door. */
class Http2AndTlsTest {

    @Test
    void http2RequestsAreProxiedLikeHttp11() throws Exception {
        try (RecordingBackend backend = new RecordingBackend();
             EdgeHarness edge = EdgeHarness.simple(new TestAllowList(backend.port()))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(edge.clientTls()).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + edge.port() + "/corp/http/127.0.0.1/" + backend.port() + "/allowed/h2?x=1"))
                    .header("Authorization", EdgeHarness.basic("alice", "secret").substring(15))
                    .POST(HttpRequest.BodyPublishers.ofString("data")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertEquals(200, response.statusCode());
            assertEquals("ok:/allowed/h2?x=1 body:data", response.body());
            assertEquals("/allowed/h2?x=1", backend.last().rawPathAndQuery());
        }
    }

    @Test
    void h2IsOfferedWhenTheStartingThreadCannotSeeTheBundledAlpnProcessor() throws Exception {
        // Inside Openfire the plugin may be started with the server's context class loader, which does not see the
        // ALPN processor in the plugin's lib; ALPN looks its processor up through that loader.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        EdgeHarness started;
        try (RecordingBackend backend = new RecordingBackend()) {
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            try {
                started = EdgeHarness.simple(new TestAllowList(backend.port()));
            } finally {
                thread.setContextClassLoader(before);
            }
            try (EdgeHarness edge = started) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                        .sslContext(edge.clientTls()).connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                        + edge.port() + "/corp/http/127.0.0.1/" + backend.port() + "/allowed/public/h2")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(HttpClient.Version.HTTP_2, response.version());
                assertEquals(200, response.statusCode());
            }
        }
    }

    @Test
    void aNewCertificateIsPresentedWithoutRestart() throws Exception {
        try (RecordingBackend backend = new RecordingBackend();
             EdgeHarness edge = EdgeHarness.simple(new TestAllowList(backend.port()))) {
            X509Certificate before = presented(edge);
            edge.certificates.regenerateSelfSigned("localhost");
            X509Certificate after = presented(edge);
            assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
            assertEquals(edge.certificates.identity().certificate(), after);
        }
    }

    private static X509Certificate presented(EdgeHarness edge) throws Exception {
        try (SSLSocket socket = edge.connect()) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void aBannedAddressIsClosedBeforeTheTlsHandshake() throws Exception {
        AccessGate banAll = new AccessGate() {
            public boolean admits(InetAddress source) {
                return false;
            }

            public AutoCloseable onBan(Consumer<InetAddress> closer) {
                return () -> { };
            }
        };
        try (EdgeHarness edge = new EdgeHarness(new TestAllowList(1), (u, p) -> true, TokenVerifier.REFUSE_ALL,
                banAll, AuthorizationRateControl.UNLIMITED, List.of());
             Socket plain = new Socket(InetAddress.getLoopbackAddress(), edge.port())) {
            plain.setSoTimeout(5000);
            // Not one byte (no ServerHello) comes back, only the close.
            plain.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0});
            int read;
            try {
                read = plain.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            assertEquals(-1, read);
            assertThrows(IOException.class, edge::connect);
        }
    }

    @Test
    void banningAnAddressClosesItsOpenConnections() throws Exception {
        AtomicReference<Consumer<InetAddress>> closer = new AtomicReference<>();
        AccessGate gate = new AccessGate() {
            public boolean admits(InetAddress source) {
                return true;
            }

            public AutoCloseable onBan(Consumer<InetAddress> closeConnectionsFrom) {
                closer.set(closeConnectionsFrom);
                return () -> closer.set(null);
            }
        };
        try (EdgeHarness edge = new EdgeHarness(new TestAllowList(1), (u, p) -> true, TokenVerifier.REFUSE_ALL,
                gate, AuthorizationRateControl.UNLIMITED, List.of());
             SSLSocket open = edge.connect()) {
            closer.get().accept(InetAddress.getByName("127.0.0.1"));
            int read;
            try {
                read = open.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            assertEquals(-1, read);
        }
        assertTrue(closer.get() == null, "the edge unsubscribes when it stops");
    }
}
