package org.collabedge.standalone;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.collabedge.host.SharedMap;

/** A {@link SharedMap} in this JVM: entries carry their expiry and are invisible once it has passed. */
final class LocalSharedMap<V extends Serializable> implements SharedMap<V> {

    private record Entry<V>(V value, long expiresAt) {
        boolean liveAt(long now) {
            return expiresAt == 0 || now < expiresAt;
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    LocalSharedMap(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<V> get(String key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!e.liveAt(clock.millis())) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    @Override
    public void put(String key, V value, Duration ttl) {
        entries.put(key, new Entry<>(value, expiry(ttl)));
    }

    @Override
    public boolean putIfAbsent(String key, V value, Duration ttl) {
        Entry<V> fresh = new Entry<>(value, expiry(ttl));
        long now = clock.millis();
        boolean[] stored = {false};
        entries.compute(key, (k, old) -> {
            if (old != null && old.liveAt(now)) {
                return old;
            }
            stored[0] = true;
            return fresh;
        });
        return stored[0];
    }

    @Override
    public boolean remove(String key) {
        Entry<V> e = entries.remove(key);
        return e != null && e.liveAt(clock.millis());
    }

    @Override
    public Map<String, V> snapshot() {
        long now = clock.millis();
        Map<String, V> live = new HashMap<>();
        entries.forEach((k, e) -> {
            if (e.liveAt(now)) {
                live.put(k, e.value());
            }
        });
        return live;
    }

    @Override
    public int size() {
        long now = clock.millis();
        return (int) entries.values().stream().filter(e -> e.liveAt(now)).count();
    }

    @Override
    public int purgeExpired() {
        long now = clock.millis();
        int before = entries.size();
        entries.values().removeIf(e -> !e.liveAt(now));
        return Math.max(0, before - entries.size());
    }

    private long expiry(Duration ttl) {
        if (ttl == null || ttl.isZero()) {
            return 0;
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative time to live: " + ttl);
        }
        return clock.millis() + ttl.toMillis();
    }
}
