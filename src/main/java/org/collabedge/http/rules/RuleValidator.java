package org.collabedge.http.rules;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/** Checks a rule (from the form or a CSV row) and the default methods; every problem names its field. */
public final class RuleValidator {

    static final int MAX_DESCRIPTION = 256;
    static final int MAX_URL = 2048;

    private RuleValidator() {
    }

    /**
     * Validates a draft and returns it in canonical form (URL spelled canonically, methods in page order).
     *
     * @param others rules it must not duplicate (same URL, match type and deployment)
     * @throws ValidationException listing every problem
     */
    public static AllowRule check(AllowRule draft, EdgeConfig config, List<AllowRule> others) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        others.stream().filter(o -> !o.id().equals(draft.id())).forEach(o -> taken.add(key(o)));
        return check(draft, config, taken);
    }

    /** What two rules may not share: deployment, match type and canonical URL. */
    static String key(AllowRule rule) {
        return rule.deploymentId() + ' ' + rule.matchType() + ' ' + rule.url();
    }

    /**
     * As above, with the keys ({@link #key}) of the rules it must not duplicate already gathered, so a file of
     * thousands of rows is checked in linear time.
     */
    static AllowRule check(AllowRule draft, EdgeConfig config, java.util.Set<String> taken) {
        List<FieldError> errors = new ArrayList<>();
        String url = draft.url();
        if (url != null && url.length() > MAX_URL) {
            errors.add(new FieldError("rule.url", "error.too_long", MAX_URL));
        } else {
            try {
                url = RuleUrl.parse(url, "rule.url").toString();
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        List<String> methods = draft.methods();
        if (!draft.useDefaultMethods()) {
            for (String m : methods) {
                if (!HttpMethods.isKnown(m.trim().toUpperCase(java.util.Locale.ROOT))) {
                    errors.add(new FieldError("rule.methods", "error.http_method", m));
                }
            }
            methods = HttpMethods.normalise(methods);
            if (methods.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("rule.methods"))) {
                errors.add(new FieldError("rule.methods", "error.methods_empty"));
            }
        }
        if (draft.matchType() == null) {
            errors.add(new FieldError("rule.matchType", "error.required"));
        }
        if (draft.deploymentId() == null || config.deployment(draft.deploymentId()).isEmpty()) {
            errors.add(new FieldError("rule.deployment", "error.unknown_deployment", draft.deploymentId()));
        }
        String d = draft.description();
        if (d.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("rule.description", "error.too_long", MAX_DESCRIPTION));
        } else if (d.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("rule.description", "error.control_characters"));
        }
        if (errors.isEmpty() && taken.contains(draft.deploymentId() + ' ' + draft.matchType() + ' ' + url)) {
            errors.add(new FieldError("rule.url", "error.duplicate_rule", url));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AllowRule(draft.id(), url, draft.useDefaultMethods(), draft.useDefaultMethods() ? List.of()
                : methods, draft.matchType(), draft.deploymentId(), d.trim(), draft.authenticationRequired(),
                draft.origin());
    }

    /** The default methods: known ones only; an empty set is allowed (the seed's most secure setting). */
    public static List<String> checkDefaults(List<String> methods) {
        List<FieldError> errors = new ArrayList<>();
        for (String m : methods) {
            if (!HttpMethods.isKnown(m)) {
                errors.add(new FieldError("rule.defaultMethods", "error.http_method", m));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return HttpMethods.normalise(methods);
    }
}
