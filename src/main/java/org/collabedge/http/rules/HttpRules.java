package org.collabedge.http.rules;

import java.util.List;
import java.util.Optional;

/**
 * The editable part of the allow list as stored in its own shared document: the default methods and the rules the
 * admin made or uploaded. Automatic rules are not stored; they follow the internal servers.
 */
public record HttpRules(List<String> defaultMethods, List<AllowRule> rules) {

    public static final String DOCUMENT = "http-rules";

    public HttpRules {
        defaultMethods = defaultMethods == null ? List.of() : List.copyOf(defaultMethods);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** As on first start: GET is the default method, as in the seed; no editable rules. */
    public static HttpRules initial() {
        return new HttpRules(List.of("GET"), List.of());
    }

    public Optional<AllowRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
