package org.collabedge.protection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/** Checks a protection settings document; every refusal names its field. */
public final class ProtectionValidator {

    static final int MAX_COUNT = 100_000;
    static final int MAX_PERIOD_SECONDS = 86_400;
    static final int MAX_BAN_SECONDS = 30 * 86_400;
    static final int MAX_EXEMPTIONS = 1_000;

    /** Field name of a category's value, e.g. {@code protection.sip_authentication.threshold}. */
    public static String field(FailureCategory category, String value) {
        return "protection." + category.key() + "." + value;
    }

    public void check(ProtectionSettings s) {
        List<FieldError> errors = new ArrayList<>();
        range(errors, "protection.maxAuthorizationsPerPeriod", s.maxAuthorizationsPerPeriod(), 1, MAX_COUNT);
        range(errors, "protection.rateControlPeriodSeconds", s.rateControlPeriodSeconds(), 1, MAX_PERIOD_SECONDS);
        for (Map.Entry<FailureCategory, CategorySettings> e : s.categories().entrySet()) {
            CategorySettings c = e.getValue();
            range(errors, field(e.getKey(), "threshold"), c.threshold(), 1, MAX_COUNT);
            range(errors, field(e.getKey(), "windowSeconds"), c.windowSeconds(), 1, MAX_PERIOD_SECONDS);
            range(errors, field(e.getKey(), "banSeconds"), c.banSeconds(), 1, MAX_BAN_SECONDS);
        }
        Set<Cidr> seen = new HashSet<>();
        for (String x : s.exemptions()) {
            var cidr = Cidr.parse(x);
            if (cidr.isEmpty()) {
                errors.add(new FieldError("protection.exemption", "error.protection.exemption", x));
            } else if (!cidr.get().toString().equals(x)) {
                errors.add(new FieldError("protection.exemption", "error.protection.exemption_form", x, cidr.get()));
            } else if (!seen.add(cidr.get())) {
                errors.add(new FieldError("protection.exemption", "error.protection.exemption_duplicate", x));
            }
        }
        if (s.exemptions().size() > MAX_EXEMPTIONS) {
            errors.add(new FieldError("protection.exemption", "error.protection.exemptions_many", MAX_EXEMPTIONS));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void range(List<FieldError> errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new FieldError(field, "error.protection.range", value, min, max));
        }
    }
}
