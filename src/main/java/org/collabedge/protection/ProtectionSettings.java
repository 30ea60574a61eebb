package org.collabedge.protection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The protection service's own settings document: authorization rate control (the seed's "Advanced" fields),
 * the automated intrusion protection switch, one rule per failure category, and the exempt addresses and blocks.
 *
 * <p>The seed names the fields but not every number. Rate control uses Expressway's defaults (3 authorizations per
 * 300 s). Categories on by default are the ones the seed lists and recommends for the outside edge (HTTP proxy
 * authorization failure, HTTP proxy protocol violation, XMPP protocol violation); HTTP proxy resource access failure
 * stays off, as the troubleshooting section warns that clients probing for resources get banned; the two SIP
 * categories are off as in the seed's default list. Thresholds and times are Fail2ban's usual values.
 */
public record ProtectionSettings(int maxAuthorizationsPerPeriod, int rateControlPeriodSeconds,
                                 boolean intrusionProtectionEnabled, Map<FailureCategory, CategorySettings> categories,
                                 List<String> exemptions) {

    public static final int DEFAULT_MAX_AUTHORIZATIONS = 3;
    public static final int DEFAULT_RATE_PERIOD_SECONDS = 300;

    public ProtectionSettings {
        // A document from an older node may lack a category: it gets the default rule.
        Map<FailureCategory, CategorySettings> all = new EnumMap<>(FailureCategory.class);
        for (FailureCategory c : FailureCategory.values()) {
            all.put(c, categories != null && categories.get(c) != null ? categories.get(c) : defaultFor(c));
        }
        categories = java.util.Collections.unmodifiableMap(all);
        exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
    }

    public static ProtectionSettings defaults() {
        return new ProtectionSettings(DEFAULT_MAX_AUTHORIZATIONS, DEFAULT_RATE_PERIOD_SECONDS, true, null, null);
    }

    public static CategorySettings defaultFor(FailureCategory category) {
        return switch (category) {
            case HTTP_PROXY_AUTHORIZATION -> new CategorySettings(true, 5, 600, 600);
            case HTTP_PROXY_PROTOCOL -> new CategorySettings(true, 5, 600, 600);
            case HTTP_PROXY_RESOURCE_ACCESS -> new CategorySettings(false, 20, 60, 600);
            case SIP_AUTHENTICATION -> new CategorySettings(false, 5, 600, 600);
            case SIP_PROTOCOL -> new CategorySettings(false, 5, 600, 600);
            case XMPP_PROTOCOL -> new CategorySettings(true, 5, 600, 600);
        };
    }

    public CategorySettings category(FailureCategory category) {
        return categories.get(category);
    }

    public ProtectionSettings withCategory(FailureCategory category, CategorySettings rule) {
        Map<FailureCategory, CategorySettings> m = new EnumMap<>(categories);
        m.put(category, rule);
        return new ProtectionSettings(maxAuthorizationsPerPeriod, rateControlPeriodSeconds,
                intrusionProtectionEnabled, m, exemptions);
    }

    public ProtectionSettings withExemptions(List<String> list) {
        return new ProtectionSettings(maxAuthorizationsPerPeriod, rateControlPeriodSeconds,
                intrusionProtectionEnabled, categories, list);
    }

    public ProtectionSettings withExemptionAdded(String exemption) {
        List<String> l = new ArrayList<>(exemptions);
        l.add(exemption);
        return withExemptions(l);
    }
}
