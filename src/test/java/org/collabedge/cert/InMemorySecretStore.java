package org.collabedge.cert;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.collabedge.host.SecretStore;

/** A SecretStore in memory, copying bytes in and out as a real store would. */
final class InMemorySecretStore implements SecretStore {

    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

    @Override
    public void put(String id, byte[] secret) {
        secrets.put(id, secret.clone());
    }

    @Override
    public Optional<byte[]> get(String id) {
        return Optional.ofNullable(secrets.get(id)).map(byte[]::clone);
    }

    @Override
    public void delete(String id) {
        secrets.remove(id);
    }

    @Override
    public boolean contains(String id) {
        return secrets.containsKey(id);
    }

    Map<String, byte[]> all() {
        return Map.copyOf(secrets);
    }
}
