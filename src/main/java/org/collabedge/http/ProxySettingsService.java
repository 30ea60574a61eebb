package org.collabedge.http;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.FieldError;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the HTTP proxy settings in their shared document, refuses invalid ones with field errors, and tells its
 * followers (the running HTTPS edge) about every change, made here or on another node, so limits apply live.
 */
public final class ProxySettingsService {

    private static final Logger LOG = LoggerFactory.getLogger(ProxySettingsService.class);

    private final SharedDocument<ProxySettings> document;
    private final List<Consumer<ProxySettings>> followers = new CopyOnWriteArrayList<>();
    private final DocumentListener<ProxySettings> listener = (before, after) -> {
        followers.forEach(f -> f.accept(after));
        return null;
    };
    private AutoCloseable subscription;

    public ProxySettingsService(ConfigStore store, SharedState shared, RestartNotices notices) {
        this.document = new SharedDocument<>(ProxySettings.DOCUMENT, new DocumentCodec<>(ProxySettings.class, 1),
                ProxySettings::defaults, store, shared, notices);
    }

    public synchronized void start(ExternalChanges changes) {
        document.load();
        document.addListener(listener);
        subscription = changes.subscribe(document);
    }

    public synchronized void stop() {
        document.removeListener(listener);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribing the HTTP proxy settings", e);
            }
            subscription = null;
        }
    }

    public ProxySettings current() {
        return document.current();
    }

    /** Called with the current settings now and with every later change. */
    public void follow(Consumer<ProxySettings> follower) {
        followers.add(Objects.requireNonNull(follower));
        follower.accept(current());
    }

    /** @throws ValidationException naming each field out of range */
    public void save(ProxySettings settings) {
        List<FieldError> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        document.change(old -> settings);
    }
}
