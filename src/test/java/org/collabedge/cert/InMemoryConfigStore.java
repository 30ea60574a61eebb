package org.collabedge.cert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.host.ConfigStore;

/** A ConfigStore in memory; it counts who subscribes to change events, so tests can see nobody does twice. */
final class InMemoryConfigStore implements ConfigStore {

    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Optional<String> load(String document) {
        return Optional.ofNullable(documents.get(document));
    }

    @Override
    public void save(String document, String content) {
        documents.put(document, content);
    }

    @Override
    public void delete(String document) {
        documents.remove(document);
    }

    @Override
    public void onExternalChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    Map<String, String> documents() {
        return Map.copyOf(documents);
    }

    int listenerCount() {
        return listeners.size();
    }
}
