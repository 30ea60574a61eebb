package org.collabedge.openfire;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

import org.jivesoftware.util.cache.Cache;

/**
 * Adds to a counter and answers the new value. A counter that is missing or expired starts at zero and expires
 * {@code ttlMillis} after now (zero: never); adding keeps an existing counter's expiry, which is what a fixed-window
 * rate counter needs.
 */
public final class AddAndGetTask extends AtomicCacheTask<Long> {

    private long delta;
    private long expiresAt;

    /** For deserialization on the senior member. */
    public AddAndGetTask() {
    }

    /** @param expiresAt expiry a new counter gets ({@link SharedEntry#NEVER} for none) */
    AddAndGetTask(String cacheName, String key, long now, long delta, long expiresAt) {
        super(cacheName, key, now);
        this.delta = delta;
        this.expiresAt = expiresAt;
    }

    @Override
    protected Long apply(Cache<String, byte[]> cache, String key, long now) {
        byte[] existing = cache.get(key);
        long value = delta;
        long expiry = expiresAt;
        if (SharedEntry.isLive(existing, now)) {
            value = SharedEntry.longValue(existing) + delta;
            expiry = SharedEntry.expiresAt(existing);
        }
        cache.put(key, SharedEntry.ofLong(expiry, value));
        return value;
    }

    @Override
    protected void writeArguments(ObjectOutput out) throws IOException {
        out.writeLong(delta);
        out.writeLong(expiresAt);
    }

    @Override
    protected void readArguments(ObjectInput in) throws IOException {
        delta = in.readLong();
        expiresAt = in.readLong();
    }
}
