package org.collabedge.sip.cluster;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.FieldError;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedState;

/**
 * Owns the {@value PeerSettings#DOCUMENT} document (where the node-to-node SIP listener listens): loads it,
 * validates and stores changes under the cluster lock, and tells the SIP service, which reopens the listener.
 */
public final class PeerSettingsService implements AutoCloseable {

    static final int VERSION = 1;

    private final SharedDocument<PeerSettings> document;
    private final Supplier<EdgeConfig> foundation;
    private final PeerSettingsValidator validator = new PeerSettingsValidator();
    private ExternalChanges.Subscription subscription = ExternalChanges.Subscription.NONE;

    public PeerSettingsService(ConfigStore store, SharedState shared, RestartNotices restartNotices,
                               Supplier<EdgeConfig> foundation) {
        this.document = new SharedDocument<>(PeerSettings.DOCUMENT, new DocumentCodec<>(PeerSettings.class, VERSION),
                PeerSettings::defaults, store, shared, restartNotices);
        this.foundation = Objects.requireNonNull(foundation);
    }

    /** Reads the stored document (or the defaults) and follows changes other nodes make. */
    public void load(ExternalChanges externalChanges) {
        document.load();
        subscription = externalChanges.subscribe(document);
    }

    @Override
    public void close() {
        subscription.close();
    }

    public PeerSettings current() {
        return document.current();
    }

    /** Stores new settings, refused with field errors ({@link PeerSettingsValidator}) when they cannot work. */
    public void save(PeerSettings settings) {
        Objects.requireNonNull(settings);
        document.change(old -> {
            List<FieldError> errors = validator.check(settings, foundation.get().settings());
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return settings;
        });
    }

    /** The SIP service listens here to reopen its node-to-node listener. */
    public void addListener(DocumentListener<PeerSettings> listener) {
        document.addListener(listener);
    }

    public void removeListener(DocumentListener<PeerSettings> listener) {
        document.removeListener(listener);
    }
}
