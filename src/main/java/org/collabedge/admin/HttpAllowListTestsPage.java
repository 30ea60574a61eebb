package org.collabedge.admin;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.AllowListTests;

/**
 * Uploads a tests file in the seed's format and shows, per test, whether the rules in force allow or block it as
 * expected. The file is kept, so the report is redrawn against the current rules each time the page is shown.
 */
final class HttpAllowListTestsPage implements AdminPage {

    /** A test that could not be run, as the page lists it. */
    public record Problem(long line, String text) {
    }

    @Override
    public String name() {
        return "http-allow-list-tests";
    }

    @Override
    public void get(PageContext page) {
        AllowListService service = page.core().allowList();
        page.put("header", String.join(",", AllowListTests.HEADER));
        String submitted = page.rawParam("csv");
        String csv = submitted != null && !submitted.isBlank() ? submitted : service.lastTestFile().orElse(null);
        if (csv != null) {
            AllowListTests.Report report = service.runTests(csv);
            page.put("csv", csv);
            page.put("report", report);
            page.put("problems", report.bad().stream().flatMap(b -> b.problems().stream()
                    .map(p -> new Problem(b.line(), p.describe(page.messages())))).toList());
        }
    }

    @Override
    public void post(PageContext page) {
        String csv = page.rawParam("csv");
        if (csv == null || csv.isBlank()) {
            throw new ValidationException(new FieldError("tests.csv", "error.required"));
        }
        page.core().allowList().keepTestFile(csv);
        page.redirect(name() + "?done=http_tests_run");
    }
}
