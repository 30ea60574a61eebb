package org.collabedge.openfire;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.ArrayList;

import org.jivesoftware.util.cache.Cache;

/**
 * Drops expired entries of one cache and answers how many went. Runs with the other atomic operations so it cannot
 * remove an entry a putIfAbsent has just refreshed. A plain put from another node is not serialised with it, so an
 * entry that turns out live once removed is put back.
 */
public final class PurgeExpiredTask extends AtomicCacheTask<Integer> {

    /** For deserialization on the senior member. */
    public PurgeExpiredTask() {
    }

    PurgeExpiredTask(String cacheName, long now) {
        super(cacheName, "", now);
    }

    @Override
    protected Integer apply(Cache<String, byte[]> cache, String ignored, long now) {
        int purged = 0;
        for (String key : new ArrayList<>(cache.keySet())) {
            byte[] raw = cache.get(key);
            if (raw == null || SharedEntry.isLive(raw, now)) {
                continue;
            }
            byte[] removed = cache.remove(key);
            if (removed != null && SharedEntry.isLive(removed, now)) {
                cache.put(key, removed); // a fresh value slipped in between get and remove
            } else if (removed != null) {
                purged++;
            }
        }
        return purged;
    }

    @Override
    protected void writeArguments(ObjectOutput out) {
        // nothing beyond the cache name and clock reading
    }

    @Override
    protected void readArguments(ObjectInput in) {
        // nothing beyond the cache name and clock reading
    }
}
