package org.collabedge.openfire;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.jivesoftware.util.cache.Cache;

/**
 * An Openfire cache on a ConcurrentHashMap. With {@code slow}, every get pauses briefly, which widens the window
 * between a read and the following write so that a read-modify-write without a lock would lose races.
 */
final class FakeCache<K, V> implements Cache<K, V> {

    private final Map<K, V> map = new ConcurrentHashMap<>();
    private String name;
    private final boolean slow;

    FakeCache(String name, boolean slow) {
        this.name = name;
        this.slow = slow;
    }

    FakeCache(String name) {
        this(name, false);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public long getMaxCacheSize() {
        return -1;
    }

    @Override
    public void setMaxCacheSize(int maxSize) {
    }

    @Override
    public long getMaxLifetime() {
        return -1;
    }

    @Override
    public void setMaxLifetime(long maxLifetime) {
    }

    @Override
    public int getCacheSize() {
        return map.size();
    }

    @Override
    public long getCacheHits() {
        return 0;
    }

    @Override
    public long getCacheMisses() {
        return 0;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    @Override
    public V get(Object key) {
        V value = map.get(key);
        if (slow) {
            LockSupport.parkNanos(200_000);
        }
        return value;
    }

    @Override
    public V put(K key, V value) {
        return map.put(key, value);
    }

    @Override
    public V remove(Object key) {
        return map.remove(key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        map.putAll(m);
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public Set<K> keySet() {
        return map.keySet();
    }

    @Override
    public Collection<V> values() {
        return map.values();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return map.entrySet();
    }
}
