package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.sun.net.httpserver.HttpServer;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeSettings;
import org.collabedge.core.EdgeCore;
import org.collabedge.http.rules.AllowRule;
import org.collabedge.http.rules.MatchType;
import org.collabedge.http.rules.RuleOrigin;
import org.collabedge.testing.TrustingTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge services together, as a remote client meets them: sign in at the HTTPS edge, use the token through the
 * allow-list proxy to an internal web server, lose it on revocation; and a source that keeps failing is banned before
 * its TLS handshake while other clients carry on.
 */
class EdgeAccessEndToEndTest {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path data;

    private RunningEdge edge;
    private HttpServer backend;
    private int httpsPort;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/phonebook", exchange -> {
            byte[] body = ("entries for " + exchange.getRequestHeaders().getFirst("X-Edge-User"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        try (ServerSocket s = new ServerSocket(0)) {
            httpsPort = s.getLocalPort();
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve(StandaloneSettings.FILE), "admin.port=0\nadmin.password="
                + RunningEdge.ADMIN_PASSWORD + "\nnode.id=test-node\npublic.host.name=localhost\n");
        // The HTTPS listener takes a new port on restart, as an operator would experience it.
        try (RunningEdge first = new RunningEdge(data)) {
            EdgeCore core = first.host.core();
            EdgeSettings d = core.config().current().settings();
            core.config().saveSettings(new EdgeSettings("localhost", "127.0.0.1", false, d.sipTlsPort(), false,
                    d.sipTcpPort(), false, d.sipUdpPort(), false, d.sipWssPort(), httpsPort, d.mediaPortMin(),
                    d.mediaPortMax(), false, d.turnPort()));
            core.config().saveDomain(null, new Domain("example.com", true, false, false, false,
                    Deployment.DEFAULT_ID));
        }
        edge = new RunningEdge(data);
        edge.host.users().put("alice", "wonderland-42".toCharArray(), "Alice", "alice@example.com");
        edge.host.core().allowList().saveRule(new AllowRule(null,
                "http://127.0.0.1:" + backend.getAddress().getPort() + "/phonebook", false, List.of("GET"),
                MatchType.PREFIX, Deployment.DEFAULT_ID, "internal phone book", true, RuleOrigin.MANUAL));
        client = HttpClient.newBuilder().sslContext(trustingTheEdge(edge.host.core())).build();
    }

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
        backend.stop(0);
    }

    private static SSLContext trustingTheEdge(EdgeCore core) {
        return TrustingTls.trusting(core.certificates().identity().certificate());
    }

    private URI edgeUri(String path) {
        return URI.create("https://localhost:" + httpsPort + path);
    }

    private String phonebookPath() {
        return "/example.com/http/127.0.0.1/" + backend.getAddress().getPort() + "/phonebook/all";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signIn() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(edgeUri("/edge/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("alice:wonderland-42".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    @Test
    void aSignedInClientReachesAnAllowedInternalServerWithItsTokenUntilItIsRevoked() throws Exception {
        String token = signIn();

        HttpResponse<String> withToken = send(HttpRequest.newBuilder(edgeUri(phonebookPath()))
                .header("Authorization", "Bearer " + token));
        assertEquals(200, withToken.statusCode(), withToken.body());
        assertEquals("entries for alice", withToken.body(), "the backend learns who the edge let in");

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(edgeUri(phonebookPath())));
        assertEquals(401, anonymous.statusCode());

        HttpResponse<String> notAllowed = send(HttpRequest.newBuilder(edgeUri(
                "/example.com/http/127.0.0.1/" + backend.getAddress().getPort() + "/admin"))
                .header("Authorization", "Bearer " + token));
        assertEquals(403, notAllowed.statusCode(), "no rule covers /admin");

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(edgeUri("/edge/token/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
        assertEquals(200, revoked.statusCode());
        HttpResponse<String> afterRevocation = send(HttpRequest.newBuilder(edgeUri(phonebookPath()))
                .header("Authorization", "Bearer " + token));
        assertEquals(401, afterRevocation.statusCode());
    }

    @Test
    void aSourceThatKeepsFailingIsBannedBeforeTheHandshakeWhileOthersCarryOn() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        SSLContext tls = trustingTheEdge(edge.host.core());
        int refusedAfter = -1;
        for (int attempt = 1; attempt <= 10 && refusedAfter < 0; attempt++) {
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket()) {
                s.bind(new InetSocketAddress(attacker, 0));
                s.connect(new InetSocketAddress("127.0.0.1", httpsPort), 5000);
                s.setSoTimeout(5000);
                s.startHandshake();
                String credentials = Base64.getEncoder().encodeToString(("guess" + attempt + ":wrong")
                        .getBytes(StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                out.write(("GET " + phonebookPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                        + credentials + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 401", status);
            } catch (IOException refused) {
                refusedAfter = attempt;
            }
            edge.host.core().protectionService().flush();
        }
        // Default: HTTP proxy authorization failures, trigger level 5.
        assertEquals(6, refusedAfter, "five failures are allowed, the sixth connection is refused");
        assertTrue(!edge.host.core().protection().gate().admits(attacker));

        String token = signIn();
        assertEquals(200, send(HttpRequest.newBuilder(edgeUri(phonebookPath()))
                .header("Authorization", "Bearer " + token)).statusCode(), "127.0.0.1 is not banned");
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket()) {
                s.bind(new InetSocketAddress(attacker, 0));
                s.connect(new InetSocketAddress("127.0.0.1", httpsPort), 5000);
                s.setSoTimeout(5000);
                s.startHandshake();
                InputStream in = s.getInputStream();
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
            }
        });
    }
}
