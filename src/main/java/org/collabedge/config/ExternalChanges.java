package org.collabedge.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans the host's "a stored document changed elsewhere" signal out to every service's documents. The host's store has
 * one subscription per core; services subscribe here while they run.
 */
public final class ExternalChanges {

    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

    /** @return closing it unsubscribes */
    public AutoCloseable subscribe(Consumer<String> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Convenience for a shared document: reload it when its name comes by. */
    public AutoCloseable subscribe(SharedDocument<?> document) {
        return subscribe(document::externalChange);
    }

    public void publish(String document) {
        for (Consumer<String> s : subscribers) {
            s.accept(document);
        }
    }
}
