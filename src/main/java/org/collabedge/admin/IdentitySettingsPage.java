package org.collabedge.admin;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.auth.IdentitySettings;
import org.collabedge.auth.SsoMode;
import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/** The seed's "Single Sign-on support" and its Advanced credential settings, for the edge's one token service. */
final class IdentitySettingsPage implements AdminPage {

    @Override
    public String name() {
        return "identity-settings";
    }

    @Override
    public void get(PageContext page) {
        page.put("identity", page.core().identity().settings().current());
        page.put("ssoModes", SsoMode.values());
        page.put("maxMinutes", IdentitySettings.MAX_MINUTES);
        page.put("maxSipExtra", IdentitySettings.MAX_SIP_EXTRA_SECONDS);
    }

    @Override
    public void post(PageContext page) {
        IdentitySettings s = new IdentitySettings(
                page.choice("ssoMode", SsoMode.class, "identity.ssoMode"),
                page.number("credentialsRefreshMinutes", "identity.credentialsRefreshMinutes"),
                page.number("credentialsCleanupMinutes", "identity.credentialsCleanupMinutes"),
                page.number("sipTokenExtraTtlSeconds", "identity.sipTokenExtraTtlSeconds"),
                page.flag("checkInternalSsoAvailability"),
                page.flag("credentialCaching"));
        refuseWithEveryProblem(page, s);
        page.core().identity().settings().save(s);
        page.redirect("identity-settings?done=identity_saved");
    }

    /** Names every wrong field at once: the unreadable ones and the out-of-range ones. */
    private static void refuseWithEveryProblem(PageContext page, IdentitySettings s) {
        if (page.parseErrors().isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>(page.parseErrors());
        try {
            s.validated();
        } catch (ValidationException e) {
            e.errors().stream()
                    .filter(v -> errors.stream().noneMatch(p -> p.field().equals(v.field())))
                    .forEach(errors::add);
        }
        throw new ValidationException(errors);
    }
}
