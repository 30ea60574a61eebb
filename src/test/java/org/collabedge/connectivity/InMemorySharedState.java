package org.collabedge.connectivity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;

/**
 * Shared state in one JVM for tests. Values are stored serialized, as a cluster would carry them, so a value that
 * cannot cross nodes fails here too. Only maps are provided.
 */
final class InMemorySharedState implements SharedState {

    private final Map<String, FakeMap<?>> maps = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <V extends Serializable> SharedMap<V> map(String name) {
        return (SharedMap<V>) maps.computeIfAbsent(name, n -> new FakeMap<>());
    }

    /** The names of the maps asked for so far. */
    java.util.Set<String> mapNames() {
        return maps.keySet();
    }

    @Override
    public SharedCounters counters(String name) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public SharedLock lock(String name) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    static final class FakeMap<V extends Serializable> implements SharedMap<V> {

        private record Entry(byte[] value, Instant expires) {
            boolean live() {
                return expires == null || Instant.now().isBefore(expires);
            }
        }

        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        volatile Duration lastTtl;

        @Override
        public Optional<V> get(String key) {
            Entry entry = entries.get(key);
            return entry != null && entry.live() ? Optional.of(read(entry.value())) : Optional.empty();
        }

        @Override
        public void put(String key, V value, Duration ttl) {
            lastTtl = ttl;
            entries.put(key, new Entry(write(value), ttl.isZero() ? null : Instant.now().plus(ttl)));
        }

        @Override
        public boolean putIfAbsent(String key, V value, Duration ttl) {
            purgeExpired();
            lastTtl = ttl;
            return entries.putIfAbsent(key, new Entry(write(value), ttl.isZero() ? null : Instant.now().plus(ttl)))
                    == null;
        }

        @Override
        public boolean remove(String key) {
            Entry removed = entries.remove(key);
            return removed != null && removed.live();
        }

        @Override
        public Map<String, V> snapshot() {
            return entries.entrySet().stream().filter(e -> e.getValue().live())
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> read(e.getValue().value())));
        }

        @Override
        public int size() {
            return (int) entries.values().stream().filter(Entry::live).count();
        }

        @Override
        public int purgeExpired() {
            int before = entries.size();
            entries.values().removeIf(e -> !e.live());
            return before - entries.size();
        }

        private static byte[] write(Serializable value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @SuppressWarnings("unchecked")
        private V read(byte[] value) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(value))) {
                return (V) in.readObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
