package org.collabedge.admin;

import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.collabedge.protection.BanHistory;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.ProtectionMetrics;
import org.collabedge.protection.ProtectionService;

/** The bans in force on every node, with "Unban", this node's counters and a bans-per-minute sparkline. */
final class BansPage implements AdminPage {

    /** One category's counters on this node. */
    public record CounterRow(String key, long failures, long bans) {
    }

    /** The last hour's bans per minute as an SVG polyline: {@code points} in a 240 x 40 box. */
    public record Sparkline(String points, long total, long peak) {

        static Sparkline of(long[] perMinute) {
            long peak = 1;
            long total = 0;
            for (long v : perMinute) {
                peak = Math.max(peak, v);
                total += v;
            }
            StringBuilder sb = new StringBuilder();
            double step = 240.0 / Math.max(1, perMinute.length - 1);
            for (int i = 0; i < perMinute.length; i++) {
                double y = 38 - 36.0 * perMinute[i] / peak; // 2 px margin top and bottom
                sb.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.1f,%.1f", i * step, y));
            }
            return new Sparkline(sb.toString(), total, peak);
        }
    }

    @Override
    public String name() {
        return "bans";
    }

    @Override
    public void get(PageContext page) {
        ProtectionService service = page.core().protectionService();
        ProtectionMetrics m = service.metrics();
        page.put("bans", service.bans().current());
        page.put("storeProblem", service.banStoreProblem());
        page.put("counters", List.of(FailureCategory.values()).stream()
                .map(c -> new CounterRow(c.key(), m.failures(c), m.bans(c))).toList());
        page.put("unbansAdmin", m.unbans("admin"));
        page.put("unbansExpired", m.unbans("expired"));
        page.put("authorizationsAllowed", m.authorizations(true));
        page.put("authorizationsRefused", m.authorizations(false));
        page.put("sparkline", Sparkline.of(service.history().perMinute()));
        page.put("minutes", BanHistory.MINUTES);
    }

    @Override
    public void post(PageContext page) {
        String address = page.param("address");
        if (address == null || !page.core().protectionService().bans().unban(address, "admin page")) {
            throw new ValidationException(new FieldError("protection.address", "error.protection.no_ban",
                    address == null ? "" : address));
        }
        page.redirect("bans?done=unbanned");
    }
}
