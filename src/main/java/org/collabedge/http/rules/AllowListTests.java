package org.collabedge.http.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.http.ProxyTarget;

/**
 * The seed's allow-list tests file: {@code Url,ExpectedResult,Deployment,Description,HttpMethod}. Each test is run
 * through the same matcher the proxy asks, after reading its URL as strictly as a rule's (a query is allowed and
 * ignored, as the matcher ignores it).
 */
public final class AllowListTests {

    public static final List<String> HEADER =
            List.of("Url", "ExpectedResult", "Deployment", "Description", "HttpMethod");
    static final String FIELD = "tests.csv";
    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_-]{0,31}");

    /** One test and how it went. */
    public record Result(long line, String url, String method, String deploymentName, String description,
                         boolean expectAllow, boolean allowed, String ruleId, String reasonKey) {
        public boolean passed() {
            return expectAllow == allowed;
        }
    }

    /** A test that could not be run, with why. */
    public record BadRow(long line, List<FieldError> problems) {
    }

    public record Report(List<Result> results, List<BadRow> bad) {
        public long passed() {
            return results.stream().filter(Result::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }
    }

    private AllowListTests() {
    }

    public static Report run(String text, EdgeConfig config, AllowList allowList) {
        CsvRows csv = CsvRows.read(text, HEADER, FIELD);
        List<BadRow> bad = new ArrayList<>();
        csv.errors.forEach(e -> bad.add(new BadRow(e.line(), List.of(e.error()))));
        List<Result> results = new ArrayList<>();
        for (CsvRows.Row row : csv.rows) {
            List<FieldError> problems = new ArrayList<>();
            String urlText = row.value(0);
            int q = urlText.indexOf('?');
            RuleUrl url = null;
            try {
                url = RuleUrl.parse(q < 0 ? urlText : urlText.substring(0, q), "test.url");
            } catch (ValidationException e) {
                problems.addAll(e.errors());
            }
            String expected = row.value(1).toLowerCase(Locale.ROOT);
            if (!expected.equals("allow") && !expected.equals("block")) {
                problems.add(new FieldError("test.expected", "error.expected_result", row.value(1)));
            }
            Deployment deployment = deployment(row.value(2), config, problems);
            String method = row.value(4).isEmpty() ? "GET" : row.value(4).toUpperCase(Locale.ROOT);
            if (!TOKEN.matcher(method).matches()) {
                problems.add(new FieldError("test.method", "error.http_method", row.value(4)));
            }
            if (!problems.isEmpty()) {
                bad.add(new BadRow(row.line(), problems));
                continue;
            }
            RuleDecision d = allowList.decide(new ProxyTarget(deployment.id(), url.scheme(), url.host(), url.port(),
                    url.path(), q < 0 ? null : urlText.substring(q + 1)), method);
            results.add(new Result(row.line(), urlText, method, deployment.name(), row.value(3),
                    expected.equals("allow"), d.allowed(), d.ruleId(), d.reasonKey()));
        }
        bad.sort(java.util.Comparator.comparingLong(BadRow::line));
        return new Report(results, bad);
    }

    /** The seed: an omitted deployment means the default one. */
    private static Deployment deployment(String name, EdgeConfig config, List<FieldError> problems) {
        if (name.isEmpty()) {
            return config.deployment(Deployment.DEFAULT_ID).orElseThrow();
        }
        for (Deployment d : config.deployments()) {
            if (d.name().equalsIgnoreCase(name) || d.id().equals(name)) {
                return d;
            }
        }
        problems.add(new FieldError("test.deployment", "error.unknown_deployment", name));
        return null;
    }
}
