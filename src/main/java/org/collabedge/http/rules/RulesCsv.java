package org.collabedge.http.rules;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/**
 * The seed's rules file: {@code Url,Deployment,HttpMethods,MatchType,Description}. Reading checks every row as the
 * rule page would and reports each bad row with its line; writing produces a file this reads back unchanged.
 */
public final class RulesCsv {

    public static final List<String> HEADER = List.of("Url", "Deployment", "HttpMethods", "MatchType", "Description");
    /**
     * Optional trailing column (not in the seed): {@code true}/{@code false}, empty meaning true. Written only when
     * some rule is open without authentication, so files in the seed's format round-trip unchanged.
     */
    public static final String AUTHENTICATION_COLUMN = "AuthenticationRequired";
    static final String FIELD = "rules.csv";

    /** A row that will become a rule. */
    public record GoodRow(long line, AllowRule rule) {
    }

    /** A refused row: its line and every problem, each already worded for the page. */
    public record BadRow(long line, List<FieldError> problems) {
    }

    /** What a file holds: the rules it would add and the rows it cannot. */
    public record Report(List<GoodRow> good, List<BadRow> bad) {
        public boolean clean() {
            return bad.isEmpty();
        }

        public List<AllowRule> rules() {
            return good.stream().map(GoodRow::rule).toList();
        }
    }

    private RulesCsv() {
    }

    /** Reads and checks a file against the configuration and the rules already stored (and earlier rows). */
    public static Report read(String text, EdgeConfig config, List<AllowRule> existing) {
        CsvRows csv = CsvRows.read(text, HEADER, AUTHENTICATION_COLUMN, FIELD);
        List<BadRow> bad = new ArrayList<>();
        csv.errors.forEach(e -> bad.add(new BadRow(e.line(), List.of(e.error()))));
        List<GoodRow> good = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        existing.forEach(r -> seen.add(RuleValidator.key(r)));
        for (CsvRows.Row row : csv.rows) {
            List<FieldError> problems = new ArrayList<>();
            String deploymentId = deployment(row.value(1), config, problems);
            String methodsText = row.value(2);
            List<String> methods = methodsText.isEmpty() ? List.of()
                    : Arrays.stream(methodsText.split(",")).map(String::trim).toList();
            MatchType matchType = MatchType.PREFIX; // the seed's default
            if (!row.value(3).isEmpty()) {
                Optional<MatchType> t = MatchType.fromCsv(row.value(3));
                if (t.isEmpty()) {
                    problems.add(new FieldError("rule.matchType", "error.match_type", row.value(3)));
                } else {
                    matchType = t.get();
                }
            }
            boolean authenticationRequired = true;
            if (csv.columns > HEADER.size()) {
                String auth = row.value(HEADER.size());
                if (auth.equalsIgnoreCase("false")) {
                    authenticationRequired = false;
                } else if (!auth.isEmpty() && !auth.equalsIgnoreCase("true")) {
                    problems.add(new FieldError("rule.authenticationRequired", "error.csv_boolean", auth));
                }
            }
            AllowRule draft = new AllowRule("upload-line-" + row.line(), row.value(0), methods.isEmpty(), methods,
                    matchType, deploymentId == null ? Deployment.DEFAULT_ID : deploymentId, row.value(4),
                    authenticationRequired, RuleOrigin.UPLOADED);
            try {
                AllowRule checked = RuleValidator.check(draft, config, seen);
                if (problems.isEmpty()) {
                    good.add(new GoodRow(row.line(), checked));
                    seen.add(RuleValidator.key(checked));
                }
            } catch (ValidationException e) {
                problems.addAll(e.errors());
            }
            if (!problems.isEmpty()) {
                bad.add(new BadRow(row.line(), problems));
            }
        }
        bad.sort(java.util.Comparator.comparingLong(BadRow::line));
        return new Report(good, bad);
    }

    /**
     * The seed: the deployment is named, and may be left empty only while there is one deployment. Names are matched
     * case-insensitively; an id is accepted too, so files written before a rename still load.
     */
    private static String deployment(String name, EdgeConfig config, List<FieldError> problems) {
        if (name.isEmpty()) {
            if (config.deployments().size() > 1) {
                problems.add(new FieldError("rule.deployment", "error.csv_deployment_required"));
                return null;
            }
            return Deployment.DEFAULT_ID;
        }
        for (Deployment d : config.deployments()) {
            if (d.name().equalsIgnoreCase(name) || d.id().equals(name)) {
                return d.id();
            }
        }
        problems.add(new FieldError("rule.deployment", "error.unknown_deployment", name));
        return null;
    }

    /** Writes rules in the same format; the deployment column is empty while there is only one deployment. */
    public static String write(List<AllowRule> rules, EdgeConfig config) {
        StringWriter out = new StringWriter();
        boolean named = config.deployments().size() > 1;
        boolean withAuthentication = rules.stream().anyMatch(r -> !r.authenticationRequired());
        List<String> header = new ArrayList<>(HEADER);
        if (withAuthentication) {
            header.add(AUTHENTICATION_COLUMN);
        }
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            for (AllowRule r : rules) {
                // Every cell neutralised: a description or deployment name like "=HYPERLINK(...)" must not run as a
                // formula in the spreadsheet the admin opens the export in.
                List<String> cells = new ArrayList<>(List.of(CsvRows.neutralise(r.url()),
                        CsvRows.neutralise(named ? config.deploymentName(r.deploymentId()) : ""),
                        r.useDefaultMethods() ? "" : String.join(",", r.methods()), r.matchType().csvName(),
                        CsvRows.neutralise(r.description())));
                if (withAuthentication) {
                    cells.add(Boolean.toString(r.authenticationRequired()));
                }
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
