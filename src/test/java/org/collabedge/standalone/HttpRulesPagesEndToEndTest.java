package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.collabedge.config.Deployment;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.http.ProxyTarget;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.RuleDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP allow-list pages driven over HTTP against a running standalone host, as an admin would use them. */
class HttpRulesPagesEndToEndTest {

    private static final String[] PAGES = {"http-allow-list", "http-rule", "http-upload-rules", "http-export-rules",
        "http-automatic-rules", "http-allow-list-tests", "http-blocked", "http-proxy-settings"};
    /** An i18n key that reached the page untranslated. */
    private static final Pattern RAW_KEY = Pattern.compile("(?<![\\w/.:-])(http|field|error|flash|collabedge)\\.[a-z_-]+\\.[a-zA-Z_.-]+");

    @TempDir
    Path data;

    private static void assertTranslated(String page, String body) {
        var m = RAW_KEY.matcher(body);
        assertFalse(m.find(), page + " shows a raw i18n key: " + (m.hitEnd() ? "" : m.group()));
    }

    @Test
    void everyPageNeedsTheLoginAndRendersTranslated() throws Exception {
        try (RunningEdge edge = new RunningEdge(data)) {
            for (String page : PAGES) {
                assertEquals(302, edge.get(page).statusCode(), page);
            }
            edge.login();
            for (String page : PAGES) {
                HttpResponse<String> r = edge.get(page);
                assertEquals(200, r.statusCode(), page);
                assertTrue(r.body().contains("<meta name=\"pageID\" content=\"collabedge-" + page + "\"/>"), page);
                assertTranslated(page, r.body());
            }
        }
    }

    @Test
    void anAdminCreatesEditsAndBulkDeletesRules() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> refused = edge.submit("http-rule", Map.of("url", "ftp://x", "methodsMode",
                    "choose", "matchType", "EXACT", "authenticationRequired", "on"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("does not start with http:// or https://"));
            assertTrue(refused.body().contains("choose at least one method"));
            assertTrue(refused.body().contains("value=\"ftp://x\""), "the refused form keeps what was typed");

            HttpResponse<String> saved = edge.submit("http-rule", Map.of("url", "https://Photos.example.com/dir/",
                    "methodsMode", "choose", "method.GET", "on", "method.HEAD", "on", "matchType", "PREFIX",
                    "description", "Directory photos", "authenticationRequired", "on"));
            assertEquals(302, saved.statusCode());
            assertTrue(saved.headers().firstValue("Location").orElseThrow().contains("done=http_rule_saved"));
            String list = edge.get("http-allow-list").body();
            assertTrue(list.contains(">https://photos.example.com/dir/</a>"), list);
            assertTrue(list.contains("GET, HEAD"));

            AllowListService allow = edge.host.core().allowList();
            String id = allow.rules().rules().get(0).id();
            assertTrue(edge.get("http-rule?id=" + id).body().contains("Directory photos"));
            assertEquals(302, edge.submit("http-allow-list", Map.of("action", "defaults", "method.GET", "on",
                    "method.POST", "on")).statusCode());
            assertEquals(java.util.List.of("GET", "POST"), allow.rules().defaultMethods());
            edge.submit("http-rule", Map.of("url", "https://other.example.com", "methodsMode", "defaults",
                    "matchType", "PREFIX", "authenticationRequired", "off"));
            assertTrue(edge.get("http-allow-list").body().contains("GET, POST"), "defaults shown for the rule");

            assertEquals(400, edge.submit("http-allow-list", Map.of("action", "delete")).statusCode(),
                    "nothing selected");
            Map<String, String> all = new HashMap<>(Map.of("action", "delete"));
            allow.rules().rules().forEach(r -> all.put("select." + r.id(), "on"));
            assertEquals(302, edge.submit("http-allow-list", all).statusCode());
            assertTrue(allow.rules().rules().isEmpty());
        }
    }

    @Test
    void anUploadWithBadRowsImportsNothingUnlessTheAdminTakesTheValidRows() throws Exception {
        String csv = "Url,Deployment,HttpMethods,MatchType,Description\n"
                + "https://a.example.com/one,,GET,,\"First\"\n"
                + "https://a.example.com/two,,BREW,,\n"
                + "https://a.example.com/three,,,exact,\n";
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> r = edge.submit("http-upload-rules", Map.of("action", "upload", "csv", csv));
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("<tr><td>3</td><td>Allowed methods: &#39;BREW&#39; is not one of"), r.body());
            assertTrue(r.body().contains("Import the 2 valid rows"));
            AllowListService allow = edge.host.core().allowList();
            assertTrue(allow.rules().rules().isEmpty(), "nothing imported");

            assertEquals(302, edge.submit("http-upload-rules", Map.of("action", "import-valid", "csv", csv))
                    .statusCode());
            assertEquals(2, allow.rules().rules().size());

            HttpResponse<String> export = edge.get("http-export-rules?download=csv");
            assertEquals(200, export.statusCode());
            assertTrue(export.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
            assertTrue(export.headers().firstValue("Content-Disposition").orElseThrow().contains(".csv"));
            assertEquals("Url,Deployment,HttpMethods,MatchType,Description\r\n"
                    + "https://a.example.com/one,,GET,prefix,First\r\n"
                    + "https://a.example.com/three,,,exact,\r\n", export.body());
        }
    }

    @Test
    void testsRunAgainstTheRulesAndBlocksAreCountedAndLogged() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            InternalServer cucm = edge.host.core().config().saveServer(new InternalServer(null,
                    ServerType.CALL_CONTROL, "cucm.example.com", 5061, Transport.TLS, false, null,
                    Deployment.DEFAULT_ID), null);
            String auto = edge.get("http-automatic-rules").body();
            assertTrue(auto.contains("cucm.example.com:5061"), "the server is listed");
            assertTrue(auto.contains(">https://cucm.example.com:8443/cucm-uds/</a>"), auto);

            String tests = "Url,ExpectedResult,Deployment,Description,HttpMethod\n"
                    + "https://cucm.example.com:8443/cucm-uds/users,allow,,\"user lookup\",GET\n"
                    + "https://cucm.example.com:8443/cucm-uds/users,allow,,\"wrongly expected\",POST\n";
            assertEquals(302, edge.submit("http-allow-list-tests", Map.of("csv", tests)).statusCode());
            String report = edge.get("http-allow-list-tests").body();
            assertTrue(report.contains("1 passed, 1 failed, 0 not run"), report);

            AllowListService allow = edge.host.core().allowList();
            ProxyTarget t = new ProxyTarget(Deployment.DEFAULT_ID, "https", "cucm.example.com", 8443,
                    "/cucm-uds/users", null);
            allow.passed(allow.decide(t, "GET"));
            RuleDecision post = allow.decide(t, "POST");
            allow.blocked(t, "POST", post, InetAddress.getLoopbackAddress());
            String blocked = edge.get("http-blocked").body();
            assertTrue(blocked.contains("https://cucm.example.com:8443/cucm-uds/users"), blocked);
            assertTrue(blocked.contains("a rule matches the URL but not the method"));
            String rule = edge.get("http-rule?id=" + post.ruleId()).body();
            assertTrue(rule.contains("<th>Hits</th><td>1</td>") && rule.contains("<th>Blocks</th><td>1</td>"), rule);

            edge.host.core().config().deleteServer(cucm.id());
            assertTrue(edge.get("http-automatic-rules").body().contains("No automatic rules"));
        }
    }

    @Test
    void aFileOfTenThousandRulesUploadsAsAMultipartFileBeyondTheFormLimit() throws Exception {
        StringBuilder csv = new StringBuilder("Url,Deployment,HttpMethods,MatchType,Description\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append("https://host").append(i % 50).append(".example.com/service/").append(i)
                    .append("/,,GET,,\"rule ").append(i).append("\"\n");
        }
        assertTrue(csv.length() > 200_000 * 2, "far larger than Openfire's 200 kB form limit");
        try (RunningEdge edge = new RunningEdge(data).login()) {
            HttpResponse<String> r = edge.upload("http-upload-rules", Map.of("action", "upload"), "rules.csv",
                    csv.toString());
            assertEquals(302, r.statusCode(), r.body());
            AllowListService allow = edge.host.core().allowList();
            assertEquals(10_000, allow.rules().rules().size());
            assertTrue(allow.decide(new ProxyTarget(Deployment.DEFAULT_ID, "https", "host7.example.com", 443,
                    "/service/9957/x", null), "GET").allowed());
        }
    }

    @Test
    void anUploadAboveTheConfiguredSizeIsRefusedAndABadFileKeepsItsRowsForTheValidImport() throws Exception {
        try (RunningEdge edge = new RunningEdge(data).login()) {
            var settings = edge.host.core().httpEdge().settings();
            var s = settings.current();
            settings.save(new org.collabedge.http.ProxySettings(s.requestHeaderKiB(), s.requestBodyMiB(),
                    s.clientIdleSeconds(), s.backendIdleSeconds(), s.totalTimeoutSeconds(), s.connectTimeoutSeconds(),
                    s.maxConnectionsPerBackend(), 1));
            String big = "Url,Deployment,HttpMethods,MatchType,Description\n"
                    + "https://a.example.com/x,,,,\"" + "d".repeat(1_200_000) + "\"\n";
            HttpResponse<String> refused = edge.upload("http-upload-rules", Map.of("action", "upload"), "big.csv", big);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("larger than 1 MiB"), refused.body());

            String csv = "Url,Deployment,HttpMethods,MatchType,Description,AuthenticationRequired\n"
                    + "https://a.example.com/open,,GET,,,false\n"
                    + "https://a.example.com/bad,,,,,perhaps\n";
            HttpResponse<String> bad = edge.upload("http-upload-rules", Map.of("action", "upload"), "r.csv", csv);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("<tr><td>3</td>"), bad.body());
            assertTrue(bad.body().contains("Import the 1 valid rows"));
            assertEquals(302, edge.submit("http-upload-rules", Map.of("action", "import-valid", "csv", csv))
                    .statusCode());
            AllowListService allow = edge.host.core().allowList();
            assertEquals(1, allow.rules().rules().size());
            assertFalse(allow.rules().rules().get(0).authenticationRequired());
            assertTrue(edge.get("http-export-rules?download=csv").body()
                    .startsWith("Url,Deployment,HttpMethods,MatchType,Description,AuthenticationRequired\r\n"));
        }
    }
}
