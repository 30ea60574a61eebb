package org.collabedge.auth;

import java.util.Objects;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedState;

/**
 * The identity settings document ("identity-config"): loaded at start, changed cluster-safely and validated, reloaded
 * when another node changes it. The SAML service reads the SSO mode through {@link IdentityPolicy}.
 */
public final class IdentitySettingsService implements IdentityPolicy {

    public static final String DOCUMENT = "identity-config";
    private final SharedDocument<IdentitySettings> document;
    private ExternalChanges.Subscription subscription = ExternalChanges.Subscription.NONE;

    public IdentitySettingsService(ConfigStore store, SharedState shared, RestartNotices restartNotices) {
        this.document = new SharedDocument<>(DOCUMENT, new DocumentCodec<>(IdentitySettings.class, 1),
                IdentitySettings::defaults, store, shared, restartNotices);
    }

    /** Loads the stored settings and follows other nodes' changes through {@code changes}. */
    public void start(ExternalChanges changes) {
        document.load();
        subscription = changes.subscribe(document);
    }

    public void stop() {
        subscription.close();
    }

    public IdentitySettings current() {
        return document.current();
    }

    /** Validates and stores new settings; throws {@link org.collabedge.config.ValidationException} to refuse. */
    public IdentitySettings save(IdentitySettings settings) {
        Objects.requireNonNull(settings);
        return document.change(before -> settings.validated());
    }

    public void addListener(DocumentListener<IdentitySettings> listener) {
        document.addListener(listener);
    }

    public void removeListener(DocumentListener<IdentitySettings> listener) {
        document.removeListener(listener);
    }

    @Override
    public SsoMode ssoMode() {
        return current().ssoMode();
    }

    @Override
    public boolean checkInternalSsoAvailability() {
        return current().checkInternalSsoAvailability();
    }
}
