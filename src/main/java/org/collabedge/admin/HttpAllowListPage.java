package org.collabedge.admin;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.AllowRule;
import org.collabedge.http.rules.HttpMethods;

/**
 * The seed's "Editable rules": the default methods as checkboxes, and the rules made or uploaded by the admin with
 * their hits and blocks, selected by checkbox for a bulk delete.
 */
final class HttpAllowListPage implements AdminPage {

    @Override
    public String name() {
        return "http-allow-list";
    }

    @Override
    public void get(PageContext page) {
        AllowListService service = page.core().allowList();
        var config = page.core().config().current();
        page.put("rows", HttpRuleRows.of(service.rules().rules(), service, config));
        page.put("defaultMethods", service.rules().defaultMethods());
        page.put("allMethods", HttpMethods.ALL);
        page.put("automaticCount", service.automaticRules().size());
        page.put("multipleDeployments", config.deployments().size() > 1);
    }

    @Override
    public void post(PageContext page) {
        AllowListService service = page.core().allowList();
        String action = page.param("action");
        switch (action == null ? "" : action) {
            case "defaults" -> {
                List<String> methods = new ArrayList<>();
                for (String m : HttpMethods.ALL) {
                    if (page.flag("method." + m)) {
                        methods.add(m);
                    }
                }
                service.setDefaultMethods(methods);
                page.redirect(name() + "?done=http_defaults_saved");
            }
            case "delete" -> {
                List<String> ids = service.rules().rules().stream().map(AllowRule::id)
                        .filter(id -> page.flag("select." + id)).toList();
                if (ids.isEmpty()) {
                    throw new ValidationException(new FieldError("rule.select", "error.nothing_selected"));
                }
                service.deleteRules(ids);
                page.redirect(name() + "?done=http_rules_deleted");
            }
            default -> throw new ValidationException(new FieldError("rule.select", "error.choice",
                    String.valueOf(action)));
        }
    }
}
