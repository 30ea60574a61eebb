package org.collabedge.openfire;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

import org.jivesoftware.util.cache.Cache;

/**
 * Stores an encoded entry when no live entry has the key. With {@code renewOwn}, an existing live entry with the same
 * payload is overwritten too (a lease renewed by its owner). Answers whether the entry was stored.
 */
public final class PutIfAbsentTask extends AtomicCacheTask<Boolean> {

    private byte[] entry;
    private boolean renewOwn;

    /** For deserialization on the senior member. */
    public PutIfAbsentTask() {
    }

    PutIfAbsentTask(String cacheName, String key, long now, byte[] entry, boolean renewOwn) {
        super(cacheName, key, now);
        this.entry = entry;
        this.renewOwn = renewOwn;
    }

    @Override
    protected Boolean apply(Cache<String, byte[]> cache, String key, long now) {
        byte[] existing = cache.get(key);
        if (SharedEntry.isLive(existing, now) && !(renewOwn && SharedEntry.samePayload(existing, entry))) {
            return Boolean.FALSE;
        }
        cache.put(key, entry);
        return Boolean.TRUE;
    }

    @Override
    protected void writeArguments(ObjectOutput out) throws IOException {
        writeBytes(out, entry);
        out.writeBoolean(renewOwn);
    }

    @Override
    protected void readArguments(ObjectInput in) throws IOException {
        entry = readBytes(in);
        renewOwn = in.readBoolean();
    }
}
