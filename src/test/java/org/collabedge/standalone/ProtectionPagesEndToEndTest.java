package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three protection pages driven over HTTP on a running standalone host. */
class ProtectionPagesEndToEndTest {

    @TempDir
    Path data;

    /** The settings form as the page draws it with the defaults. */
    private static Map<String, String> defaultForm() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("maxAuthorizationsPerPeriod", "3");
        f.put("rateControlPeriodSeconds", "300");
        f.put("intrusionProtectionEnabled", "on");
        for (FailureCategory c : FailureCategory.values()) {
            f.put(c.key() + ".enabled", c == FailureCategory.HTTP_PROXY_RESOURCE_ACCESS ? "off" : "on");
            f.put(c.key() + ".threshold", "5");
            f.put(c.key() + ".windowSeconds", "600");
            f.put(c.key() + ".banSeconds", "600");
        }
        return f;
    }

    @Test
    void settingsAreShownSavedAndRefusedFieldByField() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            String page = edge.get("protection").body();
            assertTrue(page.contains("<meta name=\"pageID\" content=\"collabedge-protection\"/>"));
            assertTrue(page.contains("name=\"maxAuthorizationsPerPeriod\" min=\"1\" max=\"100000\" required value=\"3\""));
            assertTrue(page.contains("HTTP proxy resource access failure"));
            assertTrue(page.contains("Do not enable HTTP proxy resource access failure"), "the seed's advice");

            Map<String, String> bad = defaultForm();
            bad.put("sip_authentication.threshold", "0");
            HttpResponse<String> refused = edge.submit("protection", bad);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("SIP authentication failure: trigger level: 0 is outside 1 to 100000"),
                    refused.body());
            assertTrue(refused.body().contains("value=\"0\"><span class=\"field-error\">0 is outside"),
                    "the error stands next to its field, which keeps the value typed");
            Map<String, String> notANumber = defaultForm();
            notANumber.put("rateControlPeriodSeconds", "soon");
            HttpResponse<String> unreadable = edge.submit("protection", notANumber);
            assertEquals(400, unreadable.statusCode());
            assertTrue(unreadable.body().contains("Rate control period (seconds): &#39;soon&#39; is not a whole number"));
            assertEquals(3, edge.host.core().protectionService().config().current().maxAuthorizationsPerPeriod());

            Map<String, String> good = defaultForm();
            good.put("sip_authentication.enabled", "on");
            good.put("sip_authentication.threshold", "7");
            good.put("maxAuthorizationsPerPeriod", "10");
            HttpResponse<String> saved = edge.submit("protection", good);
            assertEquals(302, saved.statusCode());
            assertTrue(saved.headers().firstValue("Location").orElse("").endsWith("protection?done=protection_saved"));
            assertTrue(edge.get("protection?done=protection_saved").body().contains("Protection settings saved"));
        }
        try (RunningEdge again = new RunningEdge(data).login()) {
            var s = again.host.core().protectionService().config().current();
            assertEquals(10, s.maxAuthorizationsPerPeriod(), "kept across a restart");
            assertEquals(7, s.category(FailureCategory.SIP_AUTHENTICATION).threshold());
            assertTrue(s.category(FailureCategory.SIP_AUTHENTICATION).enabled());
        }
    }

    @Test
    void aBannedAddressIsListedWithCountersAndCanBeUnbanned() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            Protection p = edge.host.core().protection();
            InetAddress attacker = InetAddress.getByName("203.0.113.5");
            for (int i = 0; i < 5; i++) {
                p.events().failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, attacker, "mallory");
            }
            edge.host.core().protectionService().flush();
            assertFalse(p.gate().admits(attacker));
            String bans = edge.get("bans").body();
            assertTrue(bans.contains("<td class=\"address\">203.0.113.5</td>"), bans);
            assertTrue(bans.contains("<td>HTTP proxy authorization failure</td>"));
            assertTrue(bans.contains("<tr id=\"counter-http_proxy_authorization\"><td>HTTP proxy authorization "
                    + "failure</td><td>5</td><td>1</td></tr>"), bans);
            assertTrue(bans.contains("Bans per minute, last hour (all nodes): 1 in total"));
            assertTrue(bans.contains("<polyline"));

            HttpResponse<String> unbanned = edge.submit("bans", Map.of("address", "203.0.113.5"));
            assertEquals(302, unbanned.statusCode());
            assertTrue(p.gate().admits(attacker));
            String after = edge.get("bans?done=unbanned").body();
            assertTrue(after.contains("Ban lifted."));
            assertTrue(after.contains("No address is banned."));
            assertTrue(after.contains("<td colspan=\"2\" id=\"unbans-admin\">1</td>"));

            HttpResponse<String> again = edge.submit("bans", Map.of("address", "203.0.113.5"));
            assertEquals(400, again.statusCode());
            assertTrue(again.body().contains("is not banned (any more)"));

            String metrics = edge.http.send(HttpRequest.newBuilder(edge.uri("metrics")).header("Accept", "text/plain")
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("collabedge_protection_unbans_total{reason=\"admin\"} 1.0"), metrics);
        }
    }

    @Test
    void exemptionsAreAddedRefusedAndDeleted() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> added = edge.submit("exemptions", Map.of("action", "add",
                    "exemption", "2001:db8::/32"));
            assertEquals(302, added.statusCode());
            assertTrue(edge.get("exemptions").body().contains("<td class=\"exemption\">2001:db8:0:0:0:0:0:0/32</td>"));

            HttpResponse<String> refused = edge.submit("exemptions", Map.of("action", "add",
                    "exemption", "vpn.example"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("is not an IPv4 or IPv6 address or CIDR block"));
            assertTrue(refused.body().contains("value=\"vpn.example\""), "the form keeps what was typed");

            Protection p = edge.host.core().protection();
            for (int i = 0; i < 20; i++) {
                p.events().failure(FailureCategory.HTTP_PROXY_PROTOCOL, InetAddress.getByName("2001:db8::9"), null);
            }
            edge.host.core().protectionService().flush();
            assertTrue(p.gate().admits(InetAddress.getByName("2001:db8::9")));

            HttpResponse<String> deleted = edge.submit("exemptions", Map.of("action", "delete",
                    "exemption", "2001:db8:0:0:0:0:0:0/32"));
            assertEquals(302, deleted.statusCode());
            assertTrue(edge.get("exemptions").body().contains("No exemption is configured."));
        }
    }

    @Test
    void thePagesSpeakGerman() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            for (String page : new String[] {"protection", "bans", "exemptions"}) {
                String body = edge.http.send(HttpRequest.newBuilder(edge.uri(page)).header("Accept-Language", "de")
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(body.contains("Sperren"), page);
                assertFalse(body.contains("protection."), page + " shows a raw i18n key");
                assertFalse(body.contains("category."), page + " shows a raw i18n key");
            }
        }
    }

    @Test
    void aBanOutlivesARestartOfTheHostAndAnUnreadableSavedListIsShown() throws Exception {
        InetAddress attacker = InetAddress.getByName("203.0.113.6");
        try (RunningEdge edge = new RunningEdge(data)) {
            Protection p = edge.host.core().protection();
            for (int i = 0; i < 5; i++) {
                p.events().failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, attacker, "mallory");
            }
            edge.host.core().protectionService().flush();
        }
        try (RunningEdge restarted = new RunningEdge(data).login()) {
            assertFalse(restarted.host.core().protection().gate().admits(attacker), "banned after the restart");
            String bans = restarted.get("bans").body();
            assertTrue(bans.contains("<td class=\"address\">203.0.113.6</td>"), bans);
            assertFalse(bans.contains("ban-store-problem"));
        }
        java.nio.file.Files.writeString(data.resolve("config").resolve("protection-ban-list.json"), "[not json");
        try (RunningEdge corrupt = new RunningEdge(data).login()) {
            String bans = corrupt.get("bans").body();
            assertTrue(bans.contains("id=\"ban-store-problem\""), bans);
            assertTrue(bans.contains("The saved ban list could not be used"));
            assertTrue(bans.contains("No address is banned."), "nothing restored from it");
        }
    }
}
