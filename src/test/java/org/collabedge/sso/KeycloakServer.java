package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.collabedge.testing.peers.Peers;

/**
 * A real SAML IdP: Keycloak (the dist from Maven Central) in dev mode on 127.0.0.1, and its admin API for what the
 * tests need (a realm with user alice and a SAML client made from our SP metadata, the realm's IdP descriptor).
 * Started through {@link KeycloakExtension}, once per JVM: it takes minutes on a loaded builder.
 */
final class KeycloakServer implements AutoCloseable {

    static final String VERSION = "26.7.3";

    private final Process process;
    private final String base;

    private KeycloakServer(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** The Keycloak dist if Maven fetched it (failsafe names it) or it is in the local repository; else null. */
    static Path dist() {
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

    /** Unpacks {@code dist} under target/ (once) and starts Keycloak; returns when its master realm answers. */
    static KeycloakServer start(Path dist) throws Exception {
        Path home = Path.of("target", "keycloak-it", "keycloak-" + VERSION).toAbsolutePath();
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            Files.createDirectories(home.getParent());
            Process tar = new ProcessBuilder("tar", "xzf", dist.toString(), "-C", home.getParent().toString())
                    .inheritIO().start();
            assertTrue(tar.waitFor(5, TimeUnit.MINUTES) && tar.exitValue() == 0, "untar Keycloak");
        }
        int port = Peers.freePort();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + Peers.freePort())
                .redirectErrorStream(true).redirectOutput(home.getParent().resolve("keycloak.log").toFile());
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-pw");
        KeycloakServer keycloak = new KeycloakServer(pb.start(), "http://127.0.0.1:" + port);
        try {
            keycloak.awaitReady();
        } catch (Exception | Error e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6)); // 2.3 min seen on the loaded 2-core builder
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertTrue(process.isAlive(), "Keycloak exited; see target/keycloak-it/keycloak.log");
            assertTrue(Instant.now().isBefore(deadline), "Keycloak did not start within 6 minutes");
            Thread.sleep(1000);
        }
    }

    /** Where Keycloak answers, such as {@code http://127.0.0.1:41234}. */
    String base() {
        return base;
    }

    /**
     * A fresh realm (Keycloak's dev database outlives a run in target/) with alice (password alice-pw) and a SAML
     * client for our SP: requests signed by us, responses and assertions signed, assertions encrypted to us.
     */
    String importRealm(String entityId, String acs, byte[] spCertificate) throws Exception {
        HttpClient admin = HttpClient.newHttpClient();
        String token = SamlBrowser.find(admin.send(HttpRequest.newBuilder(URI.create(base
                + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "grant_type=password&client_id=admin-cli&username=admin&password=admin-pw")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "\"access_token\"\\s*:\\s*\"([^\"]+)\"");
        String realm = "edge-" + Long.toHexString(System.nanoTime());
        String cert = Base64.getEncoder().encodeToString(spCertificate);
        HttpResponse<String> created = admin.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realmJson(realm, entityId, acs, cert))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return realm;
    }

    /** Where the realm publishes its SAML IdP metadata. */
    String descriptorUrl(String realm) {
        return base + "/realms/" + realm + "/protocol/saml/descriptor";
    }

    /** The realm's SAML IdP metadata. */
    String descriptor(String realm) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(descriptorUrl(realm))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String realmJson(String name, String entityId, String acs, String cert) {
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

    /** Stops Keycloak and the JVM its script started. */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
