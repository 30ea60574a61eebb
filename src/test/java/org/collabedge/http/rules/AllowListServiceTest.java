package org.collabedge.http.rules;

import static org.collabedge.http.rules.RulesFixture.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.config.ValidationException;
import org.collabedge.http.ProxyTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow list as a service: stored rules, defaults that rules follow, automatic rules, counters and the log. */
class AllowListServiceTest {

    @TempDir
    Path dir;

    @Test
    void stopEndsTheCounterThreadBeforeItReturns() {
        for (int i = 0; i < 20; i++) { // the thread ended "soon after" stop() often enough to pass once
            RulesFixture f = new RulesFixture(dir);
            f.close();
            assertTrue(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .noneMatch(t -> t.getName().equals("collabedge-http-rules-counters")),
                    "the counter publishing thread outlived stop()");
        }
    }

    @Test
    void rulesThatUseTheDefaultsFollowAChangeOfTheDefaults() {
        try (RulesFixture f = new RulesFixture(dir)) {
            f.save("https://h.example.com/d", MatchType.EXACT);
            f.save("https://h.example.com/own", MatchType.EXACT, "PUT");
            assertTrue(f.allows("GET", "https", "h.example.com", 443, "/d"), "GET is the first default");
            assertFalse(f.allows("POST", "https", "h.example.com", 443, "/d"));

            f.service.setDefaultMethods(List.of("POST"));
            assertTrue(f.allows("POST", "https", "h.example.com", 443, "/d"));
            assertFalse(f.allows("GET", "https", "h.example.com", 443, "/d"));
            assertTrue(f.allows("PUT", "https", "h.example.com", 443, "/own"), "own methods do not follow");

            f.service.setDefaultMethods(List.of());
            assertFalse(f.allows("POST", "https", "h.example.com", 443, "/d"), "no defaults: nothing passes");
        }
    }

    @Test
    void rulesAreValidatedAndKeptAcrossARestart() {
        try (RulesFixture f = new RulesFixture(dir)) {
            ValidationException e = assertThrows(ValidationException.class, () -> f.service.saveRule(
                    new AllowRule(null, "ftp://x", false, List.of("BREW"), null, "nowhere", "", true,
                            RuleOrigin.MANUAL)));
            assertTrue(e.hasErrorFor("rule.url"));
            assertTrue(e.hasErrorFor("rule.methods"));
            assertTrue(e.hasErrorFor("rule.matchType"));
            assertTrue(e.hasErrorFor("rule.deployment"));
            f.save("https://H.example.com/keep", MatchType.PREFIX, "get");
            assertThrows(ValidationException.class, () -> f.save("https://h.example.com:443/keep",
                    MatchType.PREFIX), "the same URL, match type and deployment twice");
        }
        try (RulesFixture again = new RulesFixture(dir)) {
            AllowRule kept = again.service.rules().rules().get(0);
            assertEquals("https://h.example.com/keep", kept.url());
            assertEquals(List.of("GET"), kept.methods());
            assertTrue(again.allows("GET", "https", "h.example.com", 443, "/keep/x"));
        }
    }

    @Test
    void editingAndBulkDeletingRules() {
        try (RulesFixture f = new RulesFixture(dir)) {
            AllowRule a = f.save("https://h.example.com/a", MatchType.EXACT);
            AllowRule b = f.save("https://h.example.com/b", MatchType.EXACT);
            f.save("https://h.example.com/c", MatchType.EXACT);
            f.service.saveRule(new AllowRule(a.id(), "https://h.example.com/a2", true, List.of(), MatchType.EXACT,
                    Deployment.DEFAULT_ID, "moved", true, RuleOrigin.MANUAL));
            assertFalse(f.allows("GET", "https", "h.example.com", 443, "/a"));
            assertTrue(f.allows("GET", "https", "h.example.com", 443, "/a2"));
            assertEquals(2, f.service.deleteRules(List.of(a.id(), b.id(), "gone-meanwhile")));
            assertEquals(1, f.service.rules().rules().size());
            assertFalse(f.allows("GET", "https", "h.example.com", 443, "/a2"));
        }
    }

    @Test
    void automaticRulesAppearAndDisappearWithInternalServers() {
        try (RulesFixture f = new RulesFixture(dir)) {
            assertFalse(f.allows("GET", "https", "cucm.example.com", 8443, "/cucm-uds/users"));
            InternalServer cucm = f.server(ServerType.CALL_CONTROL, "cucm.example.com", 5061, Transport.TLS,
                    Deployment.DEFAULT_ID);
            InternalServer vm = f.server(ServerType.VOICEMAIL, "cuc.example.com", 8443, Transport.HTTPS,
                    Deployment.DEFAULT_ID);
            InternalServer tftp = f.server(ServerType.CONFIG_DOWNLOAD, "tftp.example.com", 69, Transport.TFTP,
                    Deployment.DEFAULT_ID);
            assertTrue(f.allows("GET", "https", "cucm.example.com", 8443, "/cucm-uds/users"));
            assertFalse(f.allows("POST", "https", "cucm.example.com", 8443, "/cucm-uds/users"));
            assertTrue(f.allows("GET", "http", "cucm.example.com", 6970, "/SEP0011.cnf.xml"));
            assertTrue(f.allows("DELETE", "https", "cuc.example.com", 8443, "/vmrest/messages/1"));
            assertFalse(f.allows("GET", "https", "cuc.example.com", 8443, "/admin"));
            assertTrue(f.allows("GET", "http", "tftp.example.com", 6970, "/ringlist.xml"), "TFTP over HTTP");
            assertTrue(f.service.automaticRules().stream().allMatch(r -> r.origin() == RuleOrigin.AUTOMATIC));

            f.config.deleteServer(cucm.id());
            assertFalse(f.allows("GET", "https", "cucm.example.com", 8443, "/cucm-uds/users"));
            f.config.deleteServer(vm.id());
            f.config.deleteServer(tftp.id());
            assertTrue(f.service.automaticRules().isEmpty());
        }
    }

    @Test
    void automaticRulesBelongToTheServersDeployment() {
        try (RulesFixture f = new RulesFixture(dir)) {
            Deployment east = f.config.addDeployment("East");
            f.server(ServerType.WEB_SERVICE, "web.example.com", 8080, Transport.HTTP, east.id());
            assertTrue(f.service.decide(target(east.id(), "http", "web.example.com", 8080, "/ws/"), "GET")
                    .allowed());
            assertFalse(f.allows("GET", "http", "web.example.com", 8080, "/ws/"));
        }
    }

    @Test
    void hitsAndBlocksAreCountedPerRuleAcrossNodesAndBlocksAreLogged() throws Exception {
        org.collabedge.standalone.LocalSharedState shared =
                new org.collabedge.standalone.LocalSharedState(java.time.Clock.systemUTC());
        try (RulesFixture a = new RulesFixture(dir, shared); RulesFixture b = new RulesFixture(dir, shared)) {
            AllowRule r = a.save("https://h.example.com/p", MatchType.EXACT);
            b.changes.publish(HttpRules.DOCUMENT); // the host tells node b its document changed
            ProxyTarget ok = target("https", "h.example.com", 443, "/p");
            for (RulesFixture node : List.of(a, b)) {
                RuleDecision d = node.service.decide(ok, "GET");
                assertTrue(d.allowed());
                node.service.passed(d);
            }
            RuleDecision wrong = b.service.decide(ok, "DELETE");
            b.service.blocked(ok, "DELETE", wrong, InetAddress.getByName("192.0.2.7"));
            ProxyTarget other = new ProxyTarget("default", "https", "h.example.com", 443, "/secret", "token=x");
            b.service.blocked(other, "GET", b.service.decide(other, "GET"), InetAddress.getByName("192.0.2.8"));
            a.service.flush();
            b.service.flush();
            assertEquals(new RuleCounters.Counts(2, 1), a.service.counts(r.id()));
            String scrape = b.metrics.scrape();
            assertTrue(scrape.contains("collabedge_http_allowlist_requests_total{outcome=\"allowed\"} 1.0"), scrape);
            assertTrue(scrape.contains("collabedge_http_allowlist_requests_total{outcome=\"blocked_method\"} 1.0"));
            assertTrue(scrape.contains("collabedge_http_allowlist_rules{origin=\"manual\"} 1.0"), scrape);

            List<BlockedRequest> log = a.service.blockedRequests();
            assertEquals(2, log.size(), "node a sees node b's blocks");
            BlockedRequest noRule = log.stream().filter(x -> x.ruleId() == null).findFirst().orElseThrow();
            assertEquals("http.block.no_rule", noRule.reasonKey());
            assertEquals("https://h.example.com:443/secret", noRule.url(), "the query is never logged");
            assertEquals("192.0.2.8", noRule.source());
            assertTrue(log.stream().anyMatch(x -> r.id().equals(x.ruleId())
                    && x.reasonKey().equals("http.block.method")));
        }
    }

    @Test
    void theBlockedLogKeepsTheLatestEntriesOnly() {
        try (RulesFixture f = new RulesFixture(dir)) {
            ProxyTarget t = target("https", "h.example.com", 443, "/x");
            for (int i = 0; i < BlockedLog.CAPACITY + 25; i++) {
                f.service.blocked(t, "GET", RuleIndex.NO_RULE, null);
            }
            assertEquals(BlockedLog.CAPACITY, f.service.blockedRequests().size());
        }
    }

    @Test
    void rulesOfADeletedDeploymentMoveToTheDefaultOne() {
        try (RulesFixture f = new RulesFixture(dir)) {
            Deployment east = f.config.addDeployment("East");
            f.service.saveRule(new AllowRule(null, "https://h.example.com/p", true, List.of(), MatchType.EXACT,
                    east.id(), "", true, RuleOrigin.MANUAL));
            assertFalse(f.allows("GET", "https", "h.example.com", 443, "/p"));
            f.config.deleteDeployment(east.id());
            assertEquals(Deployment.DEFAULT_ID, f.service.rules().rules().get(0).deploymentId());
            assertTrue(f.allows("GET", "https", "h.example.com", 443, "/p"));
        }
    }
}
