package org.collabedge.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.http.ProxySettings;
import org.collabedge.http.ProxySettingsService;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.RulesCsv;

/**
 * Uploads rules in the seed's CSV format (optionally with the trailing AuthenticationRequired column). The file comes
 * as a multipart/form-data upload read by {@link MultipartForm}, so the console's 200 kB form limit does not cap it;
 * the operator's "largest rules file upload" setting does. Pasted text works too. A clean file is imported at once;
 * otherwise nothing is, each bad row is listed with its line and reason, and the admin may fix the file or import
 * only the valid rows.
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
        page.put("optionalColumn", RulesCsv.AUTHENTICATION_COLUMN);
        page.put("maxUploadMiB", maxBytes(page) >> 20);
        Object uploaded = page.model().get("uploadedCsv");
        String csv = uploaded != null ? uploaded.toString() : page.rawParam("csv");
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
        Map<String, String> form;
        try {
            form = page.multipart(maxBytes(page), "rules.csv", "error.http_upload_too_large");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = form.get("file");
        String csv = file != null && !file.isBlank() ? file : form.getOrDefault("csv", page.rawParam("csv"));
        if (csv == null || csv.isBlank()) {
            throw new ValidationException(new FieldError("rules.csv", "error.required"));
        }
        page.put("uploadedCsv", csv); // a refused upload is redrawn with it, ready for "import the valid rows"
        String action = form.getOrDefault("action", page.param("action"));
        RulesCsv.Report report = report(page, csv);
        boolean validOnly = "import-valid".equals(action);
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

    /** The operator's bound (HTTP proxy settings), or the default when the HTTPS edge is not running. */
    private static long maxBytes(PageContext page) {
        ProxySettingsService settings = page.core().httpEdge().settings();
        return (settings == null ? ProxySettings.defaults() : settings.current()).maxUploadBytes();
    }

    private static RulesCsv.Report report(PageContext page, String csv) {
        return RulesCsv.read(csv, page.core().config().current(), page.core().allowList().rules().rules());
    }
}
