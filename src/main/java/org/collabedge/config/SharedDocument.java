package org.collabedge.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration document kept in the host's store and changed cluster-safely: every change runs under a
 * cluster-wide lock after re-reading the stored copy, so two admins on two nodes cannot lose each other's edits.
 * Each service with its own settings (SIP, HTTP proxy, identity, protection) keeps them in one of these; the edit
 * function validates and throws {@link ValidationException} to refuse.
 */
public final class SharedDocument<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedDocument.class);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final DocumentCodec<T> codec;
    private final Supplier<T> defaults;
    private final ConfigStore store;
    private final SharedLock lock;
    private final RestartNotices restartNotices;
    private final AtomicReference<T> current = new AtomicReference<>();
    private final List<DocumentListener<T>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param name     the document's name in the store, also its lock's name
     * @param defaults the content before anything was stored
     */
    public SharedDocument(String name, DocumentCodec<T> codec, Supplier<T> defaults, ConfigStore store,
                          SharedState shared, RestartNotices restartNotices) {
        this.name = Objects.requireNonNull(name);
        this.codec = Objects.requireNonNull(codec);
        this.defaults = Objects.requireNonNull(defaults);
        this.store = Objects.requireNonNull(store);
        this.lock = shared.lock(name.equals(ConfigService.DOCUMENT) ? "config" : "config:" + name);
        this.restartNotices = Objects.requireNonNull(restartNotices);
    }

    public String name() {
        return name;
    }

    /** Reads the stored document, or starts from the defaults on first run. */
    public void load() {
        current.set(readStored());
    }

    public T current() {
        T c = current.get();
        if (c == null) {
            throw new IllegalStateException("document '" + name + "' not loaded");
        }
        return c;
    }

    public void addListener(DocumentListener<T> listener) {
        listeners.add(listener);
    }

    public void removeListener(DocumentListener<T> listener) {
        listeners.remove(listener);
    }

    /** Told by the host that a stored document changed elsewhere (another node, or by hand). */
    public void externalChange(String document) {
        if (name.equals(document) && current.get() != null) {
            T before = current.get();
            T after = readStored();
            current.set(after);
            if (!before.equals(after)) {
                notifyListeners(before, after);
            }
        }
    }

    /**
     * Applies an edit to the freshly read stored document, stores the result and tells the listeners. The edit may
     * throw {@link ValidationException}; then nothing is stored.
     *
     * @return the stored result
     */
    public T change(UnaryOperator<T> edit) {
        boolean locked;
        try {
            locked = lock.tryLock(LOCK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the configuration lock", e);
        }
        if (!locked) {
            throw new IllegalStateException("the configuration is being changed elsewhere; try again");
        }
        T before;
        T after;
        try {
            before = readStored(); // another node may have changed it since we last looked
            after = Objects.requireNonNull(edit.apply(before), "an edit returned nothing");
            store.save(name, codec.write(after));
            current.set(after);
        } finally {
            lock.unlock();
        }
        notifyListeners(before, after);
        return after;
    }

    private void notifyListeners(T before, T after) {
        for (DocumentListener<T> l : listeners) {
            try {
                String restart = l.onChange(before, after);
                if (restart != null) {
                    restartNotices.add(restart);
                }
            } catch (RuntimeException e) {
                LOG.error("A service failed to apply a change of '{}'", name, e);
                restartNotices.add("a service could not apply the change: " + e.getMessage());
            }
        }
    }

    private T readStored() {
        return store.load(name).map(codec::read).orElseGet(defaults);
    }
}
