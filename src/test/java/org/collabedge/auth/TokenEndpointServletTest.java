package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.collabedge.protection.Protection;
import org.collabedge.protection.RateDecision;
import org.collabedge.standalone.LocalSharedState;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-in endpoints over real HTTP, served by Jetty on loopback the way the edge listener mounts them. */
class TokenEndpointServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<IdentitySettings> settings = new AtomicReference<>(IdentitySettings.defaults());
    private final TokenService tokens = new TokenService(new LocalSharedState(Clock.systemUTC()), settings::get,
            Clock.systemUTC(), Duration.ofSeconds(1));
    private final List<String> failures = new ArrayList<>();
    private volatile AuthorizationRateControl rateControl = AuthorizationRateControl.UNLIMITED;
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private String base;

    @BeforeEach
    void startJetty() throws Exception {
        Protection protection = new Protection((category, source, user) -> failures.add(category.key() + " " + user),
                AccessGate.OPEN, user -> rateControl.authorize(user));
        PasswordCheck directory = (user, pw) -> "alice".equals(user) && "wonder land".equals(new String(pw));
        EdgeSignIn signIn = new EdgeSignIn(settings::get, () -> SsoDomains.NONE, directory, tokens, protection);
        EdgeEndpoint endpoint = new EdgeEndpoint(TokenEndpointServlet.PATH,
                new TokenEndpointServlet(signIn, tokens, Clock.systemUTC()));

        server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        // As EdgeEndpoint documents: the path itself and everything under it.
        context.addServlet(new ServletHolder(endpoint.servlet()), endpoint.path());
        context.addServlet(new ServletHolder(endpoint.servlet()), endpoint.path() + "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stopJetty() throws Exception {
        server.stop();
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/edge/token"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return JSON.readValue(r.body(), Map.class);
    }

    @Test
    void basicCredentialsGetABearerTokenPair() throws Exception {
        HttpResponse<String> r = signIn("alice", "wonder land");
        assertEquals(200, r.statusCode());
        Map<?, ?> body = json(r);
        assertEquals("Bearer", body.get("token_type"));
        assertEquals(480 * 60, ((Number) body.get("expires_in")).intValue(), 2);
        String access = (String) body.get("access_token");
        assertEquals("alice", tokens.verify(access, TokenUse.HTTP).orElseThrow().user());
        assertTrue(OpaqueTokens.wellFormed((String) body.get("refresh_token")));
    }

    @Test
    void wrongOrMissingCredentialsAreChallengedAndReported() throws Exception {
        HttpResponse<String> wrong = signIn("alice", "guess");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_grant", json(wrong).get("error"));
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertEquals(List.of("http_proxy_authorization alice"), failures);

        HttpResponse<String> none = form("/edge/token", "");
        assertEquals(401, none.statusCode());
        assertEquals("invalid_request", json(none).get("error"));
        HttpResponse<String> garbled = http.send(HttpRequest.newBuilder(URI.create(base + "/edge/token"))
                .header("Authorization", "Basic %%%").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, garbled.statusCode());
    }

    @Test
    void exclusiveSsoRefusesPasswords() throws Exception {
        settings.set(new IdentitySettings(SsoMode.EXCLUSIVE, 480, 720, 0, true, true));
        HttpResponse<String> r = signIn("alice", "wonder land");
        assertEquals(403, r.statusCode());
        assertEquals("unauthorized_client", json(r).get("error"));
    }

    @Test
    void tooManySignInsAreAnswered429WithRetryAfter() throws Exception {
        rateControl = user -> RateDecision.refused(Duration.ofMillis(2500));
        HttpResponse<String> r = signIn("alice", "wonder land");
        assertEquals(429, r.statusCode());
        assertEquals("3", r.headers().firstValue("Retry-After").orElse(""));
        assertEquals("too_many_requests", json(r).get("error"));
        assertTrue(tokens.holders(null).isEmpty());
    }

    @Test
    void refreshRotatesAndAReplayIsRefused() throws Exception {
        Map<?, ?> first = json(signIn("alice", "wonder land"));
        HttpResponse<String> refreshed = form("/edge/token/refresh", "refresh_token=" + first.get("refresh_token"));
        assertEquals(200, refreshed.statusCode());
        Map<?, ?> second = json(refreshed);
        assertTrue(tokens.verify((String) second.get("access_token"), TokenUse.SIP).isPresent());

        HttpResponse<String> replay = form("/edge/token/refresh", "refresh_token=" + first.get("refresh_token"));
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", json(replay).get("error"));
        assertTrue(tokens.verify((String) second.get("access_token"), TokenUse.SIP).isEmpty(), "sign-in ended");

        assertEquals(400, form("/edge/token/refresh", "").statusCode());
        HttpResponse<String> inQuery = http.send(HttpRequest.newBuilder(
                URI.create(base + "/edge/token/refresh?refresh_token=" + second.get("refresh_token")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, inQuery.statusCode(), "tokens in URLs are refused");
    }

    @Test
    void revokeEndsTheSignInAndSaysNothingAboutUnknownTokens() throws Exception {
        Map<?, ?> t = json(signIn("alice", "wonder land"));
        HttpResponse<String> r = form("/edge/token/revoke", "token=" + t.get("refresh_token"));
        assertEquals(200, r.statusCode());
        assertTrue(tokens.verify((String) t.get("access_token"), TokenUse.HTTP).isEmpty());
        assertEquals(200, form("/edge/token/revoke", "token=" + OpaqueTokens.generate()).statusCode());
        assertEquals(400, form("/edge/token/revoke", "").statusCode());
    }

    @Test
    void onlyPostOnKnownPathsIsServed() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/edge/token")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertEquals(404, form("/edge/token/other", "").statusCode());
    }

    @Test
    void tokensAndPasswordsNeverReachTheLog() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Map<?, ?> first;
        Map<?, ?> second;
        try {
            signIn("alice", "guess");
            first = json(signIn("alice", "wonder land"));
            second = json(form("/edge/token/refresh", "refresh_token=" + first.get("refresh_token")));
            form("/edge/token/refresh", "refresh_token=" + first.get("refresh_token")); // reuse: logged warning
            form("/edge/token/revoke", "token=" + second.get("access_token"));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Issued edge tokens to alice"), "the log was captured: " + log);
        assertTrue(log.contains("used twice"), log);
        for (Object secret : List.of(first.get("access_token"), first.get("refresh_token"),
                second.get("access_token"), second.get("refresh_token"), "wonder land", "guess",
                OpaqueTokens.hash((String) first.get("access_token")))) {
            assertFalse(log.contains(secret.toString()), "the log shows a secret");
        }
    }
}
