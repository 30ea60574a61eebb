package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.collabedge.cert.CertificateService;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Internal https servers are reached with TLS verified against the target's host NAME and the edge's trusted CAs;
 * an untrusted certificate or one for another name is a 502, never a silent pass.
 */
class HttpsBackendTest {

    private static final char[] PASSWORD = "test".toCharArray();
    private HttpsServer backend;
    private CertificateService backendIdentity;

    @BeforeEach
    void startBackend() throws Exception {
        backendIdentity = new CertificateService(MemoryStores.configs(), MemoryStores.secrets(), Clock.systemUTC());
        backendIdentity.start("localhost");
        KeyStore keys = backendIdentity.identity().toKeyStore(PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        backend = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        backend.setHttpsConfigurator(new HttpsConfigurator(tls));
        backend.createContext("/", exchange -> {
            byte[] body = ("secure:" + exchange.getRequestURI().getRawPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
        backendIdentity.stop();
    }

    private String pem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                backendIdentity.identity().certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void aTrustedCertificateForTheTargetNamePasses() throws Exception {
        int port = backend.getAddress().getPort();
        try (EdgeHarness edge = EdgeHarness.simple(new TestAllowList("https", "localhost", port))) {
            edge.certificates.addTrustedPem(pem());
            EdgeHarness.RawResponse response = edge.get("/corp/https/localhost/" + port + "/allowed/tls",
                    EdgeHarness.basic("alice", "secret"));
            assertEquals(200, response.status(), response.body());
            assertEquals("secure:/allowed/tls", response.body());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        int port = backend.getAddress().getPort();
        try (EdgeHarness edge = EdgeHarness.simple(new TestAllowList("https", "localhost", port))) {
            assertEquals(502, edge.get("/corp/https/localhost/" + port + "/allowed/tls",
                    EdgeHarness.basic("alice", "secret")).status());
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() throws Exception {
        int port = backend.getAddress().getPort();
        try (EdgeHarness edge = EdgeHarness.simple(new TestAllowList("https", "127.0.0.1", port))) {
            edge.certificates.addTrustedPem(pem());
            assertEquals(502, edge.get("/corp/https/127.0.0.1/" + port + "/allowed/tls",
                    EdgeHarness.basic("alice", "secret")).status());
        }
    }
}
