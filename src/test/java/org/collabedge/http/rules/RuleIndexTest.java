package org.collabedge.http.rules;

import static org.collabedge.http.rules.RulesFixture.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.config.Deployment;
import org.junit.jupiter.api.Test;

/** The matcher's semantics: exact and prefix paths, methods, ports, host case, deployments. */
class RuleIndexTest {

    private static AllowRule rule(String id, String url, MatchType type, String deployment, String... methods) {
        return new AllowRule(id, url, methods.length == 0, List.of(methods), type, deployment, "", true,
                RuleOrigin.MANUAL);
    }

    private static RuleIndex index(AllowRule... rules) {
        return RuleIndex.build(List.of(rules), List.of("GET"));
    }

    @Test
    void anExactRuleMatchesOnlyItsPath() {
        RuleIndex i = index(rule("r", "https://www.example.com/resource/path", MatchType.EXACT, "default"));
        assertTrue(i.decide(target("https", "www.example.com", 443, "/resource/path"), "GET").allowed());
        assertFalse(i.decide(target("https", "www.example.com", 443, "/resource/path/x"), "GET").allowed());
        assertFalse(i.decide(target("https", "www.example.com", 443, "/resource/pat"), "GET").allowed());
        assertFalse(i.decide(target("https", "www.example.com", 443, "/resource/path/"), "GET").allowed());
    }

    @Test
    void aPrefixWithoutTrailingSlashStopsAtSegmentBoundaries() {
        RuleIndex i = index(rule("r", "https://h.example.com/foo", MatchType.PREFIX, "default"));
        assertTrue(i.decide(target("https", "h.example.com", 443, "/foo"), "GET").allowed());
        assertTrue(i.decide(target("https", "h.example.com", 443, "/foo/"), "GET").allowed());
        assertTrue(i.decide(target("https", "h.example.com", 443, "/foo/bar/baz"), "GET").allowed());
        assertFalse(i.decide(target("https", "h.example.com", 443, "/foobar"), "GET").allowed(),
                "a sibling sharing the letters is not below /foo");
        assertFalse(i.decide(target("https", "h.example.com", 443, "/"), "GET").allowed());
    }

    @Test
    void aPrefixEndingInSlashOrWithoutPathMatchesEverythingBelow() {
        RuleIndex i = index(rule("a", "https://h.example.com/cucm-uds/", MatchType.PREFIX, "default"),
                rule("b", "http://all.example.com", MatchType.PREFIX, "default"));
        assertTrue(i.decide(target("https", "h.example.com", 443, "/cucm-uds/user/jdoe"), "GET").allowed());
        assertFalse(i.decide(target("https", "h.example.com", 443, "/cucm-uds"), "GET").allowed());
        assertTrue(i.decide(target("http", "all.example.com", 80, "/"), "GET").allowed());
        assertTrue(i.decide(target("http", "all.example.com", 80, "/any/thing"), "GET").allowed());
    }

    @Test
    void methodsComeFromTheRuleOrTheDefaultsAndTheReasonSaysWhichFailed() {
        RuleIndex i = RuleIndex.build(List.of(rule("own", "https://h.example.com/a", MatchType.EXACT, "default",
                "PUT", "POST"), rule("dflt", "https://h.example.com/b", MatchType.EXACT, "default")),
                List.of("GET", "HEAD"));
        assertTrue(i.decide(target("https", "h.example.com", 443, "/a"), "PUT").allowed());
        RuleDecision get = i.decide(target("https", "h.example.com", 443, "/a"), "GET");
        assertFalse(get.allowed());
        assertEquals("own", get.ruleId());
        assertEquals("http.block.method", get.reasonKey());
        assertTrue(i.decide(target("https", "h.example.com", 443, "/b"), "HEAD").allowed());
        assertFalse(i.decide(target("https", "h.example.com", 443, "/b"), "DELETE").allowed());
        assertFalse(i.decide(target("https", "h.example.com", 443, "/b"), "TRACE").allowed(), "unknown method");
        RuleDecision none = i.decide(target("https", "h.example.com", 443, "/c"), "GET");
        assertNull(none.ruleId());
        assertEquals("http.block.no_rule", none.reasonKey());
    }

    @Test
    void theLongestMatchThatAllowsTheMethodDecides() {
        RuleIndex i = index(rule("wide", "https://h.example.com/", MatchType.PREFIX, "default", "GET"),
                rule("narrow", "https://h.example.com/api", MatchType.PREFIX, "default", "POST"));
        assertEquals("narrow", i.decide(target("https", "h.example.com", 443, "/api/x"), "POST").ruleId());
        assertEquals("wide", i.decide(target("https", "h.example.com", 443, "/api/x"), "GET").ruleId(),
                "a narrower rule with other methods does not hide a wider one");
    }

    @Test
    void portsAreExplicitOrTheSchemeDefaultAndSchemesDiffer() {
        RuleIndex i = index(rule("a", "https://h.example.com:8443/p", MatchType.EXACT, "default"),
                rule("b", "http://h.example.com/p", MatchType.EXACT, "default"));
        assertTrue(i.decide(target("https", "h.example.com", 8443, "/p"), "GET").allowed());
        assertFalse(i.decide(target("https", "h.example.com", 443, "/p"), "GET").allowed());
        assertTrue(i.decide(target("http", "h.example.com", 80, "/p"), "GET").allowed());
        assertFalse(i.decide(target("http", "h.example.com", 8443, "/p"), "GET").allowed());
    }

    @Test
    void hostsCompareCaseInsensitivelyPathsDoNot() {
        RuleIndex i = index(rule("a", "https://WWW.Example.COM/Path", MatchType.EXACT, "default"),
                rule("v6", "https://[2001:DB8::1]/x", MatchType.EXACT, "default"));
        assertTrue(i.decide(target("https", "www.example.com", 443, "/Path"), "GET").allowed());
        assertTrue(i.decide(target("https", "WWW.EXAMPLE.com", 443, "/Path"), "GET").allowed());
        assertFalse(i.decide(target("https", "www.example.com", 443, "/path"), "GET").allowed());
        assertTrue(i.decide(target("https", "2001:db8:0:0:0:0:0:1", 443, "/x"), "GET").allowed(),
                "IPv6 literals compare by address, not spelling");
    }

    @Test
    void rulesApplyOnlyInTheirDeployment() {
        RuleIndex i = index(rule("a", "https://h.example.com/p", MatchType.EXACT, "east"));
        assertTrue(i.decide(target("east", "https", "h.example.com", 443, "/p"), "GET").allowed());
        assertFalse(i.decide(target(Deployment.DEFAULT_ID, "https", "h.example.com", 443, "/p"), "GET").allowed());
    }

    @Test
    void percentEncodedRulePathsMatchTheDecodedTarget() {
        RuleIndex i = index(rule("a", "https://h.example.com/my%20files/", MatchType.PREFIX, "default"));
        assertTrue(i.decide(target("https", "h.example.com", 443, "/my files/a.txt"), "GET").allowed());
    }

    @Test
    void authenticationFollowsTheMatchingRule() {
        AllowRule open = new AllowRule("open", "https://h.example.com/public/", false, List.of("GET"),
                MatchType.PREFIX, "default", "", false, RuleOrigin.MANUAL);
        RuleIndex i = index(open, rule("closed", "https://h.example.com/", MatchType.PREFIX, "default"));
        assertFalse(i.decide(target("https", "h.example.com", 443, "/public/logo.png"), "GET")
                .authenticationRequired());
        assertTrue(i.decide(target("https", "h.example.com", 443, "/private"), "GET").authenticationRequired());
    }

    @Test
    void anIncompleteRequestIsBlocked() {
        RuleIndex i = index(rule("all", "https://h.example.com", MatchType.PREFIX, "default"));
        assertFalse(i.decide(new org.collabedge.http.ProxyTarget(null, "https", "h.example.com", 443, "/", null),
                "GET").allowed());
        assertFalse(i.decide(target("https", "h.example.com", 443, "/"), null).allowed());
    }
}
