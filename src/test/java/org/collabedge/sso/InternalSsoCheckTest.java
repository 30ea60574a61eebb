package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cert.SelfSignedCertificateFactory;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.sso.InternalSsoCheck.Outcome;
import org.collabedge.testing.MutableClock;
import org.collabedge.testing.TrustingTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Check for internal SSO availability" against a loopback HTTPS server playing internal call control: answers,
 * the cache, and every way of giving no answer (unreachable, time-out, garbled, untrusted certificate).
 */
class InternalSsoCheckTest {

    private static final char[] PW = "test".toCharArray();
    private final MutableClock clock = new MutableClock();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private EdgeIdentity serverIdentity;
    private HttpsServer callControl;
    private volatile Map<String, String> answers = Map.of();
    private volatile long delayMillis;

    @BeforeEach
    void startCallControl() throws Exception {
        serverIdentity = new SelfSignedCertificateFactory(java.time.Clock.systemUTC()).create("127.0.0.1");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverIdentity.toKeyStore(PW), PW);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        callControl = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callControl.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        callControl.setExecutor(threads);
        callControl.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestURI().getRawPath() + "?" + query);
            sleep(delayMillis);
            String identity = java.net.URLDecoder.decode(query.substring(query.indexOf('=') + 1),
                    StandardCharsets.UTF_8);
            String answer = answers.get(identity);
            byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.UTF_8);
            int status = answer == null ? 404 : answer.startsWith("HTTP ") ? Integer.parseInt(answer.substring(5))
                    : 200;
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGone) {
                // the edge gave up waiting (time-out case)
            }
        });
        callControl.start();
    }

    @AfterEach
    void stop() {
        callControl.stop(0);
        threads.shutdownNow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The edge's client context, trusting exactly {@code trusted}. */
    private static SSLContext trusting(EdgeIdentity trusted) {
        return TrustingTls.trusting(trusted.certificate());
    }

    private InternalSsoCheck check() {
        SSLContext tls = trusting(serverIdentity);
        return new InternalSsoCheck(() -> tls, clock);
    }

    private static InternalServer server(String id, int port) {
        return new InternalServer(id, ServerType.CALL_CONTROL, "127.0.0.1", port, Transport.TLS, true, null,
                "default");
    }

    private InternalServer running() {
        return server("cucm1", 5061);
    }

    private InternalSsoQuery query(int timeoutMillis) {
        return new InternalSsoQuery("/edge-sso/available?identity={identity}", callControl.getAddress().getPort(),
                timeoutMillis);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void callControlSaysYesNoOrDoesNotKnowTheUser() {
        answers = Map.of("alice@example.test", "true", "bob@example.test", "false\n");
        InternalSsoCheck check = check();
        List<InternalServer> servers = List.of(running());
        assertEquals(Outcome.AVAILABLE, check.ask("alice", "example.test", servers, query(2000)));
        assertEquals(Outcome.NOT_AVAILABLE, check.ask("bob", "example.test", servers, query(2000)));
        assertEquals(Outcome.NOT_AVAILABLE, check.ask("carol", "example.test", servers, query(2000)), "404");
        assertTrue(requests.contains("/edge-sso/available?identity=alice%40example.test"), requests.toString());
    }

    @Test
    void answersAreKeptBrieflyThenAskedAgain() {
        answers = Map.of("alice@example.test", "true");
        InternalSsoCheck check = check();
        List<InternalServer> servers = List.of(running());
        check.ask("alice", "example.test", servers, query(2000));
        check.ask("Alice", "EXAMPLE.test", servers, query(2000));
        assertEquals(1, requests.size(), "the second question is answered from the cache");
        answers = Map.of("alice@example.test", "false");
        clock.advance(InternalSsoCheck.ANSWER_TTL.plusSeconds(1));
        assertEquals(Outcome.NOT_AVAILABLE, check.ask("alice", "example.test", servers, query(2000)));
        assertEquals(2, requests.size());
    }

    @Test
    void garbledAnswersAndServerErrorsAreNoAnswer() {
        answers = Map.of("alice@example.test", "yes please", "bob@example.test", "HTTP 500",
                "carol@example.test", "true".repeat(100));
        InternalSsoCheck check = check();
        List<InternalServer> servers = List.of(running());
        assertEquals(Outcome.UNREACHABLE, check.ask("alice", "example.test", servers, query(2000)));
        assertEquals(Outcome.UNREACHABLE, check.ask("bob", "example.test", servers, query(2000)));
        assertEquals(Outcome.UNREACHABLE, check.ask("carol", "example.test", servers, query(2000)));
    }

    @Test
    void aSlowServerTimesOutWithinTheBound() {
        answers = Map.of("alice@example.test", "true");
        delayMillis = 3000;
        long start = System.nanoTime();
        assertEquals(Outcome.UNREACHABLE, check().ask("alice", "example.test", List.of(running()), query(300)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "bounded by the time-out");
    }

    @Test
    void anUnreachableServerIsSkippedForTheNextAndAFailureIsRetriedSoon() throws Exception {
        answers = Map.of("alice@example.test", "true");
        InternalSsoQuery q = query(2000);
        // Both servers listen on the query's port; the first one's address has nothing there.
        InternalServer dead = new InternalServer("dead", ServerType.CALL_CONTROL, "127.0.0.2", 5061,
                Transport.TLS, true, null, "default");
        InternalSsoCheck check = check();
        for (int i = 0; i < 4; i++) { // whichever the round robin picks first, the answer comes
            clock.advance(InternalSsoCheck.ANSWER_TTL.plusSeconds(1));
            assertEquals(Outcome.AVAILABLE, check.ask("alice", "example.test", List.of(dead, running()), q));
        }
        InternalSsoQuery closed = new InternalSsoQuery(q.path(), closedPort(), 2000);
        assertEquals(Outcome.UNREACHABLE, check.ask("bob", "example.test", List.of(running()), closed));
        clock.advance(InternalSsoCheck.FAILURE_TTL.plusSeconds(1));
        answers = Map.of("bob@example.test", "true");
        assertEquals(Outcome.AVAILABLE, check.ask("bob", "example.test", List.of(running()), q));
    }

    @Test
    void aCertificateTheEdgeDoesNotTrustIsNoAnswer() {
        answers = Map.of("alice@example.test", "true");
        EdgeIdentity other = new SelfSignedCertificateFactory(java.time.Clock.systemUTC()).create("127.0.0.1");
        SSLContext tls = trusting(other);
        InternalSsoCheck check = new InternalSsoCheck(() -> tls, clock);
        assertEquals(Outcome.UNREACHABLE, check.ask("alice", "example.test", List.of(running()), query(2000)));
        assertTrue(requests.isEmpty(), "nothing was sent over the unverified connection");
    }

    @Test
    void aUserThatIsADotSegmentCannotSteerThePathTemplate() {
        InternalSsoQuery byPath = new InternalSsoQuery("/edge-sso/users/{user}/available",
                callControl.getAddress().getPort(), 2000);
        assertEquals("/edge-sso/users/alice%40x/available",
                InternalSsoCheck.uri(running(), "alice@x", "example.test", byPath).getRawPath());
        assertThrows(IllegalArgumentException.class,
                () -> InternalSsoCheck.uri(running(), "..", "example.test", byPath));
        assertEquals(Outcome.UNREACHABLE, check().ask("..", "example.test", List.of(running()), byPath));
        assertTrue(requests.isEmpty(), "no request went to another path: " + requests);
    }
}
