package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpServer;
import org.collabedge.auth.IdentitySettings;
import org.collabedge.auth.SsoMode;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeSettings;
import org.collabedge.core.EdgeCore;
import org.collabedge.http.rules.AllowRule;
import org.collabedge.http.rules.MatchType;
import org.collabedge.http.rules.RuleOrigin;
import org.collabedge.standalone.StandaloneHost;
import org.collabedge.standalone.StandaloneSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real IdP: Keycloak (from Maven Central) on 127.0.0.1 with a realm holding user alice and a SAML client made
 * from our SP metadata (requests signed by us, responses and assertions signed, assertions encrypted to us).
 * A plain HTTP client plays the browser: sign-in at the edge, Keycloak's login form, the auto-POST back to the ACS.
 */
class SsoKeycloakIT {

    static final String VERSION = "26.7.3";
    static Process keycloak;
    static String kc;
    static Path home;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKeycloak() throws Exception {
        Path dist = dist();
        if (dist == null) {
            assumeTrue(System.getenv("CI") == null, "Keycloak dist not resolved; required on CI");
            throw new AssertionError("Keycloak dist missing on CI");
        }
        home = Path.of("target", "keycloak-it", "keycloak-" + VERSION).toAbsolutePath();
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            Files.createDirectories(home.getParent());
            Process tar = new ProcessBuilder("tar", "xzf", dist.toString(), "-C", home.getParent().toString())
                    .inheritIO().start();
            assertTrue(tar.waitFor(5, TimeUnit.MINUTES) && tar.exitValue() == 0, "untar Keycloak");
        }
        int port = freePort();
        kc = "http://127.0.0.1:" + port;
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort())
                .redirectErrorStream(true).redirectOutput(home.getParent().resolve("keycloak.log").toFile());
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-pw");
        keycloak = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6)); // 2.3 min seen on the loaded 2-core builder
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(kc + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertTrue(keycloak.isAlive(), "Keycloak exited; see target/keycloak-it/keycloak.log");
            assertTrue(Instant.now().isBefore(deadline), "Keycloak did not start within 6 minutes");
            Thread.sleep(1000);
        }
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.toHandle().descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                keycloak.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                keycloak.destroyForcibly();
            }
        }
    }

    private static Path dist() {
        String configured = System.getProperty("collabedge.keycloakDist");
        for (Path p : List.of(configured == null ? Path.of("-") : Path.of(configured),
                Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist",
                        VERSION, "keycloak-quarkus-dist-" + VERSION + ".tar.gz"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aUserSignsInAtKeycloakAndTheEdgeIssuesTokens() throws Exception {
        try (SsoHarness edge = new SsoHarness(dir)) {
            String edgeBase = edge.serve();
            HttpClient admin = HttpClient.newHttpClient();
            String token = json(admin.send(HttpRequest.newBuilder(URI.create(kc
                    + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    "grant_type=password&client_id=admin-cli&username=admin&password=admin-pw")).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), "access_token");
            // Keycloak's dev database outlives a run in target/: a fresh realm name each time.
            String realm = "edge-" + Long.toHexString(System.nanoTime());
            String cert = Base64.getEncoder().encodeToString(edge.sso.spCredentials().certificate().getEncoded());
            HttpResponse<String> created = admin.send(HttpRequest.newBuilder(URI.create(kc + "/admin/realms"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(realm(realm, edge.entityId(), edge.acsUrl(), cert))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            String descriptorUrl = kc + "/realms/" + realm + "/protocol/saml/descriptor";
            String descriptor = admin.send(HttpRequest.newBuilder(URI.create(descriptorUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            IdentityProvider idp = edge.sso.editor().importMetadata(descriptor, "SHA256", descriptorUrl);
            assertEquals(kc + "/realms/" + realm, idp.entityId());
            edge.sso.editor().associateDomains(idp.entityId(), List.of("example.test"));

            // The "browser": follows redirects by hand, keeps Keycloak's Secure cookies on plain http.
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new LenientCookies())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> r = follow(browser, browser.send(HttpRequest.newBuilder(URI.create(edgeBase
                    + "/edge/sso/login?identity=alice@example.test")).build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals(200, r.statusCode(), r.body());
            String action = html(find(r.body(), "<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\""));
            r = follow(browser, browser.send(HttpRequest.newBuilder(URI.create(action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "alice",
                            "password", "alice-pw", "credentialId", "")))).build(),
                    HttpResponse.BodyHandlers.ofString()));
            String samlResponse = html(find(r.body(), "name=\"SAMLResponse\" value=\"([^\"]+)\""));
            String relayState = html(find(r.body(), "name=\"RelayState\" value=\"([^\"]*)\""));
            assertTrue(new String(Base64.getMimeDecoder().decode(samlResponse), StandardCharsets.UTF_8)
                    .contains("EncryptedAssertion"), "Keycloak encrypted the assertion to our key");

            HttpResponse<String> acs = browser.send(HttpRequest.newBuilder(URI.create(edgeBase + "/edge/sso/acs"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("SAMLResponse", samlResponse,
                            "RelayState", relayState)))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, acs.statusCode(), acs.body());
            assertTrue(acs.body().contains("\"access_token\":\"access-alice\""), acs.body());
            assertEquals(1, edge.sso.statistics().successes());
        }
    }

    /**
     * The whole edge (standalone host, HTTPS edge, real token service): sign in at Keycloak through the edge, then
     * use the access token the ACS hands out through the HTTP allow-list proxy to a loopback backend, until revoked.
     */
    @Test
    void aKeycloakSignInGivesATokenThatWorksThroughTheProxyUntilRevoked() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/phonebook", exchange -> {
            byte[] body = ("entries for " + exchange.getRequestHeaders().getFirst("X-Edge-User"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        StandaloneHost host = null;
        try {
            int httpsPort = freePort();
            Files.writeString(dir.resolve("collabedge.properties"),
                    "admin.port=0\nadmin.password=admin-pw-1234\nnode.id=kc-node\npublic.host.name=localhost\n");
            host = new StandaloneHost(StandaloneSettings.load(dir), Clock.systemUTC());
            host.start();
            EdgeSettings d = host.core().config().current().settings();
            host.core().config().saveSettings(new EdgeSettings("localhost", "127.0.0.1", false, d.sipTlsPort(),
                    false, d.sipTcpPort(), false, d.sipUdpPort(), false, d.sipWssPort(), httpsPort,
                    d.mediaPortMin(), d.mediaPortMax(), false, d.turnPort()));
            host.core().config().saveDomain(null, new Domain("example.test", true, false, false, false,
                    Deployment.DEFAULT_ID));
            IdentitySettings id = host.core().identity().settings().current();
            host.core().identity().settings().save(new IdentitySettings(SsoMode.ON, id.credentialsRefreshMinutes(),
                    id.credentialsCleanupMinutes(), id.sipTokenExtraTtlSeconds(), false, id.credentialCaching()));
            host.stop(); // the HTTPS listener's new address and port take a restart
            host.start();
            EdgeCore core = host.core();
            assertEquals(java.util.Optional.of(Integer.toString(httpsPort)),
                    core.nodes().self().endpoint(SpAddresses.HTTPS_PORT_ENDPOINT), "the bound port is advertised");
            host.users().put("alice", "not-used-here".toCharArray(), "Alice", "alice@example.test");
            core.allowList().saveRule(new AllowRule(null,
                    "http://127.0.0.1:" + backend.getAddress().getPort() + "/phonebook", false, List.of("GET"),
                    MatchType.PREFIX, Deployment.DEFAULT_ID, "internal phone book", true, RuleOrigin.MANUAL));

            SsoService sso = core.sso();
            String realm = importRealm(sso.addresses().entityId(null), sso.addresses().acsUrl(),
                    sso.spCredentials().certificate().getEncoded());
            String descriptorUrl = kc + "/realms/" + realm + "/protocol/saml/descriptor";
            String descriptor = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(descriptorUrl))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            IdentityProvider idp = sso.editor().importMetadata(descriptor, "SHA256", descriptorUrl);
            sso.editor().associateDomains(idp.entityId(), List.of("example.test"));

            HttpClient browser = HttpClient.newBuilder().cookieHandler(new LenientCookies())
                    .sslContext(trusting(core.certificates().identity().certificate()))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String edge = "https://localhost:" + httpsPort;
            String page = signInAtKeycloak(browser, edge).body();
            String token = find(page, "\"access_token\"\\s*:\\s*\"([^\"]+)\"");
            assertEquals(1, sso.statistics().successes());

            String phonebook = edge + "/example.test/http/127.0.0.1/" + backend.getAddress().getPort()
                    + "/phonebook/all";
            HttpResponse<String> through = browser.send(HttpRequest.newBuilder(URI.create(phonebook))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, through.statusCode(), through.body());
            assertEquals("entries for alice", through.body(), "the backend learns who signed in at the IdP");

            HttpResponse<String> revoked = browser.send(HttpRequest.newBuilder(URI.create(edge
                    + "/edge/token/revoke")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, revoked.statusCode(), revoked.body());
            HttpResponse<String> after = browser.send(HttpRequest.newBuilder(URI.create(phonebook))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, after.statusCode(), "a revoked token no longer opens the proxy");
        } finally {
            if (host != null) {
                host.stop();
            }
            backend.stop(0);
        }
    }

    /** A fresh realm (Keycloak's dev database outlives a run) with alice and a SAML client made from our metadata. */
    private static String importRealm(String entityId, String acs, byte[] spCertificate) throws Exception {
        HttpClient admin = HttpClient.newHttpClient();
        String token = json(admin.send(HttpRequest.newBuilder(URI.create(kc
                + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "grant_type=password&client_id=admin-cli&username=admin&password=admin-pw")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "access_token");
        String realm = "edge-" + Long.toHexString(System.nanoTime());
        String cert = Base64.getEncoder().encodeToString(spCertificate);
        HttpResponse<String> created = admin.send(HttpRequest.newBuilder(URI.create(kc + "/admin/realms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm(realm, entityId, acs, cert))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return realm;
    }

    /** SP-initiated sign-in as a browser would do it; returns the ACS's answer (the token page). */
    private static HttpResponse<String> signInAtKeycloak(HttpClient browser, String edgeBase) throws Exception {
        HttpResponse<String> r = follow(browser, browser.send(HttpRequest.newBuilder(URI.create(edgeBase
                + "/edge/sso/login?identity=alice@example.test")).build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, r.statusCode(), r.body());
        String action = html(find(r.body(), "<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\""));
        r = follow(browser, browser.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "alice",
                        "password", "alice-pw", "credentialId", "")))).build(),
                HttpResponse.BodyHandlers.ofString()));
        String samlResponse = html(find(r.body(), "name=\"SAMLResponse\" value=\"([^\"]+)\""));
        String relayState = html(find(r.body(), "name=\"RelayState\" value=\"([^\"]*)\""));
        HttpResponse<String> acs = browser.send(HttpRequest.newBuilder(URI.create(edgeBase + "/edge/sso/acs"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("SAMLResponse", samlResponse,
                        "RelayState", relayState)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, acs.statusCode(), acs.body());
        return acs;
    }

    private static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("edge", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpResponse<String> follow(HttpClient client, HttpResponse<String> r) throws Exception {
        for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = client.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
        }
        return r;
    }

    private static String realm(String name, String entityId, String acs, String cert) {
        return """
            {"realm":"%s","enabled":true,
             "users":[{"username":"alice","enabled":true,"email":"alice@example.test","emailVerified":true,
               "firstName":"Alice","lastName":"Example",
               "credentials":[{"type":"password","value":"alice-pw","temporary":false}]}],
             "clients":[{"clientId":"%s","protocol":"saml","enabled":true,"frontchannelLogout":false,
               "redirectUris":["%s"],
               "attributes":{"saml.authnstatement":"true","saml.server.signature":"true",
                 "saml.assertion.signature":"true","saml.client.signature":"true",
                 "saml.signature.algorithm":"RSA_SHA256","saml.encrypt":"true",
                 "saml.signing.certificate":"%s","saml.encryption.certificate":"%s",
                 "saml_assertion_consumer_url_post":"%s","saml_name_id_format":"username"},
               "protocolMappers":[{"name":"uid","protocol":"saml","protocolMapper":"saml-user-property-mapper",
                 "config":{"user.attribute":"username","attribute.name":"uid","attribute.nameformat":"Basic",
                   "friendly.name":"uid"}}]}]}
            """.formatted(name, entityId, acs, cert, cert, acs);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String find(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        assertTrue(m.find(), "no match for " + regex + " in " + body);
        return m.group(1);
    }

    private static String html(String s) {
        return s.replace("&amp;", "&").replace("&#x3d;", "=").replace("&#61;", "=").replace("&quot;", "\"");
    }

    private static String json(String body, String field) {
        return find(body, "\"" + field + "\"\\s*:\\s*\"([^\"]+)\"");
    }
}
