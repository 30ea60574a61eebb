package org.collabedge.admin;

import java.util.List;

import org.collabedge.core.EdgeCore;
import org.collabedge.status.Finding;
import org.collabedge.status.StatusReport;

/** Every configured item with its state, and every misconfiguration with a link to the page that fixes it. */
final class StatusPage implements AdminPage {

    private final StatusReport report = new StatusReport();

    /** A finding as shown: its severity, its text in the admin's language, the page that fixes it. */
    public record Shown(String severity, String text, String fixPage) {
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public void get(PageContext page) {
        EdgeCore core = page.core();
        var config = core.config().current();
        var certificates = core.certificates();
        List<Finding> findings = report.findings(config, certificates.identity(), certificates.trustedCas().size(),
                core.probeResults()::latest, core.host().clock().instant());
        page.put("findings", findings.stream().map(f -> new Shown(f.severity().name().toLowerCase(java.util.Locale.ROOT),
                page.messages().get(f.messageKey(), f.args().toArray()), f.fixPage())).toList());
        page.put("config", config);
        page.put("identity", certificates.identity());
        page.put("trustedCount", certificates.trustedCas().size());
        page.put("probes", InternalServersPage.rows(core, config.servers()));
    }

    @Override
    public void post(PageContext page) {
        page.redirect("status"); // nothing to change here
    }
}
