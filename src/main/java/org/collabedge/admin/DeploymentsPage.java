package org.collabedge.admin;

/** Deployments: create, rename, delete (the default one can be renamed, never deleted). */
final class DeploymentsPage implements AdminPage {

    @Override
    public String name() {
        return "deployments";
    }

    @Override
    public void get(PageContext page) {
        var c = page.core().config().current();
        page.put("deployments", c.deployments());
        page.put("config", c);
    }

    @Override
    public void post(PageContext page) {
        var config = page.core().config();
        String action = page.param("action");
        if ("delete".equals(action)) {
            config.deleteDeployment(page.param("id"));
            page.redirect("deployments?done=deployment_deleted");
        } else if ("rename".equals(action)) {
            config.renameDeployment(page.param("id"), page.rawParam("name"));
            page.redirect("deployments?done=deployment_saved");
        } else {
            config.addDeployment(page.rawParam("name"));
            page.redirect("deployments?done=deployment_saved");
        }
    }
}
