package org.collabedge.host;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A map shared by all nodes. Every entry has its own time to live; an expired entry is gone for every reader,
 * whether or not it has been swept yet.
 */
public interface SharedMap<V extends Serializable> {

    /** Sentinel time to live for entries that never expire. */
    Duration FOREVER = Duration.ZERO;

    Optional<V> get(String key);

    /** Stores the value for {@code ttl} ({@link #FOREVER} for no expiry). */
    void put(String key, V value, Duration ttl);

    /** Stores the value only when no live entry has the key; atomic across nodes. True when it was stored. */
    boolean putIfAbsent(String key, V value, Duration ttl);

    /** Removes the entry; true when a live one was there. */
    boolean remove(String key);

    /** A snapshot of the live entries. */
    Map<String, V> snapshot();

    /** Number of live entries. */
    int size();

    /** Drops every expired entry now; returns how many went. Hosts also run this on a timer. */
    int purgeExpired();
}
