package org.collabedge.admin;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.AllowRule;
import org.collabedge.http.rules.HttpMethods;
import org.collabedge.http.rules.MatchType;
import org.collabedge.http.rules.RuleOrigin;

/**
 * Creates, views and edits one rule (the seed's "New" and "View/Edit"). Automatic rules are shown read-only.
 */
final class HttpRulePage implements AdminPage {

    @Override
    public String name() {
        return "http-rule";
    }

    @Override
    public void get(PageContext page) {
        AllowListService service = page.core().allowList();
        var config = page.core().config().current();
        String id = page.param("id");
        if (id != null) {
            List<AllowRule> all = new ArrayList<>(service.rules().rules());
            all.addAll(service.automaticRules());
            all.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(r -> {
                page.put("rule", r);
                page.put("row", HttpRuleRows.of(List.of(r), service, config).get(0));
                page.put("readOnly", r.origin() == RuleOrigin.AUTOMATIC);
            });
        }
        page.put("allMethods", HttpMethods.ALL);
        page.put("defaultMethods", service.rules().defaultMethods());
        page.put("matchTypes", MatchType.values());
        page.put("deployments", config.deployments());
    }

    @Override
    public void post(PageContext page) {
        AllowListService service = page.core().allowList();
        String id = page.param("id");
        MatchType matchType = page.choice("matchType", MatchType.class, "rule.matchType");
        page.failIfParseErrors();
        List<String> methods = new ArrayList<>();
        for (String m : HttpMethods.ALL) {
            if (page.flag("method." + m)) {
                methods.add(m);
            }
        }
        String deployment = page.param("deployment");
        RuleOrigin origin = id == null ? RuleOrigin.MANUAL
                : service.rules().rule(id).map(AllowRule::origin).orElse(RuleOrigin.MANUAL);
        String description = page.param("description");
        service.saveRule(new AllowRule(id, page.param("url"), !"choose".equals(page.param("methodsMode")), methods,
                matchType, deployment == null ? Deployment.DEFAULT_ID : deployment,
                description == null ? "" : description, page.flag("authenticationRequired"), origin));
        page.redirect("http-allow-list?done=http_rule_saved");
    }
}
