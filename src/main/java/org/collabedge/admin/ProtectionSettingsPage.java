package org.collabedge.admin;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.collabedge.protection.CategorySettings;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.ProtectionSettings;
import org.collabedge.protection.ProtectionValidator;

/**
 * Authorization rate control (the seed's "Advanced" fields) and automated intrusion protection: the service switch
 * and one rule per category. Exemptions have their own page, so saving here keeps the stored exemptions.
 */
final class ProtectionSettingsPage implements AdminPage {

    /** One category's row: its key names the form fields ({@code <key>.threshold}) and the label. */
    public record Row(String key, CategorySettings rule) {
    }

    @Override
    public String name() {
        return "protection";
    }

    @Override
    public void get(PageContext page) {
        ProtectionSettings s = page.core().protectionService().config().current();
        page.put("settings", s);
        page.put("rows", List.of(FailureCategory.values()).stream().map(c -> new Row(c.key(), s.category(c))).toList());
    }

    @Override
    public void post(PageContext page) {
        int max = page.number("maxAuthorizationsPerPeriod", "protection.maxAuthorizationsPerPeriod");
        int period = page.number("rateControlPeriodSeconds", "protection.rateControlPeriodSeconds");
        Map<FailureCategory, CategorySettings> rules = new EnumMap<>(FailureCategory.class);
        for (FailureCategory c : FailureCategory.values()) {
            String k = c.key();
            rules.put(c, new CategorySettings(page.flag(k + ".enabled"),
                    page.number(k + ".threshold", ProtectionValidator.field(c, "threshold")),
                    page.number(k + ".windowSeconds", ProtectionValidator.field(c, "windowSeconds")),
                    page.number(k + ".banSeconds", ProtectionValidator.field(c, "banSeconds"))));
        }
        page.failIfParseErrors();
        page.core().protectionService().config().saveRules(new ProtectionSettings(max, period,
                page.flag("intrusionProtectionEnabled"), rules, List.of()));
        page.redirect("protection?done=protection_saved");
    }
}
