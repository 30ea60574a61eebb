package org.collabedge.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.collabedge.sip.status.RegistrationView;

/** Every SIP binding cluster-wide, the edge's own and those relayed to internal call control, filtered by address. */
final class SipRegistrationsPage implements AdminPage {

    /** A binding as listed, with the seconds it has left. */
    public record Row(RegistrationView binding, long secondsLeft) {
    }

    @Override
    public String name() {
        return "sip-registrations";
    }

    @Override
    public void get(PageContext page) {
        String filter = page.param("address");
        Instant now = page.core().host().clock().instant();
        List<RegistrationView> all = page.core().sipStatus().registrations();
        List<Row> rows = all.stream()
                .filter(r -> filter == null || contains(r.addressOfRecord(), filter))
                .sorted(Comparator.comparing(RegistrationView::addressOfRecord)
                        .thenComparing(RegistrationView::contact))
                .map(r -> new Row(r, Math.max(0, Duration.between(now, r.expiresAt()).toSeconds())))
                .toList();
        page.put("rows", rows);
        page.put("total", all.size());
        page.put("filter", filter);
    }

    private static boolean contains(String address, String filter) {
        return address != null && address.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
    }

    @Override
    public void post(PageContext page) {
        throw new org.collabedge.config.ValidationException(
                new org.collabedge.config.FieldError("registration.address", "error.sip.read_only"));
    }
}
