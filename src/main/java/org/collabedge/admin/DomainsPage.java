package org.collabedge.admin;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;

/** Domains and the services switched on for each (the seed's "Configuring the domains"). */
final class DomainsPage implements AdminPage {

    @Override
    public String name() {
        return "domains";
    }

    @Override
    public void get(PageContext page) {
        EdgeConfig c = page.core().config().current();
        page.put("domains", c.domains());
        page.put("deployments", c.deployments());
        page.put("config", c);
        String edit = page.param("edit");
        if (edit != null) {
            c.domain(edit).ifPresent(d -> page.put("editing", d));
        }
        if ("save".equals(page.param("action"))) {
            page.put("draft", fromForm(page)); // redraw what was refused, not what is stored
            String original = page.param("original");
            if (original != null) {
                c.domain(original).ifPresent(d -> page.put("editing", d));
            }
        }
    }

    private static Domain fromForm(PageContext page) {
        String deployment = page.param("deployment");
        return new Domain(page.param("name"), page.flag("sipOnEdge"), page.flag("sipOnInternal"),
                page.flag("imAndPresence"), page.flag("xmppFederation"),
                deployment == null ? Deployment.DEFAULT_ID : deployment);
    }

    @Override
    public void post(PageContext page) {
        var config = page.core().config();
        if ("delete".equals(page.param("action"))) {
            config.deleteDomain(page.param("name"));
            page.redirect("domains?done=domain_deleted");
            return;
        }
        config.saveDomain(page.param("original"), fromForm(page));
        page.redirect("domains?done=domain_saved");
    }
}
