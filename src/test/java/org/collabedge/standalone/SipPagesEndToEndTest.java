package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.collabedge.config.Transport;
import org.collabedge.sip.auth.SipSecrets;
import org.collabedge.sip.config.RegistrationMode;
import org.collabedge.sip.config.StaticRoute;
import org.collabedge.sip.status.CallRecord;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.collabedge.sip.status.SipStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIP pages driven over HTTP against a running standalone host, with a SIP status standing in for the service. */
class SipPagesEndToEndTest {

    private static final String[] PAGES = {"sip-settings", "sip-routes", "sip-secrets", "sip-registrations",
            "sip-calls", "sip-call-history"};
    private static final Pattern SECRET = Pattern.compile("<code id=\"revealed-secret\">([^<]+)</code>");

    @TempDir
    Path data;

    @Test
    void everySipPageNeedsTheLoginAndRendersInItsLanguage() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            for (String page : PAGES) {
                assertEquals(302, edge.get(page).statusCode(), page);
            }
            edge.login();
            for (String page : PAGES) {
                HttpResponse<String> r = edge.get(page);
                assertEquals(200, r.statusCode(), page);
                assertTrue(r.body().contains("content=\"collabedge-" + page + "\""), page);
                assertTrue(r.body().contains("href=\"" + page + "\""), page + " is in the navigation");
                assertFalse(r.body().matches("(?s).*>\\s*(sip|field|error|collabedge)\\.[a-z_.-]+\\s*<.*"),
                        page + " shows a raw i18n key");
            }
            assertTrue(edge.get("sip-registrations").body().contains("No registrations."));
            assertTrue(edge.get("sip-calls").body().contains("No calls."));
        }
    }

    @Test
    void theSipPagesSpeakGermanToAGermanBrowser() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            for (String page : PAGES) {
                String body = edge.http.send(java.net.http.HttpRequest.newBuilder(edge.uri(page))
                        .header("Accept-Language", "de-DE,de;q=0.9").GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(body.contains("<html lang=\"de\">"), page);
                assertFalse(body.matches("(?s).*>\\s*(sip|field|error|collabedge)\\.[a-z_.-]+\\s*<.*"), page);
            }
            String settings = edge.http.send(java.net.http.HttpRequest.newBuilder(edge.uri("sip-settings"))
                    .header("Accept-Language", "de").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(settings.contains("Path-Header (SIP-Path-Header an)"), settings);
        }
    }

    @Test
    void settingsAreSavedAndBadRangesAreRefusedNamingTheField() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("sip-settings").body();
            assertTrue(page.contains("adds its own address in a Path header"), "the seed's explanation is shown");
            assertTrue(page.contains("id=\"sip-listeners\"") && page.contains("<td>WSS</td>"), "listeners listed");
            HttpResponse<String> bad = edge.submit("sip-settings", settings("PATH", "600", "300", "3600", "60"));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("Default registration expiry (seconds): must lie between the minimum (600)"
                    + " and the maximum (3600)"), bad.body());
            assertEquals(RegistrationMode.CONTACT_REWRITE,
                    edge.host.core().sipConfig().current().settings().registrationMode(), "nothing stored");

            HttpResponse<String> ok = edge.submit("sip-settings", settings("PATH", "120", "1800", "7200", "90"));
            assertEquals(302, ok.statusCode());
            var s = edge.host.core().sipConfig().current().settings();
            assertEquals(RegistrationMode.PATH, s.registrationMode());
            assertEquals(List.of("SHA-256"), s.digestAlgorithms());
            assertEquals(1800, s.defaultExpiresSeconds());
        }
        try (RunningEdge again = new RunningEdge(data).login()) {
            assertEquals(90, again.host.core().sipConfig().current().settings().flowTimerSeconds(),
                    "kept across restart");
        }
    }

    @Test
    void theNodeToNodeListenerIsASipSettingRefusedWhenItCannotWork() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("sip-settings").body();
            assertTrue(page.contains("Node-to-node listener port"), "shown on the SIP settings page");
            assertTrue(page.matches("(?s).*id=\"peer-advertised\">tls:[0-9a-f.:\\[\\]]+:\\d+<.*"),
                    "the running node's peer listener is shown");
            Map<String, String> bad = new java.util.HashMap<>(settings("PATH", "120", "1800", "7200", "90"));
            bad.put("peerAddress", "peer.example.com");
            bad.put("peerPort", "5222");
            HttpResponse<String> refused = edge.submit("sip-settings", bad);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("Node-to-node listener address: &#39;peer.example.com&#39; is not an IP"
                    + " address"), refused.body());
            assertTrue(refused.body().contains("Node-to-node listener port: port 5222 is already used by XMPP client"),
                    refused.body());
            assertEquals(RegistrationMode.CONTACT_REWRITE,
                    edge.host.core().sipConfig().current().settings().registrationMode(), "nothing stored");

            Map<String, String> good = new java.util.HashMap<>(settings("PATH", "120", "1800", "7200", "90"));
            good.put("peerAddress", "127.0.0.1");
            good.put("peerPort", "0");
            assertEquals(302, edge.submit("sip-settings", good).statusCode());
            assertEquals("127.0.0.1", edge.host.core().sipPeerSettings().current().address());
            String advertised = edge.host.core().nodes().self().endpoint("sip.peer").orElseThrow();
            assertTrue(advertised.startsWith("tls:127.0.0.1:"), advertised);
        }
    }

    @Test
    void allowedWebSocketOriginsAreShownCheckedAndStoredInSerializedForm() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("sip-settings").body();
            assertTrue(page.contains("Allowed WebSocket origins") && page.contains("id=\"allowedWebSocketOrigins\""),
                    "shown on the SIP settings page");
            Map<String, String> bad = new java.util.HashMap<>(settings("PATH", "120", "1800", "7200", "90"));
            bad.put("allowedWebSocketOrigins", "https://phone.example.com\nphone.example.org/app");
            HttpResponse<String> refused = edge.submit("sip-settings", bad);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("Allowed WebSocket origins: &#39;phone.example.org/app&#39; is not a "
                    + "web origin"), refused.body());
            assertTrue(refused.body().contains("phone.example.org/app</textarea>"), "what was typed is kept");
            assertEquals(List.of(), edge.host.core().sipConfig().current().settings().allowedWebSocketOrigins(),
                    "nothing stored");

            Map<String, String> good = new java.util.HashMap<>(settings("PATH", "120", "1800", "7200", "90"));
            good.put("allowedWebSocketOrigins", "HTTPS://Phone.Example.com:443\r\nhttps://web.example.org:8443");
            assertEquals(302, edge.submit("sip-settings", good).statusCode());
            assertEquals(List.of("https://phone.example.com", "https://web.example.org:8443"),
                    edge.host.core().sipConfig().current().settings().allowedWebSocketOrigins());
            assertTrue(edge.get("sip-settings").body().contains(
                    ">https://phone.example.com\nhttps://web.example.org:8443</textarea>"), "shown as stored");
        }
    }

    private static Map<String, String> settings(String mode, String min, String def, String max, String flow) {
        return Map.of("registrationMode", mode, "edgeAuthForInternal", "off", "digestAlgorithms", "SHA-256",
                "bearerTokens", "on", "minExpiresSeconds", min, "defaultExpiresSeconds", def,
                "maxExpiresSeconds", max, "flowTimerSeconds", flow);
    }

    @Test
    void aStaticRouteIsAddedEditedWarnedAboutAndDeleted() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> ipWithVerify = edge.submit("sip-routes", route(null, "*@Contoso.com", "10.0.0.5",
                    "TLS", "on"));
            assertEquals(400, ipWithVerify.statusCode());
            assertTrue(ipWithVerify.body().contains("Next hop: &#39;10.0.0.5&#39; is not a fully qualified domain"));

            HttpResponse<String> saved = edge.submit("sip-routes", route(null, "*@Contoso.com", "fe.contoso.com",
                    "TLS", "on"));
            assertEquals(302, saved.statusCode());
            assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith("done=route_saved_domain_unknown"),
                    "contoso.com is not a configured domain: saved with a warning");
            String listed = edge.get("sip-routes?done=route_saved_domain_unknown").body();
            assertTrue(listed.contains(">*@contoso.com</a>"), "domain part in lower case");
            assertTrue(listed.contains("fe.contoso.com:5061"));
            assertTrue(listed.contains("domain contoso.com is not configured on the Domains page"));

            HttpResponse<String> duplicate = edge.submit("sip-routes", route(null, "*@contoso.com", "other.contoso.com",
                    "TCP", "off"));
            assertEquals(400, duplicate.statusCode());
            assertTrue(duplicate.body().contains("Pattern: &#39;*@contoso.com&#39; already exists"));

            StaticRoute stored = edge.host.core().sipConfig().current().routes().get(0);
            HttpResponse<String> edited = edge.submit("sip-routes", route(stored.id(), "*@contoso.com", "10.0.0.5",
                    "TCP", "off"));
            assertEquals(302, edited.statusCode());
            StaticRoute after = edge.host.core().sipConfig().current().routes().get(0);
            assertEquals(Transport.TCP, after.transport());
            assertEquals("10.0.0.5", after.nextHopHost());
            assertEquals(1, edge.host.core().sipConfig().current().routes().size(), "edited, not added");

            HttpResponse<String> noneTicked = edge.submit("sip-routes", Map.of("action", "delete-selected"));
            assertEquals(400, noneTicked.statusCode());
            assertTrue(noneTicked.body().contains("no route was selected"));
            assertEquals(302, edge.submit("sip-routes", Map.of("action", "delete-selected", "ids", stored.id()))
                    .statusCode());
            assertTrue(edge.host.core().sipConfig().current().routes().isEmpty());

            Map<String, String> srv = route(null, "*@fabrikam.com", "fabrikam.com", "TLS", "on");
            srv.put("nextHopPort", "");
            assertEquals(302, edge.submit("sip-routes", srv).statusCode(), "no port: DNS NAPTR/SRV find the hop");
            assertEquals(0, edge.host.core().sipConfig().current().routes().get(0).nextHopPort());
            assertTrue(edge.get("sip-routes").body().contains("fabrikam.com (DNS NAPTR/SRV)"));
            Map<String, String> srvForAddress = route(null, "*@northwind.com", "10.0.0.9", "TCP", "off");
            srvForAddress.put("nextHopPort", "");
            HttpResponse<String> refused = edge.submit("sip-routes", srvForAddress);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("an IP address has no SRV records: give a port for 10.0.0.9"));
            edge.submit("sip-routes", Map.of("action", "delete-selected", "ids",
                    edge.host.core().sipConfig().current().routes().get(0).id()));

            edge.submit("sip-routes", route(null, "bob@contoso.com", "fe.contoso.com", "TLS", "on"));
            String id = edge.host.core().sipConfig().current().routes().get(0).id();
            assertEquals(302, edge.submit("sip-routes", Map.of("action", "delete", "id", id)).statusCode());
            assertTrue(edge.host.core().sipConfig().current().routes().isEmpty());
        }
    }

    private static Map<String, String> route(String id, String pattern, String host, String transport,
                                             String verify) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("action", "save", "pattern", pattern,
                "nextHopHost", host, "nextHopPort", "5061", "transport", transport, "tlsVerify", verify));
        if (id != null) {
            form.put("id", id);
        }
        return form;
    }

    @Test
    void aSecretIsShownOnceOnlyToItsAdminAndNeverInAUrl() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            edge.host.users().put("alice", "directory-Passw0rd".toCharArray(), "Alice Example", null);
            HttpResponse<String> unknown = edge.submit("sip-secrets", Map.of("action", "regenerate", "user", "mallory"));
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("there is no user &#39;mallory&#39; in the user directory"));

            assertTrue(edge.get("sip-secrets?user=Alice").body().contains("This user has no SIP secret yet."));
            HttpResponse<String> r = edge.submit("sip-secrets", Map.of("action", "regenerate", "user", "alice"));
            assertEquals(302, r.statusCode());
            String location = r.headers().firstValue("Location").orElseThrow();
            String stored = new String(edge.host.core().sipSecrets().secretOf("alice").orElseThrow());
            assertTrue(stored.length() >= 24);
            assertFalse(location.contains(stored), "the secret is not in the redirect");

            String shown = edge.get(location.substring(location.lastIndexOf('/') + 1)).body();
            Matcher m = SECRET.matcher(shown);
            assertTrue(m.find(), shown);
            assertEquals(stored, m.group(1));
            assertFalse(edge.get(location.substring(location.lastIndexOf('/') + 1)).body().contains(stored),
                    "shown once");
            assertTrue(edge.get("sip-secrets").body().contains(">alice</a>"), "listed among the holders");
            assertFalse(Files.readString(data.resolve("config").resolve(
                    "sip-secret-holders.json")).contains(stored), "the holders document holds names only");

            HttpResponse<String> weak = edge.submit("sip-secrets", Map.of("action", "set", "user", "alice",
                    "secret", "short"));
            assertEquals(400, weak.statusCode());
            assertTrue(weak.body().contains("Secret: at least 12 characters are required"));
            assertEquals(stored, new String(edge.host.core().sipSecrets().secretOf("alice").orElseThrow()));

            HttpResponse<String> set = edge.submit("sip-secrets", Map.of("action", "set", "user", "alice",
                    "secret", "Correct-Horse-42"));
            assertEquals(302, set.statusCode());
            assertEquals("Correct-Horse-42", new String(edge.host.core().sipSecrets().secretOf("ALICE").orElseThrow()));
            assertTrue(edge.host.core().host().secrets().contains(SipSecrets.secretId("alice")));

            assertEquals(302, edge.submit("sip-secrets", Map.of("action", "delete", "user", "alice")).statusCode());
            assertTrue(edge.host.core().sipSecrets().secretOf("alice").isEmpty());
            assertTrue(edge.get("sip-secrets").body().contains("No user has a SIP secret yet."));
        }
    }

    @Test
    void registrationsAndCallsShowWhatTheSipServiceReports() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            Instant now = Instant.now();
            SipStatus fake = new SipStatus() {
                @Override
                public List<RegistrationView> registrations() {
                    return List.of(
                            new RegistrationView("sip:alice@example.com", "<sip:alice@198.51.100.7:5061;transport=tls>",
                                    "TLS", "198.51.100.7:40123", now.plusSeconds(600), "node-a", FlowState.OPEN,
                                    "Baresip/1.0", false),
                            new RegistrationView("sip:bob@example.com", "<sip:bob@203.0.113.9:5060>", "UDP",
                                    "203.0.113.9:5060", now.plusSeconds(60), "node-b", FlowState.DATAGRAM,
                                    "<script>alert(1)</script>", true));
                }

                @Override
                public List<CallRecord> currentCalls() {
                    return List.of(new CallRecord("c1", "sip:alice@example.com", "sip:bob@example.com",
                            "edge registrar", "node-a", now.minusSeconds(75), now.minusSeconds(65), null, 200, null));
                }

                @Override
                public List<CallRecord> callHistory() {
                    return List.of(
                            new CallRecord("c0", "sip:bob@example.com", "sip:carol@contoso.com",
                                    "static route *@contoso.com", "node-b", now.minusSeconds(600),
                                    now.minusSeconds(590), now.minusSeconds(470), 200, "BYE from caller"),
                            new CallRecord("c2", "sip:alice@example.com", "sip:dave@example.com", "edge registrar",
                                    "node-a", now.minusSeconds(300), null, now.minusSeconds(290), 486,
                                    "486 Busy Here"));
                }
            };
            edge.host.core().useSipStatus(fake);

            String regs = edge.get("sip-registrations").body();
            assertTrue(regs.contains("198.51.100.7:40123") && regs.contains("Baresip/1.0") && regs.contains("node-b"));
            assertTrue(regs.contains("&lt;script&gt;"), "user agents are escaped");
            assertTrue(regs.contains("relayed to internal call control"));
            String filtered = edge.get("sip-registrations?address=BOB").body();
            assertTrue(filtered.contains("Showing 1 of 2 registrations."));
            assertFalse(filtered.contains("sip:alice@example.com"));

            String calls = edge.get("sip-calls").body();
            assertTrue(calls.contains("1 call(s) in progress."));
            assertTrue(calls.contains("connected") && calls.contains("edge registrar"));

            String history = edge.get("sip-call-history").body();
            assertTrue(history.contains("0:02:00"), "talk time of the answered call");
            assertTrue(history.contains("completed (200)") && history.contains("failed (486)"));
            assertTrue(history.contains("BYE from caller") && history.contains("static route *@contoso.com"));
            assertTrue(history.contains("<svg") && history.contains("class=\"bar\""), "calls per minute chart");
            String nodeB = edge.get("sip-call-history?node=node-b").body();
            assertTrue(nodeB.contains("1 call(s).") && !nodeB.contains("486 Busy Here"));
        }
    }
}
