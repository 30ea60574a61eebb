package org.collabedge.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.cert.CertificateService;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.http.rules.AllowList;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.collabedge.protection.Protection;
import org.collabedge.testing.MemoryStores;

/**
 * A running HTTPS edge on 127.0.0.1 (free port) with a self-signed identity for "localhost", deployment "corp"
 * (id d1) with domain example.com, and a raw TLS client that sends bytes exactly as written.
 */
final class EdgeHarness implements AutoCloseable {

    record RawResponse(int status, List<String> headers, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }

    final CertificateService certificates;
    final HttpEdge edge;
    final EdgeMetrics metrics = new EdgeMetrics();
    final List<String> securityEvents = new CopyOnWriteArrayList<>();
    final EdgeConfig config;

    EdgeHarness(AllowList allowList, PasswordCheck passwords, TokenVerifier tokens, AccessGate gate,
                AuthorizationRateControl rateControl, List<EdgeEndpoint> endpoints) throws Exception {
        certificates = new CertificateService(MemoryStores.configs(), MemoryStores.secrets(), Clock.systemUTC());
        certificates.start("localhost");
        EdgeSettings defaults = EdgeSettings.defaults("localhost");
        EdgeSettings settings = new EdgeSettings("localhost", "127.0.0.1", false, 5061, false, 5060, false, 5060,
                false, 7444, 0, defaults.mediaPortMin(), defaults.mediaPortMax(), false, 3478);
        config = new EdgeConfig(List.of(new Deployment(Deployment.DEFAULT_ID, Deployment.DEFAULT_NAME),
                new Deployment("d1", "corp")),
                List.of(new Domain("example.com", true, false, false, false, "d1")), List.of(), settings);
        Protection protection = new Protection(
                (category, source, user) -> securityEvents.add(category.key() + " " + source.getHostAddress()),
                gate, rateControl);
        edge = new HttpEdge(() -> config, allowList, endpoints, certificates, protection, tokens, passwords, metrics);
        edge.start();
    }

    static EdgeHarness simple(AllowList allowList) throws Exception {
        return new EdgeHarness(allowList, (user, password) -> user.equals("alice")
                && new String(password).equals("secret"), TokenVerifier.REFUSE_ALL, AccessGate.OPEN,
                AuthorizationRateControl.UNLIMITED, List.of());
    }

    int port() {
        return edge.port();
    }

    /** Trusts exactly the edge's certificate. */
    SSLContext clientTls() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("edge", certificates.identity().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    SSLSocket connect() throws Exception {
        SSLSocket socket = (SSLSocket) clientTls().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** Sends {@code request} (CRLF line ends expected) as raw bytes and reads the whole answer until close. */
    RawResponse raw(String request) throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readAll(socket));
        }
    }

    /** Sends raw bytes and returns everything the edge answered until it closed (several responses). */
    String rawText(String request) throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAll(socket);
        }
    }

    /** A GET of {@code target} with Connection: close and optional extra header lines. */
    RawResponse get(String target, String... headerLines) throws Exception {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return raw(request.append("Connection: close\r\n\r\n").toString());
    }

    static String basic(String user, String password) {
        return "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer still leaves the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static RawResponse parse(String text) {
        if (text.isEmpty()) {
            return new RawResponse(-1, List.of(), "");
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        return new RawResponse(status, headers, body);
    }

    @Override
    public void close() {
        edge.stop();
        certificates.stop();
    }
}
