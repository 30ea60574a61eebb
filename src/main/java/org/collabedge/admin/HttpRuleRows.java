package org.collabedge.admin;

import java.util.List;

import org.collabedge.config.EdgeConfig;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.http.rules.AllowRule;
import org.collabedge.http.rules.RuleCounters;

/** Rules as the HTTP allow-list pages list them: with deployment name, effective methods, hits and blocks. */
final class HttpRuleRows {

    /** One listed rule. */
    public record Row(AllowRule rule, String deploymentName, List<String> methods, long hits, long blocks) {
    }

    private HttpRuleRows() {
    }

    static List<Row> of(List<AllowRule> rules, AllowListService service, EdgeConfig config) {
        service.flush(); // this node's latest figures first
        List<String> defaults = service.rules().defaultMethods();
        return rules.stream().map(r -> {
            RuleCounters.Counts c = service.counts(r.id());
            return new Row(r, config.deploymentName(r.deploymentId()), r.effectiveMethods(defaults), c.hits(),
                    c.blocks());
        }).toList();
    }
}
