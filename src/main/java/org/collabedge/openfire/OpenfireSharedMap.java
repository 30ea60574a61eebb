package org.collabedge.openfire;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.collabedge.host.SharedMap;
import org.jivesoftware.util.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SharedMap} on an Openfire cache ({@code collabedge-<name>}), cluster-wide when Openfire is clustered.
 * Values are stored as {@link SharedEntry} bytes; expiry is checked on every read, so an expired entry is gone
 * for every reader before the purge sweeps it. Reads, put and remove go straight to the cache; putIfAbsent and
 * the purge run atomically through the {@link AtomicExecutor}.
 */
final class OpenfireSharedMap<V extends Serializable> implements SharedMap<V> {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireSharedMap.class);

    private final String cacheName;
    private final Cache<String, byte[]> cache;
    private final Clock clock;
    private final AtomicExecutor atomics;

    OpenfireSharedMap(String cacheName, Cache<String, byte[]> cache, Clock clock, AtomicExecutor atomics) {
        this.cacheName = cacheName;
        this.cache = cache;
        this.clock = clock;
        this.atomics = atomics;
    }

    @Override
    public Optional<V> get(String key) {
        byte[] raw = cache.get(Objects.requireNonNull(key, "key"));
        if (!SharedEntry.isLive(raw, clock.millis())) {
            return Optional.empty();
        }
        return Optional.ofNullable(decode(key, raw));
    }

    @Override
    public void put(String key, V value, Duration ttl) {
        cache.put(Objects.requireNonNull(key, "key"), encode(value, ttl));
    }

    @Override
    public boolean putIfAbsent(String key, V value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        return atomics.execute(new PutIfAbsentTask(cacheName, key, clock.millis(), encode(value, ttl), false), cache);
    }

    @Override
    public boolean remove(String key) {
        byte[] removed = cache.remove(Objects.requireNonNull(key, "key"));
        return SharedEntry.isLive(removed, clock.millis());
    }

    @Override
    public Map<String, V> snapshot() {
        long now = clock.millis();
        Map<String, V> live = new HashMap<>();
        for (Map.Entry<String, byte[]> entry : cache.entrySet()) {
            if (SharedEntry.isLive(entry.getValue(), now)) {
                V value = decode(entry.getKey(), entry.getValue());
                if (value != null) {
                    live.put(entry.getKey(), value);
                }
            }
        }
        return live;
    }

    @Override
    public int size() {
        long now = clock.millis();
        int live = 0;
        for (byte[] raw : cache.values()) {
            if (SharedEntry.isLive(raw, now)) {
                live++;
            }
        }
        return live;
    }

    @Override
    public int purgeExpired() {
        return atomics.execute(new PurgeExpiredTask(cacheName, clock.millis()), cache);
    }

    private byte[] encode(V value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        return SharedEntry.encode(SharedEntry.expiry(clock.millis(), ttl), SharedEntry.serialize(value));
    }

    private V decode(String key, byte[] raw) {
        try {
            return SharedEntry.deserialize(raw);
        } catch (IllegalStateException e) {
            // Written by another version of the plugin whose classes changed: treat as absent.
            LOG.warn("Dropping unreadable entry {} of {}: {}", key, cacheName, e.getMessage());
            return null;
        }
    }
}
