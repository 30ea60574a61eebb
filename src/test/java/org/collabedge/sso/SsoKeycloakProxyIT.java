package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
import org.collabedge.testing.TrustingTls;
import org.collabedge.testing.peers.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole edge (standalone host, HTTPS edge, real token service) with Keycloak as the IdP: sign in at Keycloak
 * through the edge, then use the access token the ACS hands out through the HTTP allow-list proxy to a loopback
 * backend, until revoked.
 */
@ExtendWith(KeycloakExtension.class)
class SsoKeycloakProxyIT {

    @TempDir
    Path dir;

    private HttpServer backend;
    private StandaloneHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.stop();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void aKeycloakSignInGivesATokenThatWorksThroughTheProxyUntilRevoked(KeycloakServer keycloak) throws Exception {
        startPhoneBook();
        int httpsPort = Peers.freePort();
        EdgeCore core = startEdge(httpsPort);
        assertEquals(Optional.of(Integer.toString(httpsPort)),
                core.nodes().self().endpoint(SpAddresses.HTTPS_PORT_ENDPOINT), "the bound port is advertised");
        host.users().put("alice", "not-used-here".toCharArray(), "Alice", "alice@example.test");
        core.allowList().saveRule(new AllowRule(null,
                "http://127.0.0.1:" + backend.getAddress().getPort() + "/phonebook", false, List.of("GET"),
                MatchType.PREFIX, Deployment.DEFAULT_ID, "internal phone book", true, RuleOrigin.MANUAL));

        SsoService sso = core.sso();
        String realm = keycloak.importRealm(sso.addresses().entityId(null), sso.addresses().acsUrl(),
                sso.spCredentials().certificate().getEncoded());
        IdentityProvider idp = sso.editor().importMetadata(keycloak.descriptor(realm), "SHA256",
                keycloak.descriptorUrl(realm));
        sso.editor().associateDomains(idp.entityId(), List.of("example.test"));

        SamlBrowser browser = new SamlBrowser(TrustingTls.trusting(core.certificates().identity().certificate()));
        String edge = "https://localhost:" + httpsPort;
        String token = SamlBrowser.find(browser.signIn(edge).body(), "\"access_token\"\\s*:\\s*\"([^\"]+)\"");
        assertEquals(1, sso.statistics().successes());

        HttpClient client = browser.client();
        String phonebook = edge + "/example.test/http/127.0.0.1/" + backend.getAddress().getPort()
                + "/phonebook/all";
        HttpResponse<String> through = client.send(HttpRequest.newBuilder(URI.create(phonebook))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, through.statusCode(), through.body());
        assertEquals("entries for alice", through.body(), "the backend learns who signed in at the IdP");

        HttpResponse<String> revoked = client.send(HttpRequest.newBuilder(URI.create(edge
                + "/edge/token/revoke")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoked.statusCode(), revoked.body());
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(phonebook))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, after.statusCode(), "a revoked token no longer opens the proxy");
    }

    /** An internal web service that tells whom the edge said the request is for. */
    private void startPhoneBook() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/phonebook", exchange -> {
            byte[] body = ("entries for " + exchange.getRequestHeaders().getFirst("X-Edge-User"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
    }

    /** A standalone edge with HTTPS on {@code httpsPort}, the domain example.test and SSO on. */
    private EdgeCore startEdge(int httpsPort) throws Exception {
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
        return host.core();
    }
}
