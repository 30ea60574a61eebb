package org.collabedge.http.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.collabedge.config.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's tests file run against the rules in force, through the proxy's own matcher. */
class AllowListTestsTest {

    @TempDir
    Path dir;

    private RulesFixture f;
    private Deployment mine;

    @BeforeEach
    void rules() {
        f = new RulesFixture(dir);
        mine = f.config.addDeployment("my deployment");
        f.service.saveRule(new AllowRule(null, "http://myServer2:8000/myPath2", false, List.of("GET", "PUT"),
                MatchType.EXACT, mine.id(), "", true, RuleOrigin.MANUAL));
        f.save("https://myServer4/myPath4", MatchType.PREFIX);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theSeedsExampleTestsPassAgainstMatchingRules() throws IOException {
        AllowListTests.Report r = f.service.runTests(RulesCsvTest.resource("seed-tests.csv"));
        assertTrue(r.bad().isEmpty(), r.bad().toString());
        assertEquals(4, r.results().size());
        assertEquals(4, r.passed(), r.results().toString());
        AllowListTests.Result first = r.results().get(0);
        assertEquals(2, first.line());
        assertEquals("my deployment", first.deploymentName());
        assertEquals("a block test", first.description());
        assertFalse(first.allowed());
        assertEquals("http.block.no_rule", first.reasonKey());
        assertEquals("Default deployment", r.results().get(2).deploymentName(), "omitted: the default deployment");
        assertEquals("http.block.no_rule", r.results().get(3).reasonKey(), "http, not https: no rule");
    }

    @Test
    void aTestThatDisagreesWithTheRulesFailsAndBadRowsAreNamed() {
        String csv = """
                Url,ExpectedResult,Deployment,Description,HttpMethod
                https://myServer4/myPath4/deeper?x=1,allow,,"below a prefix, query ignored",
                https://myServer4/myPath4,block,,"expects a block",
                https://myServer4/a/../myPath4,allow,,,
                https://myServer4/x,maybe,,,
                https://myServer4/x,allow,Elsewhere,,
                https://myServer4/x,allow,,,"GE T"
                """;
        AllowListTests.Report r = f.service.runTests(csv);
        assertEquals(2, r.results().size());
        assertTrue(r.results().get(0).passed());
        assertEquals("GET", r.results().get(0).method(), "GET when no method is given");
        assertFalse(r.results().get(1).passed());
        assertEquals(1, r.failed());
        assertEquals(List.of(4L, 5L, 6L, 7L), r.bad().stream().map(AllowListTests.BadRow::line).toList());
        assertEquals("error.url_path", r.bad().get(0).problems().get(0).problemKey(), "dot segments refused");
        assertEquals("error.expected_result", r.bad().get(1).problems().get(0).problemKey());
        assertEquals("error.unknown_deployment", r.bad().get(2).problems().get(0).problemKey());
        assertEquals("error.http_method", r.bad().get(3).problems().get(0).problemKey());
    }

    @Test
    void theTestsFollowRuleChanges() throws IOException {
        String csv = RulesCsvTest.resource("seed-tests.csv");
        f.save("http://myServer4/myPath4", MatchType.EXACT);
        AllowListTests.Report before = f.service.runTests(csv);
        assertEquals(0, before.failed());
        assertEquals("http.block.method", before.results().get(3).reasonKey(), "POST is not a default method");
        f.service.setDefaultMethods(List.of("GET", "POST"));
        assertEquals(1, f.service.runTests(csv).failed(), "POST to myPath4 is allowed now");
    }
}
