package org.collabedge.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.collabedge.host.ConfigStore;
import org.collabedge.host.SecretStore;

/** In-memory host stores (configuration documents, secrets) for tests that build services without a host. */
public final class MemoryStores {

    private MemoryStores() {
    }

    public static ConfigStore configs() {
        Map<String, String> docs = new ConcurrentHashMap<>();
        return new ConfigStore() {
            public Optional<String> load(String document) {
                return Optional.ofNullable(docs.get(document));
            }

            public void save(String document, String content) {
                docs.put(document, content);
            }

            public void delete(String document) {
                docs.remove(document);
            }

            public void onExternalChange(Consumer<String> listener) {
            }
        };
    }

    public static SecretStore secrets() {
        Map<String, byte[]> secrets = new ConcurrentHashMap<>();
        return new SecretStore() {
            public void put(String id, byte[] secret) {
                secrets.put(id, secret.clone());
            }

            public Optional<byte[]> get(String id) {
                return Optional.ofNullable(secrets.get(id)).map(byte[]::clone);
            }

            public void delete(String id) {
                secrets.remove(id);
            }

            public boolean contains(String id) {
                return secrets.containsKey(id);
            }
        };
    }
}
