package org.collabedge.admin;

import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.RulesCsv;

/**
 * Uploads rules in the seed's CSV format. A clean file is imported at once; otherwise nothing is, each bad row is
 * listed with its line and reason, and the admin may fix the file or import only the valid rows.
 */
final class HttpUploadRulesPage implements AdminPage {

    /** A refused row as the page lists it. */
    public record Problem(long line, String text) {
    }

    @Override
    public String name() {
        return "http-upload-rules";
    }

    @Override
    public void get(PageContext page) {
        page.put("header", String.join(",", RulesCsv.HEADER));
        String csv = page.rawParam("csv");
        if (csv != null && !csv.isBlank()) { // a refused upload is redrawn with its report
            RulesCsv.Report report = report(page, csv);
            page.put("csv", csv);
            page.put("validCount", report.good().size());
            page.put("problems", report.bad().stream().flatMap(b -> b.problems().stream()
                    .map(p -> new Problem(b.line(), p.describe(page.messages())))).toList());
        }
    }

    @Override
    public void post(PageContext page) {
        AllowListService service = page.core().allowList();
        String csv = page.rawParam("csv");
        if (csv == null || csv.isBlank()) {
            throw new ValidationException(new FieldError("rules.csv", "error.required"));
        }
        RulesCsv.Report report = report(page, csv);
        boolean validOnly = "import-valid".equals(page.param("action"));
        if (!report.clean() && !validOnly) {
            throw new ValidationException(new FieldError("rules.csv", "error.csv_rows_refused",
                    report.bad().size()));
        }
        if (report.good().isEmpty()) {
            throw new ValidationException(new FieldError("rules.csv", "error.csv_no_rules"));
        }
        int n = service.importRules(report.rules());
        page.redirect("http-allow-list?done=" + (report.clean() ? "http_rules_uploaded" : "http_valid_rules_uploaded")
                + "&count=" + n);
    }

    private static RulesCsv.Report report(PageContext page, String csv) {
        return RulesCsv.read(csv, page.core().config().current(), page.core().allowList().rules().rules());
    }
}
