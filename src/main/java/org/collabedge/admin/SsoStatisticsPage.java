package org.collabedge.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.collabedge.sso.SsoFailure;
import org.collabedge.sso.SsoStatistics;

/** The seed's "detailed SSO statistics": requests, successes, failures by reason, as numbers and bars. */
final class SsoStatisticsPage implements AdminPage {

    /** One failure reason with its count and bar width (0-300 px, drawn server-side as SVG). */
    public record Failure(String label, long count, long width) {
    }

    @Override
    public String name() {
        return "sso-statistics";
    }

    @Override
    public void get(PageContext page) {
        SsoStatistics s = page.core().sso().statistics();
        Map<SsoFailure, Long> failures = s.failures();
        long max = Math.max(1, failures.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Failure> rows = new ArrayList<>();
        failures.forEach((f, n) -> rows.add(new Failure(f.label(), n, n * 300 / max)));
        page.put("requests", s.requests());
        page.put("successes", s.successes());
        page.put("queries", s.edgeSsoQueries());
        page.put("failures", rows);
        var internal = new java.util.LinkedHashMap<String, Long>();
        for (var o : org.collabedge.sso.InternalSsoCheck.Outcome.values()) {
            internal.put(o.name().toLowerCase(java.util.Locale.ROOT), s.internalChecks(o));
        }
        page.put("internal", internal);
    }

    @Override
    public void post(PageContext page) {
        if ("reset".equals(page.param("action"))) {
            page.core().sso().statistics().reset();
            page.redirect("sso-statistics?done=sso_statistics_reset");
        } else {
            page.redirect("sso-statistics");
        }
    }
}
