package org.collabedge.http.rules;

import java.util.List;

/**
 * One allow-list rule: requests to this URL (scheme, host, port, path) in this deployment may pass with these
 * methods.
 *
 * @param url                    canonical URL text, see {@link RuleUrl#toString()}
 * @param useDefaultMethods      follow the list's default methods (and their later changes) instead of {@code methods}
 * @param methods                the rule's own methods, used when {@code useDefaultMethods} is false
 * @param authenticationRequired whether clients must present an edge identity; only an admin can switch it off
 */
public record AllowRule(String id, String url, boolean useDefaultMethods, List<String> methods, MatchType matchType,
                        String deploymentId, String description, boolean authenticationRequired, RuleOrigin origin) {

    public AllowRule {
        methods = methods == null ? List.of() : List.copyOf(methods);
        description = description == null ? "" : description;
    }

    /** The methods this rule allows under the given defaults. */
    public List<String> effectiveMethods(List<String> defaults) {
        return useDefaultMethods ? defaults : methods;
    }

    public RuleUrl parsedUrl() {
        return RuleUrl.parse(url, "rule.url");
    }

    public AllowRule withId(String newId) {
        return new AllowRule(newId, url, useDefaultMethods, methods, matchType, deploymentId, description,
                authenticationRequired, origin);
    }
}
