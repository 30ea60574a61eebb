package org.collabedge.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans the host's "a stored document changed elsewhere" signal out to every service's documents. The host's store has
 * one subscription per core; services subscribe here while they run.
 */
public final class ExternalChanges {

    /** A subscription; closing it unsubscribes, never fails, and may be repeated. */
    public interface Subscription extends AutoCloseable {

        /** What a service holds before it subscribes and after it has unsubscribed. */
        Subscription NONE = () -> { };

        @Override
        void close();
    }

    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

    /** @return closing it unsubscribes */
    public Subscription subscribe(Consumer<String> subscriber) {
        // An entry of its own: closing one subscription (even twice) never removes another of the same subscriber.
        Entry entry = new Entry(subscriber);
        subscribers.add(entry);
        return () -> subscribers.remove(entry);
    }

    /** Compared by identity (a class, not a record), which is what makes each subscription its own. */
    private static final class Entry implements Consumer<String> {
        private final Consumer<String> subscriber;

        Entry(Consumer<String> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void accept(String document) {
            subscriber.accept(document);
        }
    }

    /** Convenience for a shared document: reload it when its name comes by. */
    public Subscription subscribe(SharedDocument<?> document) {
        return subscribe(document::externalChange);
    }

    public void publish(String document) {
        for (Consumer<String> s : subscribers) {
            s.accept(document);
        }
    }
}
