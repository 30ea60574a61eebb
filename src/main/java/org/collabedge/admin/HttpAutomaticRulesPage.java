package org.collabedge.admin;

import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.AutomaticRules;

/**
 * The seed's "Automatically added rules": the known internal servers (address, type, deployment), the rule table
 * per server type (table 2), and the rules in force for each server with their hits and blocks. Read-only: the rules
 * follow the internal servers.
 */
final class HttpAutomaticRulesPage implements AdminPage {

    @Override
    public String name() {
        return "http-automatic-rules";
    }

    @Override
    public void get(PageContext page) {
        AllowListService service = page.core().allowList();
        var config = page.core().config().current();
        page.put("config", config);
        page.put("servers", config.servers());
        page.put("table", AutomaticRules.TABLE);
        page.put("rows", HttpRuleRows.of(service.automaticRules(), service, config));
    }

    @Override
    public void post(PageContext page) {
        page.redirect(name()); // read-only
    }
}
