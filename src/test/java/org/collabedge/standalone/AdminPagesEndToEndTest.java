package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin pages driven over HTTP against a running standalone host, as an admin would use them. */
class AdminPagesEndToEndTest {

    @TempDir
    Path data;

    @Test
    void everyPageNeedsTheAdminLogin() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            for (String page : new String[] {"status", "domains", "deployments", "internal-servers",
                    "edge-settings", "certificates", "metrics"}) {
                HttpResponse<String> r = edge.get(page);
                assertEquals(302, r.statusCode(), page);
                assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/login"), page);
            }
            HttpResponse<String> wrong = edge.post("login", Map.of("username", "admin", "password", "nope"));
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("Wrong user name or password"));
        }
    }

    @Test
    void everyPageRendersInTheStandaloneFrameWithItsPageId() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            for (String page : new String[] {"status", "domains", "deployments", "internal-servers",
                    "edge-settings", "certificates", "metrics"}) {
                HttpResponse<String> r = edge.get(page);
                assertEquals(200, r.statusCode(), page);
                assertTrue(r.body().contains("<meta name=\"pageID\" content=\"collabedge-" + page + "\"/>"), page);
                assertTrue(r.body().contains("<nav>"), page);
                assertFalse(r.body().contains("collabedge.page."), page + " shows a raw i18n key");
            }
        }
    }

    @Test
    void addingADomainThroughTheFormListsItAndKeepsItAcrossRestart() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> saved = edge.submit("domains", Map.of("action", "save", "name", "Example.COM",
                    "sipOnEdge", "off", "sipOnInternal", "off", "imAndPresence", "on", "xmppFederation", "off"));
            assertEquals(302, saved.statusCode());
            String listed = edge.get("domains").body();
            assertTrue(listed.contains(">example.com</a>"), "domain listed in canonical lower case");
            assertTrue(listed.contains("implied by IM and presence"), "IM and presence implies internal SIP");
        }
        try (RunningEdge again = new RunningEdge(data).login()) {
            assertTrue(again.get("domains").body().contains(">example.com</a>"));
            assertTrue(again.get("status").body().contains("has no IM and presence server"),
                    "status names the missing IM and presence server");
        }
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> r = edge.post("domains", Map.of("action", "save", "name", "evil.example"));
            assertEquals(403, r.statusCode());
            HttpResponse<String> forged = edge.post("domains", Map.of("action", "save", "name", "evil.example",
                    "csrf", "forged-token"));
            assertEquals(403, forged.statusCode());
            assertFalse(edge.get("domains").body().contains("evil.example"));
        }
    }

    @Test
    void badValuesAreRefusedWithTheFieldAndTheProblemNamed() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> badDomain = edge.submit("domains", Map.of("action", "save", "name", "not a domain"));
            assertEquals(400, badDomain.statusCode());
            assertTrue(badDomain.body().contains("Domain name: &#39;not a domain&#39; is not a valid domain name"),
                    badDomain.body());

            HttpResponse<String> openfirePort = edge.submit("edge-settings", settings("5222"));
            assertEquals(400, openfirePort.statusCode());
            assertTrue(openfirePort.body().contains("SIP TLS port: port 5222 is used by Openfire (XMPP client)"));

            HttpResponse<String> notANumber = edge.submit("edge-settings", settings("50x"));
            assertEquals(400, notANumber.statusCode());
            assertTrue(notANumber.body().contains("SIP TLS port: &#39;50x&#39; is not a whole number"));

            HttpResponse<String> ipWithVerify = edge.submit("internal-servers", Map.of("action", "save",
                    "type", "CALL_CONTROL", "address", "10.1.2.3", "port", "5061", "transport", "TLS",
                    "tlsVerify", "on"));
            assertEquals(400, ipWithVerify.statusCode());
            assertTrue(ipWithVerify.body().contains("is not a fully qualified domain name"));
            assertTrue(edge.get("edge-settings").body().contains("value=\"5061\""), "settings unchanged");

            HttpResponse<String> srv = edge.submit("internal-servers", Map.of("action", "save",
                    "type", "CALL_CONTROL", "address", "cc.example.invalid", "port", "", "transport", "TLS",
                    "tlsVerify", "on"));
            assertEquals(302, srv.statusCode(), "call control by name may leave the port to DNS SRV");
            assertEquals(0, edge.host.core().config().current().servers().get(0).port());
            HttpResponse<String> webWithoutPort = edge.submit("internal-servers", Map.of("action", "save",
                    "type", "WEB_SERVICE", "address", "web.example.invalid", "port", "", "transport", "HTTPS",
                    "tlsVerify", "on"));
            assertEquals(400, webWithoutPort.statusCode(), "only call control is found through SRV");
        }
    }

    @Test
    void anInternalServerIsTestedWhenAddedAndItsPasswordIsNeverShown() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login();
             var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // Nothing speaks SIP on this port: the test must say so, naming the server.
            int port = listener.getLocalPort();
            listener.close();
            HttpResponse<String> r = edge.submit("internal-servers", Map.of("action", "save",
                    "type", "CALL_CONTROL", "address", "127.0.0.1", "port", String.valueOf(port), "transport", "TCP",
                    "username", "axl", "password", "s3cret-Passw0rd"));
            assertEquals(302, r.statusCode());
            String page = edge.get("internal-servers").body();
            assertTrue(page.contains("127.0.0.1:" + port));
            assertTrue(page.contains("Unreachable"), "result of the connectivity test is shown");
            assertTrue(page.contains("password stored"));
            assertFalse(page.contains("s3cret-Passw0rd"), "the password never comes back");
            for (Path f : (Iterable<Path>) Files.walk(data)::iterator) {
                if (Files.isRegularFile(f)) {
                    assertFalse(Files.readString(f).contains("s3cret-Passw0rd"), f + " holds the password");
                }
            }
            assertTrue(edge.get("status").body().contains("failed its last test"));
        }
    }

    @Test
    void deploymentsCanBeAddedRenamedAndDeletedButNotTheDefault() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            assertEquals(302, edge.submit("deployments", Map.of("action", "add", "name", "Staging")).statusCode());
            String page = edge.get("deployments").body();
            assertTrue(page.contains("Staging"));
            assertTrue(page.contains("value=\"default\""));
            assertEquals(302, edge.submit("deployments", Map.of("action", "rename", "id", "default",
                    "name", "Live")).statusCode());
            HttpResponse<String> refused = edge.submit("deployments", Map.of("action", "delete", "id", "default"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("the default deployment cannot be deleted"));
            assertTrue(edge.get("deployments").body().contains("Live"));
        }
    }

    @Test
    void metricsAreServedInPrometheusFormatToScrapersWithoutLogin() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            HttpResponse<String> r = edge.http.send(HttpRequest.newBuilder(edge.uri("metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(r.body().contains("# TYPE collabedge_config_items gauge"));
            assertTrue(r.body().contains("collabedge_tls_certificate_expiry_seconds"));
        }
    }

    @Test
    void pagesSpeakGermanToAGermanBrowser() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> r = edge.http.send(HttpRequest.newBuilder(edge.uri("domains"))
                    .header("Accept-Language", "de-DE,de;q=0.9").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("lang=\"de\""));
            assertFalse(r.body().contains("No domains yet"), "English text on a German page");
        }
    }

    @Test
    void certificatesAreCheckedBeforeInstallingAndCasCanBeTrustedAndRemoved() throws Exception {
        var factory = new org.collabedge.cert.SelfSignedCertificateFactory(java.time.Clock.systemUTC());
        var mine = factory.create("edge.example.com");
        var other = factory.create("other.example.com");
        String certificate = org.collabedge.cert.Pem.encode(mine.certificate());
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> mismatch = edge.submit("certificates", Map.of("action", "install",
                    "certificate", certificate, "key", org.collabedge.cert.Pem.encodePrivateKey(other.key())));
            assertEquals(400, mismatch.statusCode());
            assertTrue(mismatch.body().contains("The private key does not belong to the certificate"));
            assertFalse(mismatch.body().contains("PRIVATE KEY-----\n"), "the key is not echoed back");

            HttpResponse<String> notPem = edge.submit("certificates", Map.of("action", "install",
                    "certificate", "hello", "key", "world"));
            assertEquals(400, notPem.statusCode());

            HttpResponse<String> installed = edge.submit("certificates", Map.of("action", "install",
                    "certificate", certificate, "key", org.collabedge.cert.Pem.encodePrivateKey(mine.key())));
            assertEquals(302, installed.statusCode());
            String page = edge.get("certificates").body();
            assertTrue(page.contains("installed by the admin"));
            assertTrue(page.contains(mine.sha256Fingerprint()));

            assertEquals(302, edge.submit("certificates", Map.of("action", "trust",
                    "caPem", org.collabedge.cert.Pem.encode(other.certificate()))).statusCode());
            assertTrue(edge.get("certificates").body().contains(other.sha256Fingerprint()));
            assertEquals(302, edge.submit("certificates", Map.of("action", "untrust",
                    "fingerprint", other.sha256Fingerprint())).statusCode());
            assertFalse(edge.get("certificates").body().contains(other.sha256Fingerprint()));
        }
        try (RunningEdge again = new RunningEdge(data).login()) {
            assertTrue(again.get("certificates").body().contains(mine.sha256Fingerprint()), "kept across restart");
        }
    }

    private static Map<String, String> settings(String sipTlsPort) {
        return Map.ofEntries(Map.entry("publicHostName", "edge.example.com"), Map.entry("listenAddress", "0.0.0.0"),
                Map.entry("sipTlsEnabled", "on"), Map.entry("sipTlsPort", sipTlsPort),
                Map.entry("sipTcpEnabled", "off"), Map.entry("sipTcpPort", "5060"),
                Map.entry("sipUdpEnabled", "off"), Map.entry("sipUdpPort", "5060"),
                Map.entry("sipWssEnabled", "off"), Map.entry("sipWssPort", "7444"),
                Map.entry("httpsPort", "8443"), Map.entry("mediaPortMin", "36000"),
                Map.entry("mediaPortMax", "59999"), Map.entry("turnEnabled", "off"), Map.entry("turnPort", "3478"));
    }
}
