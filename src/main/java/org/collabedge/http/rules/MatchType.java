package org.collabedge.http.rules;

import java.util.Locale;
import java.util.Optional;

/** How a rule's path is compared with a request's path; see {@link RuleIndex} for the exact semantics. */
public enum MatchType {
    EXACT, PREFIX;

    /** "exact" or "prefix" as the CSV files write it. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the CSV spelling, case-insensitively. */
    public static Optional<MatchType> fromCsv(String value) {
        for (MatchType t : values()) {
            if (t.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
