package org.collabedge.http.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's rules file: its own examples load verbatim; every bad row is reported with its line and reason. */
class RulesCsvTest {

    @TempDir
    Path dir;

    private RulesFixture f;
    private Deployment one;
    private Deployment two;

    @BeforeEach
    void deployments() {
        f = new RulesFixture(dir);
        one = f.config.addDeployment("myDomain1");
        two = f.config.addDeployment("myDomain200");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = RulesCsvTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private RulesCsv.Report read(String csv) {
        return RulesCsv.read(csv, f.config.current(), f.service.rules().rules());
    }

    /** Line number to the problem keys reported on it. */
    private static Map<Long, List<String>> problems(RulesCsv.Report r) {
        return r.bad().stream().collect(Collectors.toMap(RulesCsv.BadRow::line,
                b -> b.problems().stream().map(p -> p.problemKey()).toList()));
    }

    @Test
    void theSeedsExampleFilesLoadAsTheyAre() throws IOException {
        for (String file : List.of("seed-rules-expressway.csv", "seed-rules-vcs.csv")) {
            RulesCsv.Report r = read(resource(file));
            assertTrue(r.clean(), file + ": " + r.bad());
            assertEquals(5, r.good().size(), file);
            AllowRule first = r.rules().get(0);
            assertEquals("https://myserver1:8443/myPath1", first.url());
            assertEquals(one.id(), first.deploymentId());
            assertFalse(first.useDefaultMethods());
            assertEquals(List.of("GET"), first.methods());
            assertEquals(MatchType.PREFIX, first.matchType(), "prefix is the default match type");
            assertEquals("First Rule", first.description(), file + ": quoted, with or without a space before it");
            AllowRule second = r.rules().get(1);
            assertEquals(List.of("GET", "PUT"), second.methods());
            assertEquals(MatchType.EXACT, second.matchType());
            assertEquals(two.id(), second.deploymentId());
            assertEquals("", second.description());
            assertTrue(r.rules().get(2).useDefaultMethods(), "an empty method list means the defaults");
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L), r.good().stream().map(RulesCsv.GoodRow::line).toList());
        }
    }

    @Test
    void everyBadRowIsReportedWithItsLine() {
        String csv = """
                Url,Deployment,HttpMethods,MatchType,Description
                ftp://bad.example.com/x,myDomain1,,,
                https://ok.example.com/a,Nowhere,,,
                https://ok.example.com/b,myDomain1,"GET,BREW",,
                https://ok.example.com/c,myDomain1,,fuzzy,
                https://ok.example.com/d,myDomain1,GET

                https://ok.example.com/e,myDomain1,,,"fine one"
                https://ok.example.com/e,myDomain1,,,"the same again"
                https://ok.example.com/f?x=1,myDomain1,,,
                """;
        RulesCsv.Report r = read(csv);
        Map<Long, List<String>> p = problems(r);
        assertEquals(List.of("error.url_scheme"), p.get(2L));
        assertEquals(List.of("error.unknown_deployment"), p.get(3L));
        assertEquals(List.of("error.http_method"), p.get(4L));
        assertEquals(List.of("error.match_type"), p.get(5L));
        assertEquals(List.of("error.csv_columns"), p.get(6L));
        assertEquals(List.of("error.duplicate_rule"), p.get(9L), "a row may not repeat an earlier one");
        assertEquals(List.of("error.url_path"), p.get(10L));
        assertEquals(7, r.bad().size());
        assertEquals(List.of(8L), r.good().stream().map(RulesCsv.GoodRow::line).toList(),
                "the empty line 7 is skipped but still counted");
    }

    @Test
    void aBrokenQuoteStopsReadingAtItsLine() {
        String csv = "Url,Deployment,HttpMethods,MatchType,Description\n"
                + "https://ok.example.com/a,myDomain1,,,\n"
                + "https://ok.example.com/b,myDomain1,,,\"never closed\n"
                + "https://ok.example.com/c,myDomain1,,,\n";
        RulesCsv.Report r = read(csv);
        assertEquals(1, r.good().size());
        assertEquals(1, r.bad().size());
        assertEquals("error.csv_quoting", r.bad().get(0).problems().get(0).problemKey());
        assertEquals(3, r.bad().get(0).line(), "reported at the line the quote opens");
    }

    @Test
    void theHeaderMustBeTheSeedsAndAnEmptyFileIsRefused() {
        RulesCsv.Report wrong = read("Url,HttpMethods,Deployment,MatchType,Description\nhttps://a.example.com/,,,,\n");
        assertEquals(Map.of(1L, List.of("error.csv_header")), problems(wrong));
        assertTrue(wrong.good().isEmpty());
        RulesCsv.Report missing = read("Url,Deployment,HttpMethods,MatchType\nhttps://a.example.com/,,,\n");
        assertEquals(Map.of(1L, List.of("error.csv_header")), problems(missing));
        assertEquals(Map.of(1L, List.of("error.csv_empty")), problems(read("")));
        assertTrue(read("url,deployment,httpmethods,matchtype,description\n").clean(), "names in any case");
    }

    @Test
    void theDeploymentMayBeLeftOutOnlyWhileThereIsOne() throws IOException {
        String row = "Url,Deployment,HttpMethods,MatchType,Description\nhttps://a.example.com/x,,,,\n";
        assertEquals(Map.of(2L, List.of("error.csv_deployment_required")), problems(read(row)));
        f.config.deleteDeployment(one.id());
        f.config.deleteDeployment(two.id());
        RulesCsv.Report single = read(row);
        assertTrue(single.clean());
        assertEquals(Deployment.DEFAULT_ID, single.rules().get(0).deploymentId());
    }

    @Test
    void exportedRulesReadBackUnchanged() throws IOException {
        f.service.importRules(read(resource("seed-rules-expressway.csv")).rules());
        f.service.saveRule(new AllowRule(null, "https://x.example.com/a",
                false, List.of("DELETE", "GET"), MatchType.EXACT, Deployment.DEFAULT_ID,
                "has \"quotes\", commas", true, RuleOrigin.MANUAL));
        EdgeConfig config = f.config.current();
        List<AllowRule> stored = f.service.rules().rules();
        String csv = RulesCsv.write(stored, config);
        assertTrue(csv.startsWith("Url,Deployment,HttpMethods,MatchType,Description"));
        RulesCsv.Report back = RulesCsv.read(csv, config, List.of());
        assertTrue(back.clean(), back.bad().toString());
        assertEquals(stored.size(), back.rules().size());
        for (int i = 0; i < stored.size(); i++) {
            AllowRule a = stored.get(i);
            AllowRule b = back.rules().get(i);
            assertEquals(List.of(a.url(), a.useDefaultMethods(), a.methods(), a.matchType(), a.deploymentId(),
                    a.description()), List.of(b.url(), b.useDefaultMethods(), b.methods(), b.matchType(),
                    b.deploymentId(), b.description()));
        }
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreNeutralisedOnExportAndRestoredOnImport() {
        Deployment formula = f.config.addDeployment("=HYPERLINK(\"http://evil.example\")");
        List<String> risky = List.of("=1+2", "+SUM(A1)", "-2+3", "@cmd", "'=already quoted");
        for (String d : risky) {
            f.service.saveRule(new AllowRule(null, "https://x.example.com/" + risky.indexOf(d), true, List.of(),
                    MatchType.PREFIX, formula.id(), d, true, RuleOrigin.MANUAL));
        }
        EdgeConfig config = f.config.current();
        List<AllowRule> stored = f.service.rules().rules();
        String csv = RulesCsv.write(stored, config);
        for (String line : csv.split("\r?\n")) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0, "formula cell exported: " + line);
            }
        }
        RulesCsv.Report back = RulesCsv.read(csv, config, List.of());
        assertTrue(back.clean(), back.bad().toString());
        assertEquals(stored.stream().map(AllowRule::description).toList(),
                back.rules().stream().map(AllowRule::description).toList());
        assertTrue(back.rules().stream().allMatch(r -> r.deploymentId().equals(formula.id())));
    }

    @Test
    void anOptionalTrailingColumnMarksRulesOpenWithoutAuthentication() {
        String csv = "Url,Deployment,HttpMethods,MatchType,Description,AuthenticationRequired\n"
                + "https://a.example.com/open,myDomain1,,,public,false\n"
                + "https://a.example.com/closed,myDomain1,,,,true\n"
                + "https://a.example.com/default,myDomain1,,,,\n"
                + "https://a.example.com/bad,myDomain1,,,,maybe\n"
                + "https://a.example.com/short,myDomain1,,,\n";
        RulesCsv.Report r = read(csv);
        assertEquals(Map.of(5L, List.of("error.csv_boolean"), 6L, List.of("error.csv_columns")), problems(r));
        assertEquals(List.of(false, true, true), r.rules().stream().map(AllowRule::authenticationRequired).toList());
        assertEquals("rule.authenticationRequired", r.bad().get(0).problems().get(0).field());
    }

    @Test
    void exportAddsTheAuthenticationColumnOnlyWhenARuleIsOpen() throws IOException {
        f.service.importRules(read(resource("seed-rules-vcs.csv")).rules());
        String seedForm = RulesCsv.write(f.service.rules().rules(), f.config.current());
        assertEquals("Url,Deployment,HttpMethods,MatchType,Description", seedForm.lines().findFirst().orElseThrow());
        assertTrue(seedForm.lines().skip(1).allMatch(l -> !l.endsWith(",true")), seedForm);

        f.service.saveRule(new AllowRule(null, "https://open.example.com/pub", true, List.of(), MatchType.PREFIX,
                one.id(), "", false, RuleOrigin.MANUAL));
        EdgeConfig config = f.config.current();
        List<AllowRule> stored = f.service.rules().rules();
        String withColumn = RulesCsv.write(stored, config);
        assertEquals("Url,Deployment,HttpMethods,MatchType,Description,AuthenticationRequired",
                withColumn.lines().findFirst().orElseThrow());
        RulesCsv.Report back = RulesCsv.read(withColumn, config, List.of());
        assertTrue(back.clean(), back.bad().toString());
        assertEquals(stored.stream().map(AllowRule::authenticationRequired).toList(),
                back.rules().stream().map(AllowRule::authenticationRequired).toList());
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        f.close();
    }
}
